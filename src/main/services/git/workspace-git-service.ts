import type { Disposer, Event } from '../../../shared/contract';
import type {
  GitAuthor,
  GitCommitInfo,
  GitFileVersion,
  GitService,
  GitStatus,
} from '../../../shared/contract/git';
import { AppError } from '../../../shared/rpc/errors';
import { Emitter } from '../../../shared/emitter';
import { GitServiceNode, type GitServiceOptions } from './git-service';

export type WorkspaceGitOptions = Omit<GitServiceOptions, 'root'>;

/**
 * The `GitService` the shells expose: follows the open workspace, holding one `GitServiceNode`
 * (and so one isomorphic-git cache) per open root and dropping it when the workspace closes.
 * Fails with `NO_WORKSPACE` while none is open.
 */
export class WorkspaceGitService implements GitService {
  private readonly changed = new Emitter<GitStatus>();
  readonly onDidChangeStatus: Event<GitStatus> = this.changed.event;
  private current: { git: GitServiceNode; unsubscribe: Disposer } | null = null;

  constructor(private readonly options: WorkspaceGitOptions) {}

  /** Switches to the workspace at `root` (null: none open) and publishes its status. */
  async setRoot(root: string | null): Promise<void> {
    const previous = this.current;
    this.current = null;
    if (previous) {
      previous.unsubscribe();
      await previous.git.dispose();
    }
    if (root === null) return;
    const git = new GitServiceNode({ ...this.options, root });
    this.current = { git, unsubscribe: git.onDidChangeStatus((s) => this.changed.fire(s)) };
    await git.refresh().catch(() => undefined);
  }

  /** Recomputes the status (call on file changes); fires onDidChangeStatus when it changed. No-op without a workspace. */
  async refresh(): Promise<void> {
    await this.current?.git.refresh().catch(() => undefined);
  }

  // async, so that NO_WORKSPACE arrives as a rejection rather than a synchronous throw.
  async status(): Promise<GitStatus> {
    return this.git().status();
  }
  async init(): Promise<void> {
    return this.git().init();
  }
  async stage(args: { paths: string[] }): Promise<void> {
    return this.git().stage(args);
  }
  async unstage(args: { paths: string[] }): Promise<void> {
    return this.git().unstage(args);
  }
  async discard(args: { paths: string[] }): Promise<void> {
    return this.git().discard(args);
  }
  async commit(args: { message: string; author?: GitAuthor }): Promise<{ oid: string }> {
    return this.git().commit(args);
  }
  async log(args: { path?: string; limit?: number; skip?: number }): Promise<GitCommitInfo[]> {
    return this.git().log(args);
  }
  async readAt(args: { path: string; ref: string }): Promise<GitFileVersion> {
    return this.git().readAt(args);
  }
  async restore(args: { path: string; ref: string }): Promise<void> {
    return this.git().restore(args);
  }
  async currentBranch(): Promise<string | null> {
    return this.git().currentBranch();
  }
  async branches(): Promise<{ current: string | null; branches: string[] }> {
    return this.git().branches();
  }
  async checkout(args: { branch: string }): Promise<void> {
    return this.git().checkout(args);
  }
  async createBranch(args: { name: string }): Promise<void> {
    return this.git().createBranch(args);
  }
  async readBytesAt(args: { path: string; ref: string }): Promise<Uint8Array | null> {
    return this.git().readBytesAt(args);
  }

  async dispose(): Promise<void> {
    await this.setRoot(null);
    this.changed.dispose();
  }

  private git(): GitServiceNode {
    if (!this.current) throw new AppError('NO_WORKSPACE', 'no workspace is open');
    return this.current.git;
  }
}

/**
 * `git init` for a new workspace and, when an author is known, a first commit of the template
 * ("Create workspace"). Without an author the files stay untracked: the Changes view shows them
 * and the first commit asks for a name and email.
 */
export async function initWorkspaceRepository(
  root: string,
  options: WorkspaceGitOptions,
  message = 'Create workspace',
): Promise<{ oid: string | null }> {
  const git = new GitServiceNode({ ...options, root });
  try {
    await git.init();
    const author = await options.author?.();
    if (!author?.name.trim() || !author.email.trim()) return { oid: null };
    const { files } = await git.status();
    if (files.length === 0) return { oid: null };
    await git.stage({ paths: files.map((f) => f.path) });
    return await git.commit({ message, author });
  } finally {
    await git.dispose();
  }
}
