import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PythonTask, ShellTask } from '../../shared/model';
import type { ProcessLauncher } from './process-launcher';
import { startProcess, type ProcessResult } from './process-runner';
import type { PreparedTask, TaskExecution, TaskExecutor, TaskOutcome, TaskRunContext } from './task-executor';

/** Where the interpreters and the Python shim are. */
export interface ProcessExecutorOptions {
  /** Default `bash` (on Windows it must be on PATH, e.g. Git Bash). */
  bashPath?: string;
  /** Interpreter for inline code and `script:` tasks; default `python3` (`python` on Windows). */
  pythonPath?: string;
  /** Absolute path of `resources/runner/python_main_shim.py`. */
  pythonShimPath: string;
  /** Grace between SIGTERM and SIGKILL on cancel (default 3000 ms). */
  killGraceMs?: number;
  /** How processes are started; read at each launch (default: Node's spawn). */
  launcher?: () => ProcessLauncher;
  /** Adds tools to a task's environment (the `hive` / `canaanhive` shims on PATH). */
  toolEnv?: (env: Readonly<Record<string, string | undefined>>) => Promise<Record<string, string | undefined>>;
}

async function taskEnv(ctx: TaskRunContext, options: ProcessExecutorOptions): Promise<Readonly<Record<string, string | undefined>>> {
  return options.toolEnv ? options.toolEnv(ctx.env) : ctx.env;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function launch(
  ctx: TaskRunContext,
  file: string,
  args: string[],
  isSuccess: (r: ProcessResult) => boolean,
  options: ProcessExecutorOptions,
  env: Readonly<Record<string, string | undefined>> = ctx.env,
): TaskExecution {
  const proc = startProcess(
    {
      file,
      args,
      cwd: ctx.cwd,
      env,
      killGraceMs: options.killGraceMs,
      onOutput: (c) => ctx.onOutput(c.stream, c.text),
    },
    options.launcher?.(),
  );
  const done = proc.result.then((r): TaskOutcome => {
    const outcome: TaskOutcome = { success: !r.killed && isSuccess(r), exitCode: r.exitCode, signal: r.signal };
    if (r.error !== undefined) outcome.message = `could not start ${file}: ${r.error}`;
    else if (r.killed) outcome.message = 'killed';
    else if (r.signal) outcome.message = `killed by ${r.signal}`;
    return outcome;
  });
  return { done, cancel: () => proc.kill() };
}

/** SHELL: `bash -c <substituted command>`; success = exit code equals `successCode` (spec §2.2). */
export class ShellTaskExecutor implements TaskExecutor {
  constructor(private readonly options: ProcessExecutorOptions) {}

  async prepare(ctx: TaskRunContext): Promise<PreparedTask> {
    const task = ctx.task as ShellTask;
    const { text, unresolved } = ctx.substitute(task.command ?? '');
    const successCode = task.config.successCode.trim();
    const bash = this.options.bashPath ?? 'bash';
    const env = await taskEnv(ctx, this.options);
    return {
      commandLine: text,
      unresolved,
      start: () =>
        launch(ctx, bash, ['-c', text], (r) => r.exitCode !== null && String(r.exitCode) === successCode, this.options, env),
    };
  }
}

/** `python3 [-flags] file.py rest...` on one line; the script then runs through the shim. */
const PYTHON_SCRIPT_LINE = /^\s*(\S*python[0-9.]*(?:\.exe)?)((?:\s+-[A-Za-z]+)*)\s+(\S+\.py)(\s.*)?$/;
/** Any other command that starts by invoking python (`python3 -m pkg`, `python3 -c ...`). */
const PYTHON_OTHER_LINE = /^\s*\S*python[0-9.]*(?:\.exe)?(\s|$)/;

/** How a PYTHON task's `command` is read (decision in docs/decisions.md). */
export type PythonCommandKind = 'script-line' | 'other-line' | 'inline-code';

/** Classifies a PYTHON command: a `python x.py args` line, another python command line, or inline code. */
export function classifyPythonCommand(command: string): PythonCommandKind {
  if (!command.includes('\n') && PYTHON_SCRIPT_LINE.test(command)) return 'script-line';
  if (!command.includes('\n') && PYTHON_OTHER_LINE.test(command)) return 'other-line';
  return 'inline-code';
}

/**
 * PYTHON: success = `main()` returns 0, or exit code 0 for a script without `main` (spec §2.3).
 * Inline code is written to `<instanceDir>/<task>.<runNum>.py` and run through the shim; a
 * `python3 script.py args` line runs that script through the shim with the same interpreter.
 */
export class PythonTaskExecutor implements TaskExecutor {
  constructor(private readonly options: ProcessExecutorOptions) {}

  async prepare(ctx: TaskRunContext): Promise<PreparedTask> {
    const task = ctx.task as PythonTask;
    const python = this.options.pythonPath ?? (process.platform === 'win32' ? 'python' : 'python3');
    const shim = this.options.pythonShimPath;
    const bash = this.options.bashPath ?? 'bash';
    const exitZero = (r: ProcessResult): boolean => r.exitCode === 0;
    const grace = this.options;
    const env = await taskEnv(ctx, this.options);

    if (task.command === undefined) {
      const script = task.script ?? '';
      return {
        commandLine: `${python} ${script}`,
        unresolved: [],
        start: () => launch(ctx, python, ['-u', shim, script], exitZero, grace, env),
      };
    }
    const { text, unresolved } = ctx.substitute(task.command);
    const kind = classifyPythonCommand(text);
    if (kind === 'script-line') {
      const m = PYTHON_SCRIPT_LINE.exec(text)!;
      const line = `${m[1]}${m[2]} -u ${quote(shim)} ${m[3]}${m[4] ?? ''}`;
      return { commandLine: text, unresolved, start: () => launch(ctx, bash, ['-c', line], exitZero, grace, env) };
    }
    if (kind === 'other-line') {
      return { commandLine: text, unresolved, start: () => launch(ctx, bash, ['-c', text], exitZero, grace, env) };
    }
    const file = join(ctx.instanceDir, `${task.name}.${ctx.runNum}.py`);
    await writeFile(file, text.endsWith('\n') ? text : `${text}\n`);
    return { commandLine: text, unresolved, start: () => launch(ctx, python, ['-u', shim, file], exitZero, grace, env) };
  }
}
