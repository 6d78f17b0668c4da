import { z } from 'zod';
import { branchNameProblem } from '../git-ref-name';
import { defineService, type Event } from './types';
import { relativePath } from './workspace';

/** How a file differs between HEAD and the index (the "staged" column). */
export type GitIndexState = 'unmodified' | 'added' | 'modified' | 'deleted';

/**
 * How a file differs between the index and the working tree. `untracked`: on disk, not in the
 * index. `added`: in the index as intent-to-add only (`git add -N`).
 */
export type GitWorktreeState = 'unmodified' | 'added' | 'modified' | 'deleted' | 'untracked';

export interface GitFileStatus {
  /** Workspace-relative path with `/` separators. */
  path: string;
  index: GitIndexState;
  worktree: GitWorktreeState;
  /** True when the index differs from HEAD for this file (`index !== 'unmodified'`). */
  staged: boolean;
}

export interface GitStatus {
  /** False when the workspace has no `.git` folder yet (call `init`); the other fields are then empty. */
  repository: boolean;
  /** Current branch short name, or null when HEAD is detached. An empty repo reports its unborn branch. */
  branch: string | null;
  /** Commit id HEAD points to, or null before the first commit. */
  head: string | null;
  /** Changed files only (unmodified files are left out), sorted by path. Ignored files never appear. */
  files: GitFileStatus[];
}

export interface GitAuthor {
  name: string;
  email: string;
}

export interface GitCommitInfo {
  oid: string;
  /** The full message, trailing whitespace removed. */
  message: string;
  /** `timestamp` in seconds since the epoch. */
  author: GitAuthor & { timestamp: number };
  parents: string[];
}

/** `HEAD`, `INDEX` (the staged version) or a commit id (4 to 40 hex digits). */
export type GitRef = string;

export interface GitFileVersion {
  /** The text, or empty when `binary` or missing. */
  text: string;
  /** `binary` when the bytes are not valid UTF-8 or contain a NUL byte. */
  encoding: 'utf-8' | 'binary';
  /** False when the file does not exist at that ref (e.g. added after it). */
  exists: boolean;
}

/**
 * Git for the open workspace: one repository at the workspace root. Every path is
 * workspace-relative; paths leaving the root fail with `OUTSIDE_WORKSPACE`, paths inside
 * `.git` with `INVALID_ARGUMENT`. Without an open workspace methods fail with `NO_WORKSPACE`;
 * methods other than `status`, `init` and `currentBranch` fail with `NOT_FOUND` before `init`.
 * Every mutating method fires `onDidChangeStatus` with the new status.
 */
export interface GitService {
  /** The branch, HEAD commit and the changed files. Works on an empty repo (no commit yet). */
  status(): Promise<GitStatus>;
  /** Creates the repository (branch `main`) if the workspace has none; does nothing otherwise. */
  init(): Promise<void>;
  /** Copies the working-tree version of each path into the index; a path deleted on disk is removed from the index. */
  stage(args: { paths: string[] }): Promise<void>;
  /** Resets each path in the index to HEAD (removes it from the index when HEAD lacks it). The working tree is untouched. */
  unstage(args: { paths: string[] }): Promise<void>;
  /**
   * Throws away working-tree changes. A path in the index gets the index version back (staged
   * changes are kept); a path deleted from the index but present in HEAD gets the HEAD version
   * back in index and working tree; an untracked path is DELETED. Only listed paths are touched,
   * so the UI must confirm first.
   */
  discard(args: { paths: string[] }): Promise<void>;
  /**
   * Commits the index. The author is `args.author`, else the one from Settings, else
   * `user.name`/`user.email` of the repository's own `.git/config`.
   * Errors: `INVALID_ARGUMENT` for an empty message or when no author is configured,
   * `CONFLICT` when nothing is staged.
   */
  commit(args: { message: string; author?: GitAuthor }): Promise<{ oid: string }>;
  /**
   * History of the current branch, newest first: `limit` (default 100, at most 1000) commits
   * after skipping `skip`. With `path`, only commits changing that file, following renames.
   * An empty repo has an empty history.
   */
  log(args: { path?: string; limit?: number; skip?: number }): Promise<GitCommitInfo[]>;
  /** A file's content at `ref` (`HEAD`, `INDEX` or a commit id). Errors: `NOT_FOUND` for an unknown commit. */
  readAt(args: { path: string; ref: GitRef }): Promise<GitFileVersion>;
  /**
   * Writes the file as it was at `ref` into the working tree (mode included); the index is not
   * touched and nothing is committed. Errors: `NOT_FOUND` when the file does not exist at `ref`.
   */
  restore(args: { path: string; ref: GitRef }): Promise<void>;
  /** The current branch name, or null when detached or not a repository. */
  currentBranch(): Promise<string | null>;
  /** Local branches (sorted) and the current one; empty before `init`. */
  branches(): Promise<{ current: string | null; branches: string[] }>;
  /**
   * Switches to an existing local branch. Errors: `NOT_FOUND` for an unknown branch, `CONFLICT`
   * while tracked files have uncommitted changes (commit or discard them first; untracked files
   * stay and do not block).
   */
  checkout(args: { branch: string }): Promise<void>;
  /**
   * Creates local branch `name` at HEAD and switches to it, like `git switch -c`: uncommitted
   * changes (staged or not) stay as they are. Before the first commit it renames the unborn
   * branch. Errors: `INVALID_ARGUMENT` for a name git refuses (see `branchNameProblem`),
   * `CONFLICT` when the branch exists.
   */
  createBranch(args: { name: string }): Promise<void>;

  /** The status after any change made through this service (and after external file changes, batched). */
  onDidChangeStatus: Event<GitStatus>;
}

/** `HEAD`, `INDEX` or an abbreviated/full commit id. */
export const gitRef = z.union([
  z.literal('HEAD'),
  z.literal('INDEX'),
  z.string().regex(/^[0-9a-f]{4,40}$/, 'a commit id'),
]);
const paths = z.array(relativePath).min(1).max(10000);
const none = z.undefined().optional();

export const gitDescriptor = defineService({
  methods: {
    status: none,
    init: none,
    stage: z.object({ paths }),
    unstage: z.object({ paths }),
    discard: z.object({ paths }),
    commit: z.object({
      message: z.string().max(100_000),
      author: z.object({ name: z.string().min(1).max(200), email: z.string().min(1).max(200) }).optional(),
    }),
    log: z.object({
      path: relativePath.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      skip: z.number().int().min(0).optional(),
    }),
    readAt: z.object({ path: relativePath, ref: gitRef }),
    restore: z.object({ path: relativePath, ref: gitRef }),
    currentBranch: none,
    branches: none,
    checkout: z.object({
      branch: z
        .string()
        .min(1)
        .max(255)
        .regex(/^[^\s~^:?*[\\]+$/, 'a branch name')
        .refine((b) => !b.startsWith('-'), 'a branch name'),
    }),
    createBranch: z.object({
      name: z
        .string()
        .max(255)
        .superRefine((name, ctx) => {
          const problem = branchNameProblem(name);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    }),
  },
  events: ['onDidChangeStatus'],
});
