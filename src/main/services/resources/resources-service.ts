import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { GitStatus } from '../../../shared/contract/git';
import {
  RESOURCE_MAX_BYTES,
  RESOURCE_UPLOAD_DIR,
  type BrokenResource,
  type ResourceContent,
  type ResourceInfo,
  type ResourcesService,
  type ResourceSourceState,
  type ResourceVersionInfo,
} from '../../../shared/contract/resources';
import type { WorkspaceService } from '../../../shared/contract/workspace';
import { nameSchema } from '../../../shared/model/common';
import {
  compareResourceVersions,
  RESOURCE_VERSION_PATTERN,
  type ResourceVersion,
} from '../../../shared/model/resource';
import { AppError } from '../../../shared/rpc/errors';
import { decodeText } from '../git/worktree-files';
import { TEMP_MARKER } from '../workspace/ignored-paths';
import { resolveInside, toRelative } from '../workspace/path-guard';
import {
  newResourceText,
  parseResourceFile,
  requireFormat,
  resourceFilePath,
  RESOURCES_DIR,
  RESOURCE_SUFFIX,
  withVersionAdded,
  withVersionRemoved,
  type ResourceDocument,
} from './resource-file';
import { scanReferences, type PinnedReference, type ReferenceCache } from './resource-references';

/** The git operations resources build on (`WorkspaceGitService`). */
export interface ResourcesGit {
  status(): Promise<GitStatus>;
  stage(args: { paths: string[] }): Promise<void>;
  commit(args: { message: string }): Promise<{ oid: string }>;
  readBytesAt(args: { path: string; ref: string }): Promise<Uint8Array | null>;
}

export interface ResourcesServiceOptions {
  workspace: Pick<WorkspaceService, 'current' | 'readFile' | 'writeFile' | 'delete'>;
  git: ResourcesGit;
  /** Clock for `createdAt` (tests). */
  now?: () => Date;
  /** Size limit in bytes (tests); default RESOURCE_MAX_BYTES. */
  maxBytes?: number;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const megabytes = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** The highest version with its patch number bumped; `V1.0.0` when there is none. */
export function suggestNextVersion(versions: readonly { version: string }[]): string {
  const valid = versions.map((v) => v.version).filter((v) => RESOURCE_VERSION_PATTERN.test(v));
  if (valid.length === 0) return 'V1.0.0';
  const [major, minor, patch] = valid.sort(compareResourceVersions).at(-1)!.slice(1).split('.').map(Number);
  return `V${major}.${minor}.${patch + 1}`;
}

function sourceStateOf(source: string | undefined, status: GitStatus, exists: boolean): ResourceSourceState {
  if (!source) return 'none';
  if (!exists) return 'missing';
  const entry = status.files.find((f) => f.path === source);
  if (!entry) return 'committed';
  if (entry.worktree === 'untracked' || (entry.index === 'added' && entry.worktree !== 'deleted'))
    return 'untracked';
  return 'modified';
}

/**
 * `ResourcesService` over the open workspace: resource files are edited as YAML documents
 * (comments survive), contents are read from git at the pinned commit, references come from
 * scanning the workspace's workflow files on each call (cached per file by size and mtime).
 */
export class ResourcesServiceNode implements ResourcesService {
  /** Parsed workflow pins by file (keyed by size + mtime), per workspace root. */
  private references: { root: string; cache: ReferenceCache } | null = null;

  constructor(private readonly options: ResourcesServiceOptions) {}

  private scan(root: string): Promise<PinnedReference[]> {
    if (this.references?.root !== root) this.references = { root, cache: new Map() };
    return scanReferences(root, this.references.cache);
  }

  private get maxBytes(): number {
    return this.options.maxBytes ?? RESOURCE_MAX_BYTES;
  }

