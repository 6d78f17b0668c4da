import { type Stats, promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import YAML from 'yaml';
import { isValidZone } from '../../../shared/time/zone';
import {
  MAX_EDITABLE_BYTES,
  type Event,
  type FileChange,
  type FileContent,
  type FileEntry,
  type Problem,
  type RecentWorkspace,
  type WorkspaceInfo,
  type WorkspaceService,
} from '../../../shared/contract';
import { AppError } from '../../../shared/rpc/errors';
import { Emitter } from '../../../shared/emitter';
import { MAX_RECENT, type RecentWorkspaces } from '../settings/recent-workspaces';
import { FileWatcher } from './file-watcher';
import { SKIPPED_DIRS, TEMP_MARKER, isIgnoredPath } from './ignored-paths';
import { isInside, resolveInside, toRelative } from './path-guard';
import { workspaceTemplate } from './workspace-template';

/**
 * `validateWorkspace` from `src/shared/model/validate-file.ts`, injected so tests and the CLI
 * share it; the shells run it in a worker thread (`createWorkerValidator`).
 */
export type WorkspaceValidator = (files: ReadonlyMap<string, string>) => Problem[] | Promise<Problem[]>;

export interface WorkspaceServiceOptions {
  recent: RecentWorkspaces;
  validate: WorkspaceValidator;
  /** Per-user data folder; the sample workspace is copied to `<userDataDir>/sample-workspace`. */
  userDataDir: string;
  /** The bundled sample workspace (read-only source). */
  sampleWorkspaceDir: string;
  /**
   * Runs after `create` wrote the template and before the workspace opens. The hook for
   * `git init` + first commit once the git service exists.
   */
  afterCreate?: (root: string) => Promise<void>;
  /** Called on the fresh copy of the sample before it becomes visible (git init + first commit). */
  afterSampleCopy?: (root: string) => Promise<void>;
  /** Watcher batching window in ms (default 50). */
  watchBatchMs?: number;
}

/**
 * Which files feed the validator: YAML models with their text; scripts and resource payloads
 * (`scripts/`, `files/`) by existence only, so "script does not exist" and a resource `source`
 * pointing at a missing jar can be checked.
 */
export function validatedKind(relative: string): 'model' | 'script' | null {
  if (relative === 'bdp.yaml' || relative === 'connections.yaml') return 'model';
  if (relative.endsWith('.workflow.yaml') || relative.endsWith('.resource.yaml')) return 'model';
  if ((relative.startsWith('scripts/') || relative.startsWith('files/')) && !relative.endsWith('/.gitkeep'))
    return 'script';
  return null;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: false });

