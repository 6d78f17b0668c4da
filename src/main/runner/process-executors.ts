import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PythonTask, ShellTask } from '../../shared/model';
import { bashAcceptsExpansion, classifyPythonCommand, PYTHON_SCRIPT_LINE } from '../../shared/task-command';
import type { ProcessLauncher } from './process-launcher';
import { startProcess, type ProcessResult } from './process-runner';
import type { PreparedTask, TaskExecution, TaskExecutor, TaskOutcome, TaskRunContext } from './task-executor';
import { prepareTaskWorkDir, type TaskWorkDir } from './task-workdir';

/** Where the interpreters and the Python shim are. */
export interface ProcessExecutorOptions {
  /** Default `bash` (on Windows it must be on PATH, e.g. Git Bash). */
  bashPath?: string;
  /** Interpreter for inline code and `script:` tasks; default `python3` (`python` on Windows). */
  pythonPath?: string;
  /** Absolute path of `resources/runner/python_main_shim.py`. */
  pythonShimPath: string;
  /** Absolute path of `resources/runner/unpack.py` (archive resources). */
  unpackPath: string;
  /** Grace between SIGTERM and SIGKILL on cancel (default 3000 ms). */
  killGraceMs?: number;
  /** How processes are started; read at each launch (default: Node's spawn). */
  launcher?: () => ProcessLauncher;
  /** Adds tools to a task's environment (the `hive` / `canaanhive` shims on PATH). */
  toolEnv?: (
    env: Readonly<Record<string, string | undefined>>,
  ) => Promise<Record<string, string | undefined>>;
}

async function taskEnv(
  ctx: TaskRunContext,
  options: ProcessExecutorOptions,
): Promise<Readonly<Record<string, string | undefined>>> {
  return options.toolEnv ? options.toolEnv(ctx.env) : ctx.env;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function python(options: ProcessExecutorOptions): string {
  return options.pythonPath ?? (process.platform === 'win32' ? 'python' : 'python3');
}

/** The attempt's working directory with its file in it (see task-workdir.ts). */
async function workDir(ctx: TaskRunContext, options: ProcessExecutorOptions): Promise<TaskWorkDir> {
  return prepareTaskWorkDir({
    workspaceRoot: ctx.workspaceRoot,
    dir: await ctx.workDir(),
    task: ctx.task as ShellTask | PythonTask,
    file: ctx.taskFile,
    python: python(options),
    unpackScript: options.unpackPath,
  });
}

function launch(
  ctx: TaskRunContext,
  cwd: string,
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
      cwd,
      env,
      killGraceMs: options.killGraceMs,
      onOutput: (c) => ctx.onOutput(c.stream, c.text),
    },
    options.launcher?.(),
  );
  const done = proc.result.then((r): TaskOutcome => {
    const outcome: TaskOutcome = {
      success: !r.killed && isSuccess(r),
      exitCode: r.exitCode,
      signal: r.signal,
    };
    if (r.error !== undefined) outcome.message = `could not start ${file}: ${r.error}`;
    else if (r.lost !== undefined) outcome.message = r.lost;
    else if (r.killed) outcome.message = 'killed';
    else if (r.signal) outcome.message = `killed by ${r.signal}`;
    return outcome;
  });
  return { done, cancel: () => proc.kill() };
}

/** Refuses a command line bash would stop in with "bad substitution" (`${env.X}` that nothing defines). */
function refuseBadSubstitution(unresolved: readonly string[]): void {
  const bad = unresolved.filter((u) => !bashAcceptsExpansion(u)).map((u) => `\${${u}}`);
  if (bad.length === 0) return;
  throw new Error(
    `${bad.join(', ')}: neither a system variable nor a parameter of this task or workflow; bash would stop with "bad substitution", so the command was not started`,
  );
}

/** SHELL: `bash -c <substituted command>`; success = exit code equals `successCode` (spec §2.2). */
export class ShellTaskExecutor implements TaskExecutor {
  constructor(private readonly options: ProcessExecutorOptions) {}

  async prepare(ctx: TaskRunContext): Promise<PreparedTask> {
    const task = ctx.task as ShellTask;
    const { text, unresolved } = ctx.substitute(task.command ?? '');
    refuseBadSubstitution(unresolved);
    const successCode = task.config.successCode.trim();
    const bash = this.options.bashPath ?? 'bash';
    const [env, work] = await Promise.all([taskEnv(ctx, this.options), workDir(ctx, this.options)]);
    return {
      commandLine: text,
      unresolved,
      source: work.source,
      notes: work.notes,
      start: () =>
        launch(
          ctx,
          work.dir,
          bash,
          ['-c', text],
          (r) => r.exitCode !== null && String(r.exitCode) === successCode,
          this.options,
          env,
        ),
    };
  }
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
    const interpreter = python(this.options);
    const shim = this.options.pythonShimPath;
    const bash = this.options.bashPath ?? 'bash';
    const exitZero = (r: ProcessResult): boolean => r.exitCode === 0;
    const grace = this.options;
    const [env, work] = await Promise.all([taskEnv(ctx, this.options), workDir(ctx, this.options)]);
    const prepared = (
      commandLine: string,
      unresolved: string[],
      start: () => TaskExecution,
    ): PreparedTask => ({ commandLine, unresolved, source: work.source, notes: work.notes, start });

    if (task.command === undefined) {
      // No command: the task's file runs through the shim (the resource's file, else its script).
      const script =
        ctx.taskFile && ctx.taskFile.kind !== 'unavailable' ? ctx.taskFile.fileName : (task.script ?? '');
      return prepared(`${interpreter} ${script}`, [], () =>
        launch(ctx, work.dir, interpreter, ['-u', shim, script], exitZero, grace, env),
      );
    }
    const { text, unresolved } = ctx.substitute(task.command);
    const kind = classifyPythonCommand(text);
    if (kind !== 'inline-code') refuseBadSubstitution(unresolved);
    if (kind === 'script-line') {
      const m = PYTHON_SCRIPT_LINE.exec(text)!;
      const line = `${m[1]}${m[2]} -u ${quote(shim)} ${m[3]}${m[4] ?? ''}`;
      return prepared(text, unresolved, () =>
        launch(ctx, work.dir, bash, ['-c', line], exitZero, grace, env),
      );
    }
    if (kind === 'other-line') {
      return prepared(text, unresolved, () =>
        launch(ctx, work.dir, bash, ['-c', text], exitZero, grace, env),
      );
    }
    const file = join(ctx.instanceDir, `${task.name}.${ctx.runNum}.py`);
    await writeFile(file, text.endsWith('\n') ? text : `${text}\n`);
    return prepared(text, unresolved, () =>
      launch(ctx, work.dir, interpreter, ['-u', shim, file], exitZero, grace, env),
    );
  }
}
