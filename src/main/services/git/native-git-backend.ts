import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { GitAuthor, GitCommitInfo, GitFileStatus, GitStatus } from '../../../shared/contract/git';
import { AppError } from '../../../shared/rpc/errors';
import {
  DEFAULT_BRANCH,
  type BlobSource,
  type GitBackend,
  type GitBlob,
  type LogOptions,
} from './git-backend';
import { runGit, type GitRunOptions, type GitRunResult } from './native-git';

/** Paths per `git` invocation, far below command-line length limits on every platform. */
const PATHS_PER_CALL = 200;

function indexState(x: string): GitFileStatus['index'] {
  switch (x) {
    case '.':
      return 'unmodified';
    case 'A':
    case 'C':
    case 'R':
      return 'added';
    case 'D':
      return 'deleted';
    default:
      return 'modified'; // M, T (type change), U (unmerged)
  }
}

function worktreeState(y: string): GitFileStatus['worktree'] {
  switch (y) {
    case '.':
      return 'unmodified';
    case 'A':
      return 'added'; // intent-to-add
    case 'D':
      return 'deleted';
    default:
      return 'modified';
  }
}

/** The text after the first `n` space-separated fields (paths may contain spaces). */
function afterFields(entry: string, n: number): string {
  let at = 0;
  for (let i = 0; i < n; i++) at = entry.indexOf(' ', at) + 1;
  return entry.slice(at);
}

/** Parses `git status --porcelain=v2 -z --branch` output. */
export function parsePorcelainV2(output: string): GitStatus {
  const byPath = new Map<string, GitFileStatus>();
  let branch: string | null = null;
  let head: string | null = null;
  const put = (
    filepath: string,
    index: GitFileStatus['index'],
    worktree: GitFileStatus['worktree'],
  ): void => {
    byPath.set(filepath, { path: filepath, index, worktree, staged: index !== 'unmodified' });
  };
  const entries = output.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry === '') continue;
    const kind = entry[0];
    if (kind === '#') {
      const [, key, value] = entry.split(' ', 3);
      if (key === 'branch.oid') head = value === '(initial)' ? null : value;
      if (key === 'branch.head') branch = value === '(detached)' ? null : value;
    } else if (kind === '1') {
      put(afterFields(entry, 8), indexState(entry[2]), worktreeState(entry[3]));
    } else if (kind === '2') {
      put(afterFields(entry, 9), indexState(entry[2]), worktreeState(entry[3]));
      i++; // the original path follows as its own entry
    } else if (kind === 'u') {
      put(afterFields(entry, 10), 'modified', 'modified');
    } else if (kind === '?') {
      const filepath = entry.slice(2);
      // `git rm --cached` shows the file twice (deleted in the index, untracked on disk): one row, as statusMatrix has.
      const known = byPath.get(filepath);
      put(filepath, known?.index ?? 'unmodified', 'untracked');
    }
  }
  const files = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { repository: true, branch, head, files };
}