function compareEntries(a: FileEntry, b: FileEntry): number {
  if (a.kind !== b.kind) return a.kind === 'dir' ? -1 : 1;
  // Stable tie-break for names differing only in case.
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function versionOf(st: Stats): string {
  return `${st.mtimeMs}-${st.size}`;
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Turns fs errors into AppErrors that name the workspace-relative path, not the host path. */
function fsError(error: unknown, relative: string): Error {
  if (error instanceof AppError) return error;
  switch (errno(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('NOT_FOUND', `${relative}: no such file or folder`);
    case 'EEXIST':
    case 'ENOTEMPTY':
      return new AppError('ALREADY_EXISTS', `${relative} already exists`);
    case 'EISDIR':
      return new AppError('IS_DIRECTORY', `${relative} is a folder`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

async function lstatOrNull(p: string): Promise<Stats | null> {
  try {
    return await fs.lstat(p);
  } catch (error) {
    if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return null;
    throw error;
  }
}

async function statOrNull(p: string): Promise<Stats | null> {
  try {
    return await fs.stat(p);
  } catch (error) {
    if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return null;
    throw error;
  }
}

function sameProblems(a: readonly Problem[], b: readonly Problem[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/** Reads the file tree below `absDir`; symlinks are listed with their target's kind but never followed. */
async function readTree(absDir: string, relDir: string): Promise<FileEntry[]> {
  let dirents;
  try {
    dirents = await fs.readdir(absDir, { withFileTypes: true });
  } catch {
    return []; // unreadable or vanished meanwhile: show it empty rather than fail the whole tree
  }
  const entries = await Promise.all(
    dirents.map(async (d): Promise<FileEntry | null> => {
      const rel = relDir ? `${relDir}/${d.name}` : d.name;
      if (isIgnoredPath(rel)) return null;
      if (d.isDirectory()) {
        return {
          path: rel,
          name: d.name,
          kind: 'dir',
          children: await readTree(path.join(absDir, d.name), rel),
        };
      }
      if (d.isSymbolicLink()) {
        const st = await statOrNull(path.join(absDir, d.name)).catch(() => null);
        return st?.isDirectory()
          ? { path: rel, name: d.name, kind: 'dir', children: [] }
          : { path: rel, name: d.name, kind: 'file' };
      }
      return { path: rel, name: d.name, kind: 'file' };
    }),
  );
  const result = entries.filter((e): e is FileEntry => e !== null);
  result.sort(compareEntries);
  return result;
}

function* walkFiles(entries: readonly FileEntry[]): Generator<string> {
  for (const e of entries) {
    if (e.kind === 'file') yield e.path;
    else if (e.children) yield* walkFiles(e.children);
  }
}

/** Everything that belongs to one open workspace; replaced wholesale on open/close. */
interface OpenWorkspace {
  info: WorkspaceInfo;
  root: string;
  watcher: FileWatcher;
  /** Cached validator input: path -> text (scripts: ''). One change re-reads one file. */
  texts: Map<string, string>;
  problems: Problem[];
  /** Serialises validation updates so they apply in the order the changes happened. */
  queue: Promise<void>;
  ready: Promise<void>;
}

/**
 * The workspace service: opens folders, reads and writes their files (atomically, confined to
 * the root), watches them and keeps the problem list current. Plain Node; the shells expose it
 * through the contract.
 */
export class WorkspaceServiceNode implements WorkspaceService {
  private readonly filesEmitter = new Emitter<FileChange[]>();
  private readonly problemsEmitter = new Emitter<Problem[]>();
  private readonly workspaceEmitter = new Emitter<WorkspaceInfo | null>();
  readonly onDidChangeFiles: Event<FileChange[]> = this.filesEmitter.event;
  readonly onDidChangeProblems: Event<Problem[]> = this.problemsEmitter.event;
  readonly onDidChangeWorkspace: Event<WorkspaceInfo | null> = this.workspaceEmitter.event;

  private state: OpenWorkspace | null = null;
  /** Serialises open/close so two quick opens cannot leave a stray watcher running. */
  private lifecycle: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WorkspaceServiceOptions) {}

  async current(): Promise<WorkspaceInfo | null> {
    return this.state ? { ...this.state.info } : null;
  }

  open(args: { root: string }): Promise<WorkspaceInfo> {
    return this.serial(() => this.doOpen(args.root));
  }

  private async doOpen(requestedRoot: string): Promise<WorkspaceInfo> {
    const root = path.resolve(requestedRoot);
    const st = await statOrNull(root);
    if (!st?.isDirectory()) throw new AppError('NOT_FOUND', `no such folder: ${root}`);

    await this.disposeState();
    const info = await readInfo(root);
    const watcher = new FileWatcher({
      root,
      batchMs: this.options.watchBatchMs,
      onChanges: (changes) => this.onChanges(state, changes),
    });
    const state: OpenWorkspace = {
      info,
      root,
      watcher,
      texts: new Map(),
      problems: [],
      queue: Promise.resolve(),
      ready: Promise.resolve(),
    };
    this.state = state;
    const validated = this.enqueue(state, () => this.validateAll(state));
    state.ready = Promise.all([watcher.ready, validated]).then(() => undefined);

    this.options.recent.add({ root, name: info.name });
    this.workspaceEmitter.fire({ ...info });
    return { ...info };
  }

  async create(args: { parentDir: string; name: string }): Promise<WorkspaceInfo> {
    const { name } = args;
    if (!name || name === '.' || name === '..' || name !== path.basename(name) || /[\\/\0]/.test(name)) {
      throw new AppError('INVALID_ARGUMENT', `not a valid workspace name: ${name}`);
    }
    const parentDir = path.resolve(args.parentDir);
    const parentStat = await statOrNull(parentDir);
    if (!parentStat?.isDirectory()) throw new AppError('NOT_FOUND', `no such folder: ${parentDir}`);
    const target = path.join(parentDir, name);
    const existing = await lstatOrNull(target);
    if (existing && (!existing.isDirectory() || (await fs.readdir(target)).length > 0)) {
      throw new AppError('ALREADY_EXISTS', `${target} already exists and is not empty`);
    }

    // Build beside the target and move it in at once, so a failure leaves no half workspace.
    const staging = path.join(parentDir, `.${name}${TEMP_MARKER}${randomBytes(6).toString('hex')}`);
    try {
      await fs.mkdir(staging);
      for (const [rel, content] of Object.entries(workspaceTemplate(name))) {
        const abs = path.join(staging, ...rel.split('/'));
        await fs.mkdir(path.dirname(abs), { recursive: true });
        await fs.writeFile(abs, content, { flag: 'wx' });
      }
      if (existing) await fs.rmdir(target); // the empty folder the user pointed at
      await fs.rename(staging, target);
    } catch (error) {
      await fs.rm(staging, { recursive: true, force: true });
      throw fsError(error, target);
    }
    await this.options.afterCreate?.(target);
    return this.open({ root: target });
  }

  async openSample(): Promise<WorkspaceInfo> {
    const dest = path.join(this.options.userDataDir, 'sample-workspace');
    if (!(await lstatOrNull(dest))) {
      const source = path.resolve(this.options.sampleWorkspaceDir);
      if (!(await statOrNull(source))?.isDirectory()) {
        throw new AppError('NOT_FOUND', `the bundled sample workspace is missing: ${source}`);
      }
      await fs.mkdir(this.options.userDataDir, { recursive: true });
      // Copy to a temp name first: a crash mid-copy must not leave a partial sample that
      // later opens count as "the user's copy" and never replace.
      const staging = `${dest}${TEMP_MARKER}${randomBytes(6).toString('hex')}`;
      try {
        await fs.cp(source, staging, {
          recursive: true,
          filter: (src) => !SKIPPED_DIRS.has(path.basename(src)),
        });
        await this.options.afterSampleCopy?.(staging);
        await fs.rename(staging, dest);
      } catch (error) {
        await fs.rm(staging, { recursive: true, force: true });
        // Someone else (another window) finished the copy first: use theirs.
        if (!(await lstatOrNull(dest))) throw error;
      }
    }
    return this.open({ root: dest });
  }

  close(): Promise<void> {
    return this.serial(() => this.doClose());
  }

  private async doClose(): Promise<void> {
    if (!this.state) return;
    const hadProblems = this.state.problems.length > 0;
    await this.disposeState();
    if (hadProblems) this.problemsEmitter.fire([]);
    this.workspaceEmitter.fire(null);
  }

  async listRecent(): Promise<RecentWorkspace[]> {
    const entries = this.options.recent.list();
    const exists = await Promise.all(
      entries.map(async (e) => (await statOrNull(e.root).catch(() => null))?.isDirectory() ?? false),
    );
    return entries.filter((_, i) => exists[i]).slice(0, MAX_RECENT);
  }

  async tree(): Promise<FileEntry[]> {
    const state = this.require();
    return readTree(state.root, '');
  }

  async readFile(args: { path: string }): Promise<FileContent> {
    const state = this.require();
    const abs = await resolveInside(state.root, args.path);
    const rel = toRelative(state.root, abs) || '.';
    let fh;
    try {
      // Checked before opening: opening a FIFO would block until someone writes to it.
      const pre = await fs.stat(abs);
      if (pre.isDirectory()) throw new AppError('IS_DIRECTORY', `${rel} is a folder`);
      if (!pre.isFile()) throw new AppError('INVALID_ARGUMENT', `${rel} is not a regular file`);
      fh = await fs.open(abs, 'r');
    } catch (error) {
      throw fsError(error, rel);
    }
    try {
      const st = await fh.stat();
      const truncated = st.size > MAX_EDITABLE_BYTES;
      const length = Math.min(st.size, MAX_EDITABLE_BYTES);
      const buffer = Buffer.alloc(length);
      let offset = 0;
      while (offset < length) {
        const { bytesRead } = await fh.read(buffer, offset, length - offset, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
      }
      const bytes = buffer.subarray(0, offset);
      const text = decodeText(bytes, truncated);
      return {
        path: rel,
        text: text ?? '',
        encoding: text === null ? 'binary' : 'utf-8',
        version: versionOf(st),
        size: st.size,
        truncated,
      };
    } catch (error) {
      throw fsError(error, rel);
    } finally {
      await fh.close();
    }
  }

  async writeFile(args: {
    path: string;
    text: string;
    expectedVersion?: string;
  }): Promise<{ version: string }> {
    const state = this.require();
    const abs = await resolveInside(state.root, args.path);
    const rel = toRelative(state.root, abs);
    if (rel === '') throw new AppError('IS_DIRECTORY', 'the workspace root is a folder');
    if (path.posix.basename(rel).includes(TEMP_MARKER)) {
      throw new AppError('INVALID_ARGUMENT', `${rel}: names containing "${TEMP_MARKER}" are reserved`);
    }

    const existing = await statOrNull(abs);
    if (existing?.isDirectory()) throw new AppError('IS_DIRECTORY', `${rel} is a folder`);
    const checkVersion = (st: Stats | null): void => {
      if (args.expectedVersion === undefined) return;
      if (!st || versionOf(st) !== args.expectedVersion) {
        throw new AppError('CONFLICT', `${rel} was ${st ? 'changed' : 'deleted'} on disk since it was read`);
      }
    };
    checkVersion(existing);
    // Write through a symlink (already confined by resolveInside) rather than replacing the link.
    const target = existing ? await fs.realpath(abs) : abs;
    const dir = path.dirname(target);
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (error) {
      throw fsError(error, path.posix.dirname(rel));
    }

    const tmp = path.join(
      dir,
      `.${path.basename(target).slice(0, 120)}${TEMP_MARKER}${randomBytes(6).toString('hex')}`,
    );
    const mode = existing ? existing.mode & 0o7777 : 0o666;
    try {
      const fh = await fs.open(tmp, 'wx', mode);
      try {
        await fh.writeFile(args.text, 'utf8');
        await fh.sync();
      } finally {
        await fh.close();
      }
      // The umask trims the mode given to open; an existing file keeps exactly its own.
      if (existing) await fs.chmod(tmp, mode);
      // Check again right before the rename: narrows the window for an external edit to
      // microseconds instead of the duration of the write.
      checkVersion(await statOrNull(target));
      await fs.rename(tmp, target);
    } catch (error) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw fsError(error, rel);
    }
    await fsyncDir(dir);
    const st = await fs.stat(target);
    state.watcher.report([{ path: rel, kind: existing ? 'changed' : 'created' }]);
    return { version: versionOf(st) };
  }

  async createDirectory(args: { path: string }): Promise<void> {
    const state = this.require();
    const abs = await resolveInside(state.root, args.path);
    const rel = toRelative(state.root, abs);
    const existing = await statOrNull(abs);
    if (existing?.isDirectory()) return;
    if (existing) throw new AppError('ALREADY_EXISTS', `${rel} already exists as a file`);
    try {
      await fs.mkdir(abs, { recursive: true });
    } catch (error) {
      throw fsError(error, rel);
    }
    state.watcher.report([{ path: rel, kind: 'created' }]);
  }

  async rename(args: { from: string; to: string }): Promise<void> {
    const state = this.require();
    const from = await resolveInside(state.root, args.from);
    const to = await resolveInside(state.root, args.to);
    const fromRel = toRelative(state.root, from);
    const toRel = toRelative(state.root, to);
    if (fromRel === '' || toRel === '')
      throw new AppError('INVALID_ARGUMENT', 'the workspace root cannot be renamed');
    const fromStat = await lstatOrNull(from);
    if (!fromStat) throw new AppError('NOT_FOUND', `${fromRel}: no such file or folder`);
    const toStat = await lstatOrNull(to);
    // Same inode: a case-only rename on a case-insensitive disk (`a.txt` -> `A.txt`).
    const sameFile = toStat !== null && toStat.ino === fromStat.ino && toStat.dev === fromStat.dev;
    if (toStat && !sameFile) throw new AppError('ALREADY_EXISTS', `${toRel} already exists`);
    if (fromStat.isDirectory() && isInside(from, to) && from !== to) {
      throw new AppError('INVALID_ARGUMENT', `cannot move ${fromRel} into itself`);
    }
    try {
      await fs.mkdir(path.dirname(to), { recursive: true });
      await fs.rename(from, to);
    } catch (error) {
      throw fsError(error, fromRel);
    }
    state.watcher.report([
      { path: fromRel, kind: 'deleted' },
      { path: toRel, kind: 'created' },
    ]);
  }

  async delete(args: { path: string }): Promise<void> {
    const state = this.require();
    const abs = await resolveInside(state.root, args.path);
    const rel = toRelative(state.root, abs);
    if (rel === '' || (await fs.realpath(abs).catch(() => abs)) === (await fs.realpath(state.root))) {
      throw new AppError('INVALID_ARGUMENT', 'the workspace root cannot be deleted');
    }
    if (!(await lstatOrNull(abs))) throw new AppError('NOT_FOUND', `${rel}: no such file or folder`);
    try {
      await fs.rm(abs, { recursive: true });
    } catch (error) {
      throw fsError(error, rel);
    }
    state.watcher.report([{ path: rel, kind: 'deleted' }]);
  }

  async problems(): Promise<Problem[]> {
    const state = this.require();
    await state.queue;
    return [...state.problems];
  }

  /**
   * Resolves once the open workspace is watched and its first validation is done. Not part of
   * the contract: for tests and the CLI, which must not miss changes made right after `open`.
   */
  async whenReady(): Promise<void> {
    await this.state?.ready;
  }

  /** Stops watching and drops every listener. */
  async dispose(): Promise<void> {
    await this.serial(() => this.disposeState());
    this.filesEmitter.dispose();
    this.problemsEmitter.dispose();
    this.workspaceEmitter.dispose();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.lifecycle.then(task, task);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }

  private require(): OpenWorkspace {
    if (!this.state) throw new AppError('NO_WORKSPACE', 'no workspace is open');
    return this.state;
  }

  private async disposeState(): Promise<void> {
    const state = this.state;
    if (!state) return;
    this.state = null;
    await state.watcher.close();
  }

  private enqueue(state: OpenWorkspace, task: () => Promise<void>): Promise<void> {
    const run = state.queue
      .then(task)
      .catch((error: unknown) => console.error('workspace validation failed', error));
    state.queue = run;
    return run;
  }

  private onChanges(state: OpenWorkspace, changes: FileChange[]): void {
    if (this.state !== state) return;
    this.filesEmitter.fire(changes);
    this.enqueue(state, () => this.applyChanges(state, changes));
  }

  private async validateAll(state: OpenWorkspace): Promise<void> {
    const files = [...walkFiles(await readTree(state.root, ''))];
    await Promise.all(files.map((rel) => this.load(state, rel)));
    await this.revalidate(state);
  }

  /** Puts one file's validator input into the cache; returns whether the file is relevant. */
  private async load(state: OpenWorkspace, rel: string): Promise<boolean> {
    const kind = validatedKind(rel);
    if (!kind) return false;
    if (kind === 'script') {
      state.texts.set(rel, '');
      return true;
    }
    try {
      // Confined like any read: a symlinked workflow pointing out of the workspace is not read.
      const abs = await resolveInside(state.root, rel);
      if (!(await fs.stat(abs)).isFile()) throw new Error('not a regular file');
      state.texts.set(rel, await fs.readFile(abs, 'utf8'));
    } catch {
      state.texts.delete(rel);
    }
    return true;
  }

  private async applyChanges(state: OpenWorkspace, changes: FileChange[]): Promise<void> {
    let touched = false;
    let infoChanged = false;
    for (const change of changes) {
      if (this.state !== state) return;
      if (change.path === 'bdp.yaml') infoChanged = true;
      const kind = validatedKind(change.path);
      // A script's content is not validated; only its appearance and disappearance matter.
      if (kind === 'script' && change.kind === 'changed') continue;
      const st = change.kind === 'deleted' ? null : await statOrNull(path.join(state.root, change.path));
      if (!st || st.isDirectory()) {
        // Gone, or a folder: forget what we knew below it, then rescan a folder that (re)appeared.
        const prefix = `${change.path}/`;
        for (const key of [...state.texts.keys()]) {
          if (key === change.path || key.startsWith(prefix)) {
            state.texts.delete(key);
            touched = true;
          }
        }
        if (st?.isDirectory()) {
          const entries = await readTree(path.join(state.root, change.path), change.path);
          for (const rel of walkFiles(entries)) touched = (await this.load(state, rel)) || touched;
        }
        continue;
      }
      touched = (await this.load(state, change.path)) || touched;
    }
    if (this.state !== state) return;
    if (infoChanged) {
      const info = await readInfo(state.root);
      if (this.state === state && (info.name !== state.info.name || info.bare !== state.info.bare)) {
        state.info = info;
        this.workspaceEmitter.fire({ ...info });
      }
    }
    if (touched) await this.revalidate(state);
  }

  private async revalidate(state: OpenWorkspace): Promise<void> {
    if (this.state !== state) return;
    const problems = await this.options.validate(state.texts);
    if (this.state !== state) return;
    if (sameProblems(problems, state.problems)) return;
    state.problems = problems;
    this.problemsEmitter.fire([...problems]);
  }
}

/** Name and bareness of a workspace folder; a broken bdp.yaml still opens (its problems show). */
async function readInfo(root: string): Promise<WorkspaceInfo> {
  const fallback = path.basename(root) || root;
  let text: string;
  try {
    text = await fs.readFile(path.join(root, 'bdp.yaml'), 'utf8');
  } catch {
    return { root, name: fallback, bare: true };
  }
  let name = fallback;
  let timezone: string | undefined;
  try {
    const doc = YAML.parse(text) as { name?: unknown; timezone?: unknown } | null;
    if (typeof doc?.name === 'string' && doc.name.trim()) name = doc.name.trim();
    if (typeof doc?.timezone === 'string' && isValidZone(doc.timezone)) timezone = doc.timezone;
  } catch {
    // invalid YAML: reported as a problem by the validator
  }
  return { root, name, bare: false, ...(timezone ? { timezone } : {}) };
}

/**
 * UTF-8 text or null for binary content. Strict decoding catches GBK and other legacy
 * encodings; a NUL byte marks binary even when it is technically valid UTF-8 (as git does).
 * A truncated head may end inside a multi-byte character, so it is decoded in stream mode.
 * The BOM is kept so that saving the text writes the same bytes back.
 */
function decodeText(bytes: Uint8Array, truncated: boolean): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: truncated });
  } catch {
    return null;
  }
}

/** Makes the rename durable; not supported on Windows, where it is skipped. */
async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let fh;
  try {
    fh = await fs.open(dir, 'r');
    await fh.sync();
  } catch {
    // best effort
  } finally {
    await fh?.close();
  }
}
