import { spawn } from 'node:child_process';
import path from 'node:path';
import { AppError } from '../../../shared/rpc/errors';

export interface GitRunResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

export interface GitRunOptions {
  /** Bytes for stdin (e.g. the commit message). */
  input?: string;
  /** Extra environment (author, ...). */
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (default: only 0). */
  okCodes?: number[];
}

// Variables a parent process (a git hook, a CI runner) may have set that would redirect git to
// another repository or index, or rewrite the author; the service decides these itself.
const INHERITED_GIT_VARS =
  /^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|CEILING_DIRECTORIES|PREFIX|AUTHOR_\w+|COMMITTER_\w+|CONFIG\w*|EXEC_PATH|TRACE\w*)$/;

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!INHERITED_GIT_VARS.test(key)) env[key] = value;
  return {
    ...env,
    LC_ALL: 'C',
    LANGUAGE: 'C',
    GIT_TERMINAL_PROMPT: '0',
    // Paths from the UI are file names, never glob patterns.
    GIT_LITERAL_PATHSPECS: '1',
    // Status is polled in the background; it must not take the index lock to refresh stat data.
    GIT_OPTIONAL_LOCKS: '0',
  };
}

// Overrides of user configuration that would otherwise make native output differ from
// isomorphic-git's (line-ending conversion, colours, signing prompts, quoted paths).
const CONFIG = [
  'core.quotepath=off',
  'core.autocrlf=false',
  'color.ui=false',
  'commit.gpgsign=false',
  'log.showSignature=false',
  'advice.detachedHead=false',
].flatMap((c) => ['-c', c]);

/**
 * Runs `git` for one repository: `--git-dir`/`--work-tree` are explicit so that a workspace
 * inside another repository never reaches the outer one (isomorphic-git does not search upward).
 */
export function runGit(root: string, args: string[], options: GitRunOptions = {}): Promise<GitRunResult> {
  const gitArgs = [
    '--no-pager',
    `--git-dir=${path.join(root, '.git')}`,
    `--work-tree=${root}`,
    ...CONFIG,
    ...args,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('git', gitArgs, {
      cwd: root,
      env: { ...baseEnv(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (error) => reject(new AppError('UNAVAILABLE', `cannot run git: ${error.message}`)));
    child.on('close', (code) => {
      const result = {
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8').trim(),
        code: code ?? -1,
      };
      if ((options.okCodes ?? [0]).includes(result.code)) resolve(result);
      else
        reject(
          new AppError(
            'INTERNAL',
            `git ${args[0]} failed (${result.code}): ${result.stderr || 'no message'}`,
          ),
        );
    });
    child.stdin.on('error', () => {}); // git may exit before reading stdin; the exit code tells.
    child.stdin.end(options.input ?? '');
  });
}

let probe: Promise<string | null> | undefined;

/** The version of `git` on PATH (e.g. `2.39.2`), or null when there is none. Probed once per process. */
export function nativeGitVersion(): Promise<string | null> {
  probe ??= new Promise((resolve) => {
    const child = spawn('git', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    let text = '';
    child.stdout.on('data', (b: Buffer) => (text += b.toString('utf8')));
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 ? (/(\d+\.\d+(\.\d+)?)/.exec(text)?.[1] ?? null) : null));
  });
  return probe;
}

/** True when `version` is at least `major.minor`. */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}
