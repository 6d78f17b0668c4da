import type { HttpClient } from 'isomorphic-git';
import type { Event } from '../../../shared/contract';
import type {
  GitAuthor,
  GitCommitInfo,
  GitFileVersion,
  GitService,
  GitStatus,
} from '../../../shared/contract/git';
import { branchNameProblem } from '../../../shared/git-ref-name';
import { AppError } from '../../../shared/rpc/errors';
import { Emitter } from '../../../shared/emitter';
import { resolveInside, toRelative } from '../workspace/path-guard';
import type { BlobSource, GitBackend } from './git-backend';
import { IsoGitBackend, type NodeFsLike } from './iso-git-backend';
import { NativeGitBackend } from './native-git-backend';
import { nativeGitVersion, versionAtLeast } from './native-git';
import { decodeText, deleteWorktreeFile, writeWorktreeFile } from './worktree-files';

export interface GitServiceOptions {
  /** Absolute path of the workspace root (the repository's working tree). */
  root: string;
  /** File system for isomorphic-git (default: Node `fs`). */
  fs?: NodeFsLike;
  /** isomorphic-git `http` plugin for clone/push (see `createAxiosHttp`); unused by local operations. */
  http?: HttpClient;
  /** Use the `git` executable when one (2.25 or newer) is on PATH; isomorphic-git otherwise. */
  preferNative?: boolean;
  /** The author from Settings, read at each commit; `undefined` (or an empty name or email) when none is set. */
  author?: () => GitAuthor | undefined | Promise<GitAuthor | undefined>;
}

const DEFAULT_LOG_LIMIT = 100;
const MAX_LOG_LIMIT = 1000;
/** Oldest `git` with everything the native backend uses (`status --porcelain=v2 --no-renames`, `rm --ignore-unmatch`). */
const MIN_NATIVE_GIT: [number, number] = [2, 25];

function sourceOf(ref: string): BlobSource {
  return ref === 'INDEX' ? { kind: 'index' } : { kind: 'commit', ref };
}

function sameStatus(a: GitStatus | undefined, b: GitStatus): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `GitService` for one workspace root. Picks its backend once: native `git` when asked for and
 * available, isomorphic-git otherwise. Operations run one at a time, because both backends
 * rewrite `.git/index` (isomorphic-git even while computing status).
 */
export class GitServiceNode implements GitService {
  private readonly changed = new Emitter<GitStatus>();
  readonly onDidChangeStatus: Event<GitStatus> = this.changed.event;
  /** Kept for remote operations (clone, fetch, push) added later. */
  readonly http: HttpClient | undefined;
  private readonly root: string;
  private readonly options: GitServiceOptions;
  private backendPromise: Promise<GitBackend> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private lastStatus: GitStatus | undefined;
  private disposed = false;

  constructor(options: GitServiceOptions) {
    this.options = options;
    this.root = options.root;
    this.http = options.http;
  }

  /** Which implementation serves this workspace. */
  async backendKind(): Promise<GitBackend['kind']> {
    return (await this.backend()).kind;
  }

  async status(): Promise<GitStatus> {
    return this.exclusive(async (b) => b.status());
  }

  async init(): Promise<void> {
    await this.mutate((b) => b.init());
  }

  async stage(args: { paths: string[] }): Promise<void> {
    const paths = await this.normalizeAll(args.paths);
    await this.mutate((b) => b.stage(paths));
  }

  async unstage(args: { paths: string[] }): Promise<void> {
    const paths = await this.normalizeAll(args.paths);
    await this.mutate((b) => b.unstage(paths));
  }

  async discard(args: { paths: string[] }): Promise<void> {
    const paths = await this.normalizeAll(args.paths);
    await this.mutate(async (b) => {
      for (const filepath of paths) {
        const absolute = await resolveInside(this.root, filepath);
        const staged = await b.readBlob(filepath, { kind: 'index' });
        if (staged) {
          await writeWorktreeFile(absolute, staged);
          continue;
        }
        const committed = await b.readBlob(filepath, { kind: 'commit', ref: 'HEAD' });
        if (committed) {
          // Deleted from the index (e.g. `git rm`): bring it back in both.
          await b.unstage([filepath]);
          await writeWorktreeFile(absolute, committed);
        } else {
          await deleteWorktreeFile(absolute); // untracked, and the caller listed it explicitly
        }
      }
    });
  }

  async commit(args: { message: string; author?: GitAuthor }): Promise<{ oid: string }> {
    const message = (args.message ?? '').replace(/\s+$/, '');
    if (message.trim() === '') throw new AppError('INVALID_ARGUMENT', 'the commit message is empty');
    const oid = await this.mutate(async (b) => {
      if (!(await b.hasStagedChanges()))
        throw new AppError('CONFLICT', 'nothing to commit: stage some changes first');
      const author = await this.resolveAuthor(b, args.author);
      return b.commit(`${message}\n`, author);
    });
    return { oid };
  }

  async log(args: { path?: string; limit?: number; skip?: number }): Promise<GitCommitInfo[]> {
    const filepath = args?.path === undefined ? undefined : await this.normalize(args.path);
    const limit = Math.min(Math.max(Math.floor(args?.limit ?? DEFAULT_LOG_LIMIT), 1), MAX_LOG_LIMIT);
    const skip = Math.max(Math.floor(args?.skip ?? 0), 0);
    return this.exclusive((b) => b.log({ path: filepath, limit, skip }));
  }

  async readAt(args: { path: string; ref: string }): Promise<GitFileVersion> {
    const filepath = await this.normalize(args.path);
    const blob = await this.exclusive((b) => b.readBlob(filepath, sourceOf(args.ref)));
    if (!blob) return { text: '', encoding: 'utf-8', exists: false };
    const text = decodeText(blob.bytes);
    return text === null
      ? { text: '', encoding: 'binary', exists: true }
      : { text, encoding: 'utf-8', exists: true };
  }