/** Parses `git log -z --format=%H%x00%P%x00%an%x00%ae%x00%at%x00%B`. */
export function parseLog(output: string): GitCommitInfo[] {
  const tokens = output.split('\0');
  const commits: GitCommitInfo[] = [];
  for (let i = 0; i + 5 < tokens.length; i += 6) {
    const [oid, parents, name, email, at, body] = tokens.slice(i, i + 6);
    commits.push({
      oid: oid.trim(),
      parents: parents ? parents.split(' ') : [],
      author: { name, email, timestamp: Number(at) },
      message: body.replace(/\s+$/, ''),
    });
  }
  return commits;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The `git` executable. Spawning costs a few milliseconds per call, but status and log on large
 * repositories are many times faster than isomorphic-git (see `docs/decisions.md`, Git).
 */
export class NativeGitBackend implements GitBackend {
  readonly kind = 'native' as const;

  constructor(private readonly root: string) {}

  async isRepository(): Promise<boolean> {
    return fs.stat(path.join(this.root, '.git')).then(
      (s) => s.isDirectory(),
      () => false,
    );
  }

  async init(): Promise<void> {
    if (await this.isRepository()) return;
    await this.git(['init', '-q']);
    // Not `init -b`: that needs git 2.28.
    await this.git(['symbolic-ref', 'HEAD', `refs/heads/${DEFAULT_BRANCH}`]);
  }

  async status(): Promise<GitStatus> {
    if (!(await this.isRepository())) return { repository: false, branch: null, head: null, files: [] };
    const { stdout } = await this.git([
      'status',
      '--porcelain=v2',
      '-z',
      '--branch',
      '--untracked-files=all',
      '--no-renames',
    ]);
    return parsePorcelainV2(stdout.toString('utf8'));
  }

  async stage(paths: string[]): Promise<void> {
    await this.requireRepository();
    for (const chunk of chunks(paths, PATHS_PER_CALL)) await this.git(['add', '-A', '--', ...chunk]);
  }

  async unstage(paths: string[]): Promise<void> {
    await this.requireRepository();
    const hasHead = (await this.headOid()) !== null;
    for (const chunk of chunks(paths, PATHS_PER_CALL)) {
      if (hasHead) await this.git(['reset', '-q', 'HEAD', '--', ...chunk]);
      else await this.git(['rm', '-q', '--cached', '--ignore-unmatch', '-r', '--', ...chunk]);
    }
  }

  async commit(message: string, author: GitAuthor): Promise<string> {
    await this.requireRepository();
    const env = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    };
    // Hooks are skipped and the message is stored verbatim, as isomorphic-git does.
    await this.git(['commit', '-q', '--no-verify', '--cleanup=verbatim', '-F', '-'], { input: message, env });
    return (await this.headOid()) ?? '';
  }

  async hasStagedChanges(): Promise<boolean> {
    await this.requireRepository();
    const diff = await this.git(['diff', '--cached', '--quiet', '--no-ext-diff'], { okCodes: [0, 1] });
    return diff.code === 1;
  }

  async log(options: LogOptions): Promise<GitCommitInfo[]> {
    await this.requireRepository();
    if ((await this.headOid()) === null) return [];
    const args = [
      'log',
      '-z',
      '--format=%H%x00%P%x00%an%x00%ae%x00%at%x00%B',
      `--skip=${options.skip}`,
      `-n`,
      String(options.limit),
      'HEAD',
    ];
    if (options.path !== undefined) args.push('--follow', '--', options.path);
    const { stdout } = await this.git(args);
    return parseLog(stdout.toString('utf8'));
  }

  async readBlob(filepath: string, source: BlobSource): Promise<GitBlob | null> {
    await this.requireRepository();
    let line: string | undefined;
    if (source.kind === 'index') {
      const { stdout } = await this.git(['ls-files', '-s', '-z', '--', filepath]);
      line = stdout
        .toString('utf8')
        .split('\0')
        .find((l) => l.slice(l.indexOf('\t') + 1) === filepath);
    } else {
      const commit = await this.resolveCommit(source.ref);
      if (commit === null) return null;
      const { stdout } = await this.git(['ls-tree', '-z', commit, '--', filepath]);
      line = stdout
        .toString('utf8')
        .split('\0')
        .find((l) => l.slice(l.indexOf('\t') + 1) === filepath && l.split(' ')[1] === 'blob');
    }
    if (!line) return null;
    const [mode, second, third] = line.slice(0, line.indexOf('\t')).split(' ');
    // ls-files: "<mode> <oid> <stage>"; ls-tree: "<mode> <type> <oid>".
    const oid = source.kind === 'index' ? second : third;
    const { stdout } = await this.git(['cat-file', 'blob', oid]);
    return {
      bytes: new Uint8Array(stdout.buffer, stdout.byteOffset, stdout.byteLength),
      mode: parseInt(mode, 8),
    };
  }

  async currentBranch(): Promise<string | null> {
    if (!(await this.isRepository())) return null;
    const { stdout, code } = await this.git(['symbolic-ref', '-q', '--short', 'HEAD'], { okCodes: [0, 1] });
    return code === 0 ? stdout.toString('utf8').trim() : null;
  }

  async listBranches(): Promise<string[]> {
    if (!(await this.isRepository())) return [];
    const { stdout } = await this.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/']);
    return stdout.toString('utf8').split('\n').filter(Boolean).sort();
  }

  async switchBranch(name: string): Promise<void> {
    await this.requireRepository();
    await this.git(['switch', '--no-guess', name]);
  }

  async createBranch(name: string): Promise<void> {
    await this.requireRepository();
    const { code } = await this.git(['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { okCodes: [0, 1] });
    if (code !== 0) {
      await this.git(['symbolic-ref', 'HEAD', `refs/heads/${name}`]);
      return;
    }
    await this.git(['switch', '--no-guess', '-c', name]);
  }

  async configuredAuthor(): Promise<GitAuthor | undefined> {
    if (!(await this.isRepository())) return undefined;
    // --local: only the repository's own config, exactly what isomorphic-git reads.
    const get = async (key: string): Promise<string> =>
      (await this.git(['config', '--local', '--get', key], { okCodes: [0, 1] })).stdout
        .toString('utf8')
        .trim();
    const [name, email] = [await get('user.name'), await get('user.email')];
    return name && email ? { name, email } : undefined;
  }

  dispose(): void {}

  private git(args: string[], options?: GitRunOptions): Promise<GitRunResult> {
    return runGit(this.root, args, options);
  }

  private async requireRepository(): Promise<void> {
    if (!(await this.isRepository()))
      throw new AppError('NOT_FOUND', 'the workspace is not a git repository yet');
  }

  private async headOid(): Promise<string | null> {
    return this.resolveCommit('HEAD');
  }

  /** Full commit id for `ref`; null for an unborn HEAD; `NOT_FOUND` for an unknown commit. */
  private async resolveCommit(ref: string): Promise<string | null> {
    const { stdout, code } = await this.git(['rev-parse', '-q', '--verify', `${ref}^{commit}`], {
      okCodes: [0, 1, 128],
    });
    if (code === 0) return stdout.toString('utf8').trim();
    if (ref === 'HEAD') return null;
    throw new AppError('NOT_FOUND', `unknown commit ${ref}`);
  }
}
