import type { GitAuthor, GitCommitInfo, GitStatus } from '../../../shared/contract/git';

/** A blob as stored in git: its bytes and its file mode (`0o100644`, `0o100755`, `0o120000` for a symlink). */
export interface GitBlob {
  bytes: Uint8Array;
  mode: number;
}

/** Where to read a blob from: the index or a commit (`HEAD` or a full or abbreviated commit id). */
export type BlobSource = { kind: 'index' } | { kind: 'commit'; ref: string };

export interface LogOptions {
  /** Normalised workspace-relative path; history follows renames. */
  path?: string;
  limit: number;
  skip: number;
}

/**
 * The git operations a `GitServiceNode` builds on, implemented once with isomorphic-git and once
 * with the native `git` executable. Paths are already validated and normalised by the service.
 * Errors use `AppError` codes: `NOT_FOUND` for a missing repository or unknown commit.
 */
export interface GitBackend {
  readonly kind: 'isomorphic-git' | 'native';
  /** True when `<root>/.git` exists. */
  isRepository(): Promise<boolean>;
  /** Creates the repository with branch `main`; a no-op when it exists. */
  init(): Promise<void>;
  status(): Promise<GitStatus>;
  /** Index := working tree for each path (removal when the file is gone). */
  stage(paths: string[]): Promise<void>;
  /** Index := HEAD for each path (removal when HEAD lacks it or there is no HEAD). */
  unstage(paths: string[]): Promise<void>;
  /** True when the index differs from HEAD (or, before the first commit, is not empty). */
  hasStagedChanges(): Promise<boolean>;
  /** Commits the index; `message` is final (already normalised). Returns the new commit id. */
  commit(message: string, author: GitAuthor): Promise<string>;
  log(options: LogOptions): Promise<GitCommitInfo[]>;
  /** The blob at `path` in `source`, or null when the file is not there (or there is no HEAD yet). */
  readBlob(path: string, source: BlobSource): Promise<GitBlob | null>;
  /** Branch short name; null when detached. */
  currentBranch(): Promise<string | null>;
  /** Local branch short names, sorted. */
  listBranches(): Promise<string[]>;
  /** Checks out an existing local branch (index and working tree follow it). */
  switchBranch(name: string): Promise<void>;
  /**
   * Creates branch `name` at HEAD and makes it current without touching index or working tree
   * (`git switch -c`). Without a HEAD commit, points HEAD at the new unborn branch instead.
   */
  createBranch(name: string): Promise<void>;
  /** `user.name`/`user.email` from the repository's own `.git/config`, if both are set. */
  configuredAuthor(): Promise<GitAuthor | undefined>;
  /** Releases caches; the backend must not be used afterwards. */
  dispose(): void;
}

/** The branch a new repository starts on. */
export const DEFAULT_BRANCH = 'main';