  async restore(args: { path: string; ref: string }): Promise<void> {
    const filepath = await this.normalize(args.path);
    await this.mutate(async (b) => {
      const blob = await b.readBlob(filepath, sourceOf(args.ref));
      if (!blob) throw new AppError('NOT_FOUND', `${filepath} does not exist at ${args.ref}`);
      await writeWorktreeFile(await resolveInside(this.root, filepath), blob);
    });
  }

  async currentBranch(): Promise<string | null> {
    return this.exclusive((b) => b.currentBranch());
  }

  async branches(): Promise<{ current: string | null; branches: string[] }> {
    return this.exclusive(async (b) => ({
      current: await b.currentBranch(),
      branches: await b.listBranches(),
    }));
  }

  async checkout(args: { branch: string }): Promise<void> {
    await this.mutate(async (b) => {
      if (!(await b.isRepository())) throw new AppError('NOT_FOUND', 'the workspace is not a git repository');
      if (!(await b.listBranches()).includes(args.branch))
        throw new AppError('NOT_FOUND', `no branch named "${args.branch}"`);
      if ((await b.currentBranch()) === args.branch) return;
      const dirty = (await b.status()).files.filter((f) => f.worktree !== 'untracked');
      if (dirty.length > 0) {
        throw new AppError(
          'CONFLICT',
          `commit or discard your changes before switching branches (${dirty.length} changed file${dirty.length === 1 ? '' : 's'}, e.g. ${dirty[0].path})`,
        );
      }
      await b.switchBranch(args.branch);
    });
  }

  async createBranch(args: { name: string }): Promise<void> {
    const problem = branchNameProblem(args.name);
    if (problem) throw new AppError('INVALID_ARGUMENT', problem);
    await this.mutate(async (b) => {
      if (!(await b.isRepository())) throw new AppError('NOT_FOUND', 'the workspace is not a git repository');
      if ((await b.listBranches()).includes(args.name))
        throw new AppError('CONFLICT', `a branch named "${args.name}" already exists`);
      await b.createBranch(args.name);
    });
  }

  /**
   * Raw bytes of a file at `ref` (`HEAD`, `INDEX` or a commit id), or null when it is not there.
   * Not on the contract: binary content crosses it only through services that bound its size
   * (resources).
   */
  async readBytesAt(args: { path: string; ref: string }): Promise<Uint8Array | null> {
    const filepath = await this.normalize(args.path);
    const blob = await this.exclusive((b) => b.readBlob(filepath, sourceOf(args.ref)));
    return blob?.bytes ?? null;
  }

  /**
   * Recomputes the status and fires `onDidChangeStatus` when it differs from the last one sent.
   * Call it when files change on disk (the workspace watcher) or after commands run outside.
   */
  async refresh(): Promise<GitStatus> {
    const status = await this.status();
    if (!this.disposed && !sameStatus(this.lastStatus, status)) {
      this.lastStatus = status;
      this.changed.fire(status);
    }
    return status;
  }

  /** Drops listeners and the backend's cache; waits for the running operation. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.queue.catch(() => undefined);
    this.changed.dispose();
    if (this.backendPromise) (await this.backendPromise).dispose();
  }

  private backend(): Promise<GitBackend> {
    this.backendPromise ??= (async (): Promise<GitBackend> => {
      if (this.options.preferNative) {
        const version = await nativeGitVersion();
        if (version !== null && versionAtLeast(version, ...MIN_NATIVE_GIT))
          return new NativeGitBackend(this.root);
      }
      return new IsoGitBackend({ root: this.root, fs: this.options.fs });
    })();
    return this.backendPromise;
  }

  private exclusive<T>(fn: (backend: GitBackend) => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new AppError('NO_WORKSPACE', 'the git service is closed'));
    const run = this.queue.then(async () => fn(await this.backend()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async mutate<T>(fn: (backend: GitBackend) => Promise<T>): Promise<T> {
    try {
      return await this.exclusive(fn);
    } finally {
      // Even a failed operation may have changed something (a partial stage); report what is there now.
      await this.refresh().catch(() => undefined);
    }
  }

  private async resolveAuthor(backend: GitBackend, explicit: GitAuthor | undefined): Promise<GitAuthor> {
    const valid = (a: GitAuthor | undefined): a is GitAuthor =>
      !!a && a.name.trim() !== '' && a.email.trim() !== '';
    if (valid(explicit)) return explicit;
    const fromSettings = await this.options.author?.();
    if (valid(fromSettings)) return fromSettings;
    const fromRepo = await backend.configuredAuthor();
    if (valid(fromRepo)) return fromRepo;
    throw new AppError(
      'INVALID_ARGUMENT',
      'no git author configured: set your name and email in Settings (Git author)',
    );
  }

  /** Workspace-relative `/` path of an existing or future file; refuses the root and `.git`. */
  private async normalize(relative: string): Promise<string> {
    const absolute = await resolveInside(this.root, relative);
    const filepath = toRelative(this.root, absolute);
    if (filepath === '')
      throw new AppError('INVALID_ARGUMENT', 'a file path is required, not the workspace root');
    if (filepath === '.git' || filepath.startsWith('.git/'))
      throw new AppError('INVALID_ARGUMENT', `${relative} is inside .git`);
    return filepath;
  }

  private async normalizeAll(paths: string[]): Promise<string[]> {
    if (!Array.isArray(paths) || paths.length === 0) throw new AppError('INVALID_ARGUMENT', 'no paths given');
    return [...new Set(await Promise.all(paths.map((p) => this.normalize(p))))];
  }
}
