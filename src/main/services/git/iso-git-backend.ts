import nodeFs from 'node:fs';
import path from 'node:path';
import git, { Errors, STAGE, TREE, type StatusRow, type WalkerEntry } from 'isomorphic-git';
import type { GitAuthor, GitCommitInfo, GitFileStatus, GitStatus } from '../../../shared/contract/git';
import { AppError } from '../../../shared/rpc/errors';
import {
  DEFAULT_BRANCH,
  type BlobSource,
  type GitBackend,
  type GitBlob,
  type LogOptions,
} from './git-backend';

/** The subset of Node's `fs` module the backend uses (isomorphic-git's `PromiseFsClient` shape). */
export type NodeFsLike = Pick<typeof nodeFs, 'promises'>;

export interface IsoGitBackendOptions {
  root: string;
  fs?: NodeFsLike;
}

/**
 * Maps one `statusMatrix` row ([path, HEAD, WORKDIR, STAGE]) to the contract's two columns.
 * HEAD: 0 absent, 1 present. WORKDIR: 0 absent, 1 same as HEAD, 2 differs from HEAD.
 * STAGE: 0 absent, 1 same as HEAD, 2 same as WORKDIR, 3 differs from both.
 * Returns null for an unmodified file.
 */
export function fileStatusFromRow([filepath, head, workdir, stage]: StatusRow): GitFileStatus | null {
  let index: GitFileStatus['index'];
  if (stage === 0) index = head === 1 ? 'deleted' : 'unmodified';
  else if (head === 0) index = 'added';
  else index = stage === 1 ? 'unmodified' : 'modified';

  let worktree: GitFileStatus['worktree'];
  if (stage === 0) worktree = workdir === 0 ? 'unmodified' : 'untracked';
  else if (workdir === 0) worktree = 'deleted';
  else if (stage === 2) worktree = 'unmodified';
  else if (stage === 1) worktree = workdir === 1 ? 'unmodified' : 'modified';
  else worktree = 'modified';

  if (index === 'unmodified' && worktree === 'unmodified') return null;
  return { path: filepath, index, worktree, staged: index !== 'unmodified' };
}