  async list(): Promise<{ resources: ResourceInfo[]; broken: BrokenResource[] }> {
    const root = await this.root();
    const files = await this.resourceFiles(root);
    const [references, status] = await Promise.all([this.scan(root), this.gitStatus()]);
    const resources: ResourceInfo[] = [];
    const broken: BrokenResource[] = [];
    for (const file of files) {
      try {
        const rd = parseResourceFile(await fs.readFile(path.join(root, file), 'utf8'), file);
        resources.push(await this.info(root, file, rd, references, status));
      } catch (error) {
        broken.push({ file, error: error instanceof Error ? error.message : String(error) });
      }
    }
    resources.sort((a, b) => a.name.localeCompare(b.name));
    return { resources, broken };
  }

  async get(args: { name: string }): Promise<ResourceInfo> {
    const root = await this.root();
    const { file, rd } = await this.load(root, args.name);
    const [references, status] = await Promise.all([this.scan(root), this.gitStatus()]);
    return this.info(root, file, rd, references, status);
  }

  async create(args: { name: string; description?: string; source: string }): Promise<ResourceInfo> {
    const root = await this.root();
    const name = this.checkName(args.name);
    const absolute = await resolveInside(root, args.source);
    const source = toRelative(root, absolute);
    const stat = await fs.stat(absolute).catch(() => null);
    if (!stat?.isFile()) throw new AppError('NOT_FOUND', `${source}: no such file`);
    const format = requireFormat(source);
    this.checkSize(stat.size, source);
    await this.writeNew(root, name, {
      name,
      description: args.description?.trim() || undefined,
      format,
      source,
    });
    return this.get({ name });
  }

  async upload(args: {
    name: string;
    description?: string;
    fileName: string;
    base64: string;
  }): Promise<ResourceInfo> {
    const root = await this.root();
    const name = this.checkName(args.name);
    const fileName = args.fileName.trim();
    if (
      !fileName ||
      fileName !== path.posix.basename(fileName) ||
      fileName.includes('\\') ||
      fileName.startsWith('.')
    ) {
      throw new AppError('INVALID_ARGUMENT', `"${args.fileName}" is not a plain file name`);
    }
    const format = requireFormat(fileName);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(args.base64))
      throw new AppError('INVALID_ARGUMENT', 'the upload is not valid base64');
    const bytes = Buffer.from(args.base64, 'base64');
    this.checkSize(bytes.length, fileName);
    if (await this.exists(root, resourceFilePath(name))) throw this.nameTaken(name);
    const source = `${RESOURCE_UPLOAD_DIR}/${fileName}`;
    const absolute = await resolveInside(root, source);
    await fs.mkdir(path.dirname(absolute), { recursive: true });
    try {
      await fs.writeFile(absolute, bytes, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new AppError(
          'ALREADY_EXISTS',
          `${source} already exists: rename the file or register the existing one`,
        );
      }
      throw error;
    }
    try {
      await this.writeNew(root, name, {
        name,
        description: args.description?.trim() || undefined,
        format,
        source,
      });
    } catch (error) {
      await fs.rm(absolute, { force: true });
      throw error;
    }
    return this.get({ name });
  }

  async createVersion(args: {
    name: string;
    version: string;
    description?: string;
    commitMessage?: string;
  }): Promise<ResourceVersionInfo> {
    const root = await this.root();
    const version = this.checkVersion(args.version);
    const { file, rd, text } = await this.load(root, args.name);
    const { resource } = rd;
    if (resource.versions.some((v) => v.version === version)) {
      throw new AppError(
        'ALREADY_EXISTS',
        `${resource.name} already has version ${version}; versions never change, pick ${suggestNextVersion(resource.versions)}`,
      );
    }
    if (!resource.source)
      throw new AppError('INVALID_ARGUMENT', `${resource.name} has no source file to cut a version from`);
    const absolute = await resolveInside(root, resource.source);
    const source = toRelative(root, absolute);
    const stat = await fs.stat(absolute).catch(() => null);
    if (!stat?.isFile()) throw new AppError('NOT_FOUND', `${source}: the source file does not exist`);
    this.checkSize(stat.size, source);

    let state = sourceStateOf(source, await this.gitStatus(), true);
    if (state !== 'committed') {
      const message = args.commitMessage?.trim();
      if (!message) {
        throw new AppError(
          'CONFLICT',
          `${source} has uncommitted changes: a version is pinned to a commit, so commit the file first`,
        );
      }
      await this.options.git.stage({ paths: [source] });
      await this.options.git.commit({ message });
      state = sourceStateOf(source, await this.gitStatus(), true);
      if (state !== 'committed') throw new AppError('CONFLICT', `${source} still differs from the commit`);
    }
    const head = (await this.gitStatus()).head;
    const bytes = head ? await this.options.git.readBytesAt({ path: source, ref: head }) : null;
    if (!head || !bytes) throw new AppError('CONFLICT', `${source} is not committed yet: commit it first`);

    const entry: ResourceVersion = {
      version,
      ...(args.description?.trim() ? { description: args.description.trim() } : {}),
      commit: head,
      path: source,
      sha256: sha256(bytes),
      size: bytes.length,
      createdAt: (this.options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    await this.rewrite(file, text, withVersionAdded(rd, entry));
    return { ...entry, references: [] };
  }

  async readVersion(args: { name: string; version: string }): Promise<ResourceContent> {
    const root = await this.root();
    const { rd } = await this.load(root, args.name);
    const v = this.findVersion(rd, this.checkVersion(args.version));
    const bytes = await this.options.git
      .readBytesAt({ path: v.path, ref: v.commit })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === 'NOT_FOUND') return null;
        throw error;
      });
    if (!bytes)
      throw new AppError(
        'NOT_FOUND',
        `${v.path} is not in commit ${v.commit.slice(0, 7)} (was the history rewritten?)`,
      );
    const actual = sha256(bytes);
    if (actual !== v.sha256) {
      throw new AppError(
        'CONFLICT',
        `${rd.resource.name} ${v.version}: the content at ${v.commit.slice(0, 7)} has sha256 ${actual.slice(0, 12)}…, the version records ${v.sha256.slice(0, 12)}…`,
      );
    }
    const text = decodeText(bytes);
    return {
      fileName: path.posix.basename(v.path),
      size: bytes.length,
      sha256: actual,
      encoding: text === null ? 'binary' : 'utf-8',
      text: text ?? '',
      base64: Buffer.from(bytes).toString('base64'),
    };
  }

  async deleteVersion(args: { name: string; version: string }): Promise<void> {
    const root = await this.root();
    const { file, rd, text } = await this.load(root, args.name);
    const v = this.findVersion(rd, this.checkVersion(args.version));
    const users = (await this.scan(root)).filter(
      (r) => r.resource === rd.resource.name && r.version === v.version,
    );
    if (users.length > 0) {
      throw new AppError(
        'CONFLICT',
        `${rd.resource.name} ${v.version} is used by ${users.map((u) => `${u.workflow}.${u.task}`).join(', ')}: change those tasks first`,
      );
    }
    await this.rewrite(file, text, withVersionRemoved(rd, v.version));
  }

  async delete(args: { name: string }): Promise<void> {
    const root = await this.root();
    const { file, rd } = await this.load(root, args.name);
    const n = rd.resource.versions.length;
    if (n > 0)
      throw new AppError(
        'CONFLICT',
        `${rd.resource.name} still has ${n} version${n === 1 ? '' : 's'}: delete them first`,
      );
    await this.options.workspace.delete({ path: file });
  }

  private async info(
    root: string,
    file: string,
    rd: ResourceDocument,
    references: PinnedReference[],
    status: GitStatus,
  ): Promise<ResourceInfo> {
    const r = rd.resource;
    const mine = references.filter((ref) => ref.resource === r.name);
    const strip = ({ workflow, path: p, task, line }: PinnedReference) => ({ workflow, path: p, task, line });
    const versions: ResourceVersionInfo[] = [...r.versions]
      .sort((a, b) => compareResourceVersions(b.version, a.version))
      .map((v) => ({ ...v, references: mine.filter((ref) => ref.version === v.version).map(strip) }));
    const known = new Set(r.versions.map((v) => v.version));
    let exists = false;
    if (r.source)
      exists = !!(
        await resolveInside(root, r.source)
          .then(
            (a) => fs.stat(a),
            () => null,
          )
          .catch(() => null)
      )?.isFile();
    return {
      name: r.name,
      file,
      ...(r.description ? { description: r.description } : {}),
      format: r.format,
      ...(r.source ? { source: r.source } : {}),
      sourceState: sourceStateOf(r.source, status, exists),
      versions,
      suggestedVersion: suggestNextVersion(r.versions),
      danglingReferences: mine
        .filter((ref) => !known.has(ref.version))
        .map((ref) => ({ ...strip(ref), version: ref.version })),
    };
  }

  private async root(): Promise<string> {
    const current = await this.options.workspace.current();
    if (!current) throw new AppError('NO_WORKSPACE', 'no workspace is open');
    return current.root;
  }

  private async gitStatus(): Promise<GitStatus> {
    try {
      return await this.options.git.status();
    } catch {
      return { repository: false, branch: null, head: null, files: [] };
    }
  }

  private async resourceFiles(root: string): Promise<string[]> {
    const entries = await fs.readdir(path.join(root, RESOURCES_DIR), { withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) => e.isFile() && e.name.endsWith(RESOURCE_SUFFIX))
      .map((e) => `${RESOURCES_DIR}/${e.name}`)
      .sort();
  }

  private async load(
    root: string,
    name: string,
  ): Promise<{ file: string; rd: ResourceDocument; text: string }> {
    this.checkName(name);
    const file = resourceFilePath(name);
    let text: string;
    try {
      text = await fs.readFile(await resolveInside(root, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new AppError('NOT_FOUND', `no resource named "${name}" (${file})`);
      throw error;
    }
    return { file, rd: parseResourceFile(text, file), text };
  }

  /** Writes the edited resource file only if nobody changed it since it was read. */
  private async rewrite(file: string, original: string, text: string): Promise<void> {
    const current = await this.options.workspace.readFile({ path: file });
    if (current.text !== original)
      throw new AppError('CONFLICT', `${file} changed while it was being updated; try again`);
    await this.options.workspace.writeFile({ path: file, text, expectedVersion: current.version });
  }

  private async writeNew(
    root: string,
    name: string,
    resource: Parameters<typeof newResourceText>[0],
  ): Promise<void> {
    const file = resourceFilePath(name);
    if (await this.exists(root, file)) throw this.nameTaken(name);
    // writeFile without expectedVersion would replace a file created in the meantime; 'wx' would not.
    const absolute = await resolveInside(root, file);
    await fs.mkdir(path.dirname(absolute), { recursive: true });
    const tmp = path.join(path.dirname(absolute), `.${name}${TEMP_MARKER}${randomBytes(6).toString('hex')}`);
    await fs.writeFile(tmp, newResourceText(resource), { flag: 'wx' });
    try {
      await fs.link(tmp, absolute);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw this.nameTaken(name);
      throw error;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  private findVersion(rd: ResourceDocument, version: string): ResourceVersion {
    const v = rd.resource.versions.find((x) => x.version === version);
    if (!v) {
      const have = rd.resource.versions.map((x) => x.version);
      throw new AppError(
        'NOT_FOUND',
        `${rd.resource.name} has no version ${version}${have.length ? ` (has ${have.join(', ')})` : ' (no versions yet)'}`,
      );
    }
    return v;
  }

  private checkName(name: string): string {
    const parsed = nameSchema.safeParse(name);
    if (!parsed.success)
      throw new AppError('INVALID_ARGUMENT', `resource name "${name}" ${parsed.error.issues[0].message}`);
    return name;
  }

  private checkVersion(version: string): string {
    if (!RESOURCE_VERSION_PATTERN.test(version)) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `"${version}" is not a version: use V<major>.<minor>.<patch>, e.g. V1.0.1`,
      );
    }
    return version;
  }

  private checkSize(size: number, what: string): void {
    if (size > this.maxBytes) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `${what} is ${megabytes(size)}: resources are limited to ${megabytes(this.maxBytes)}`,
      );
    }
  }

  private nameTaken(name: string): AppError {
    return new AppError('ALREADY_EXISTS', `a resource named "${name}" already exists`);
  }

  private async exists(root: string, rel: string): Promise<boolean> {
    return !!(await fs.lstat(await resolveInside(root, rel)).catch(() => null));
  }
}