function commitInfo(entry: Awaited<ReturnType<typeof git.log>>[number]): GitCommitInfo {
  const { commit } = entry;
  return {
    oid: entry.oid,
    message: commit.message.replace(/\s+$/, ''),
    author: { name: commit.author.name, email: commit.author.email, timestamp: commit.author.timestamp },
    parents: commit.parent,
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof Errors.NotFoundError;
}

/**
 * isomorphic-git on Node `fs`. One `cache` object lives as long as the backend: it holds parsed
 * packfile indexes and the index file, which is what makes repeated status/log calls cheap.
 */
export class IsoGitBackend implements GitBackend {
  readonly kind = 'isomorphic-git' as const;
  private readonly root: string;
  private readonly fs: NodeFsLike;
  private cache: object = {};

  constructor(options: IsoGitBackendOptions) {
    this.root = options.root;
    this.fs = options.fs ?? nodeFs;
  }

  private get base(): { fs: NodeFsLike; dir: string; cache: object } {
    return { fs: this.fs, dir: this.root, cache: this.cache };
  }

  async isRepository(): Promise<boolean> {
    try {
      return (await this.fs.promises.stat(path.join(this.root, '.git'))).isDirectory();
    } catch {
      return false;
    }
  }

  async init(): Promise<void> {
    if (await this.isRepository()) return;
    await git.init({ fs: this.fs, dir: this.root, defaultBranch: DEFAULT_BRANCH });
  }

  async status(): Promise<GitStatus> {
    if (!(await this.isRepository())) return { repository: false, branch: null, head: null, files: [] };
    const [rows, branch, head] = await Promise.all([
      git.statusMatrix({ ...this.base }),
      this.currentBranch(),
      this.headOid(),
    ]);
    const files = rows.map(fileStatusFromRow).filter((f): f is GitFileStatus => f !== null);
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { repository: true, branch, head, files };
  }

  async stage(paths: string[]): Promise<void> {
    await this.requireRepository();
    for (const filepath of paths) {
      const onDisk = await this.fs.promises.lstat(path.join(this.root, filepath)).then(
        () => true,
        () => false,
      );
      if (onDisk) await git.add({ ...this.base, filepath });
      else await git.remove({ ...this.base, filepath });
    }
  }

  async unstage(paths: string[]): Promise<void> {
    await this.requireRepository();
    const head = await this.headOid();
    for (const filepath of paths) {
      // resetIndex needs a commit to reset to; before the first commit "unstage" is plain removal.
      if (head === null) await git.remove({ ...this.base, filepath });
      else await git.resetIndex({ ...this.base, filepath, ref: head });
    }
  }

  async commit(message: string, author: GitAuthor): Promise<string> {
    await this.requireRepository();
    return git.commit({ ...this.base, message, author });
  }

  async log(options: LogOptions): Promise<GitCommitInfo[]> {
    await this.requireRepository();
    if ((await this.headOid()) === null) return [];
    const depth = options.skip + options.limit;
    try {
      const entries = await git.log({
        ...this.base,
        ref: 'HEAD',
        depth,
        filepath: options.path,
        follow: options.path !== undefined,
      });
      return entries.slice(options.skip, depth).map(commitInfo);
    } catch (error) {
      // A path that never existed on this branch has no history.
      if (options.path !== undefined && isNotFound(error)) return [];
      throw error;
    }
  }

  async readBlob(filepath: string, source: BlobSource): Promise<GitBlob | null> {
    await this.requireRepository();
    const entry =
      source.kind === 'index' ? await this.indexEntry(filepath) : await this.treeEntry(filepath, source.ref);
    if (entry === null) return null;
    const { blob } = await git.readBlob({ ...this.base, oid: entry.oid });
    return { bytes: blob, mode: entry.mode };
  }

  async currentBranch(): Promise<string | null> {
    if (!(await this.isRepository())) return null;
    return (await git.currentBranch({ fs: this.fs, dir: this.root, fullname: false })) ?? null;
  }

  async listBranches(): Promise<string[]> {
    if (!(await this.isRepository())) return [];
    return (await git.listBranches({ fs: this.fs, dir: this.root })).sort();
  }

  async switchBranch(name: string): Promise<void> {
    await this.requireRepository();
    await git.checkout({ ...this.base, ref: name });
  }

  async createBranch(name: string): Promise<void> {
    await this.requireRepository();
    const head = await git.resolveRef({ ...this.base, ref: 'HEAD' }).catch(() => null);
    if (head === null) {
      await git.writeRef({
        ...this.base,
        ref: 'HEAD',
        value: `refs/heads/${name}`,
        symbolic: true,
        force: true,
      });
      return;
    }
    // checkout: true only moves HEAD; index and working tree already match the same commit.
    await git.branch({ ...this.base, ref: name, object: head, checkout: true });
  }

  async configuredAuthor(): Promise<GitAuthor | undefined> {
    if (!(await this.isRepository())) return undefined;
    const name = (await git.getConfig({ fs: this.fs, dir: this.root, path: 'user.name' })) as unknown;
    const email = (await git.getConfig({ fs: this.fs, dir: this.root, path: 'user.email' })) as unknown;
    return typeof name === 'string' && name && typeof email === 'string' && email
      ? { name, email }
      : undefined;
  }

  dispose(): void {
    this.cache = {};
  }

  private async requireRepository(): Promise<void> {
    if (!(await this.isRepository()))
      throw new AppError('NOT_FOUND', 'the workspace is not a git repository yet');
  }

  private async headOid(): Promise<string | null> {
    try {
      return await git.resolveRef({ fs: this.fs, dir: this.root, ref: 'HEAD' });
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async hasStagedChanges(): Promise<boolean> {
    await this.requireRepository();
    const head = await this.headOid();
    if (head === null) return (await git.listFiles({ ...this.base })).length > 0;
    // HEAD tree against the index only: unlike statusMatrix this never reads the working tree.
    const found = await git.walk({
      ...this.base,
      trees: [TREE({ ref: head }), STAGE()],
      map: async (_filepath: string, [inHead, inIndex]: Array<WalkerEntry | null>) => {
        const [headType, indexType] = [await inHead?.type(), await inIndex?.type()];
        if (headType !== 'blob' && indexType !== 'blob') return undefined; // folders: descend
        if (headType !== indexType || !inHead || !inIndex) return true;
        const differs =
          (await inHead.oid()) !== (await inIndex.oid()) || (await inHead.mode()) !== (await inIndex.mode());
        return differs ? true : undefined;
      },
    });
    return Array.isArray(found) ? found.length > 0 : found === true;
  }

  private async resolveCommit(ref: string): Promise<string | null> {
    if (ref === 'HEAD') return this.headOid();
    try {
      const oid = ref.length === 40 ? ref : await git.expandOid({ ...this.base, oid: ref });
      await git.readCommit({ ...this.base, oid });
      return oid;
    } catch (error) {
      if (isNotFound(error) || error instanceof Errors.ObjectTypeError)
        throw new AppError('NOT_FOUND', `unknown commit ${ref}`);
      throw error;
    }
  }

  private async treeEntry(filepath: string, ref: string): Promise<{ oid: string; mode: number } | null> {
    const commitOid = await this.resolveCommit(ref);
    if (commitOid === null) return null;
    const dir = path.posix.dirname(filepath);
    const name = path.posix.basename(filepath);
    try {
      const { tree } = await git.readTree({
        ...this.base,
        oid: commitOid,
        filepath: dir === '.' ? undefined : dir,
      });
      const entry = tree.find((e) => e.path === name);
      return entry && entry.type === 'blob' ? { oid: entry.oid, mode: parseInt(entry.mode, 8) } : null;
    } catch (error) {
      if (isNotFound(error) || error instanceof Errors.ObjectTypeError) return null;
      throw error;
    }
  }

  private async indexEntry(filepath: string): Promise<{ oid: string; mode: number } | null> {
    const found = await git.walk({
      ...this.base,
      trees: [STAGE()],
      // Prune every folder that cannot contain the file, so the walk touches one branch of the index.
      map: async (entryPath: string, [entry]: Array<WalkerEntry | null>) => {
        if (entryPath === filepath) {
          if (!entry || (await entry.type()) !== 'blob') return null;
          return { oid: await entry.oid(), mode: await entry.mode() };
        }
        if (entryPath === '.' || filepath.startsWith(`${entryPath}/`)) return undefined;
        return null;
      },
      reduce: async (parent: unknown, children: unknown[]) => [parent, ...children].flat().filter(Boolean),
    });
    const hits = (found as Array<{ oid: string; mode: number }> | undefined) ?? [];
    return hits[0] ?? null;
  }
}
