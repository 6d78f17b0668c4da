import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, delimiter, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type {
  DebugCommand,
  DebugEvaluation,
  DebugVariable,
  ScriptDebugState,
  ScriptMarker,
  ScriptOutputChunk,
  ScriptRunArgs,
  ScriptRunEnd,
  ScriptRunInfo,
  ScriptTrace,
  SyntaxProblem,
} from '../../../shared/contract/runner';
import type { Event } from '../../../shared/contract/types';
import { AppError } from '../../../shared/rpc/errors';
import { Emitter } from '../../../shared/emitter';
import { startProcess, type ProcessResult } from '../process-runner';
import { taskRuntimeEnv } from '../task-runtime';
import { startControlledProcess, type ControlledProcess } from './control-process';
import { bashMarkers, pythonMarkers, type RunFileMap } from './error-markers';
import { dedent, splitArgs, statementAt, substituteScript } from './script-text';
import { runSqlScript } from './sql-script';
import { checkPythonSyntax } from './python-syntax';
import type { ScriptEvent, ScriptRunRequest } from '../../../shared/runner-protocol';

export interface ScriptRunnerOptions {
  workspaceRoot: string;
  /** `resources/runner`: the main() shim, the bdb driver and the hive shims. */
  resourcesDir: string;
  timezone?: string;
  /** `${env.APP_CUSTOMER}` / `${env.APP_ID}`. */
  app?: { customer: string; id: string };
  bashPath?: string;
  /** Default interpreter; a run may name another (the user's setting). */
  pythonPath?: string;
  killGraceMs?: number;
  env?: Record<string, string | undefined>;
}

interface ActiveRun {
  info: ScriptRunInfo;
  map: RunFileMap;
  dir: string;
  stop(): Promise<void>;
  pid?: () => number | undefined;
  debug?: {
    process: ControlledProcess;
    paused: boolean;
    /** Debug console questions awaiting the driver's answer, by id. */
    evaluations: Map<number, (answer: DebugEvaluation) => void>;
  };
}

const STDERR_KEEP = 256 * 1024;
const TRACE_FLUSH_MS = 50;
/** PS4 of trace runs: bash repeats its first character per nesting level. */
const TRACE_PS4 = '+\u001e${LINENO}\u001e${BASH_SOURCE}\u001e';
// eslint-disable-next-line no-control-regex -- the PS4 above separates fields with RS (0x1e)
const TRACE_LINE = /^\++\u001e(\d+)\u001e([^\u001e]*)\u001e(.*)$/;

/**
 * Runs editor scripts inside the runner process (DESIGN: main never spawns): one run per file at
 * a time, its text written to `.bdp/script-runs/<runId>/` after substitution and removed after.
 */
export class ScriptRunner {
  private readonly emitter = new Emitter<ScriptEvent>();
  private readonly runs = new Map<string, ActiveRun>();
  private counter = 0;
  private evaluationIds = 0;
  readonly onDidScriptEvent: Event<ScriptEvent> = this.emitter.event;

  constructor(private readonly options: ScriptRunnerOptions) {}

  checkPythonSyntax(text: string, python?: string): Promise<SyntaxProblem | null> {
    return checkPythonSyntax(
      text,
      python ?? this.options.pythonPath ?? (process.platform === 'win32' ? 'python' : 'python3'),
    );
  }

  preview(args: ScriptRunArgs): { text: string; unresolved: string[] } {
    return substituteScript(args.text, args.language, {
      ...args,
      timezone: this.options.timezone,
      app: this.options.app,
    });
  }

  async run(req: ScriptRunRequest): Promise<ScriptRunInfo> {
    const root = this.options.workspaceRoot;
    const absolute = this.confine(req.path);
    for (const r of this.runs.values())
      if (r.info.path === req.path)
        throw new AppError('CONFLICT', `${req.path} is already running; stop it first`);
    const mode = req.mode ?? 'run';
    if (mode === 'debug' && req.language !== 'python')
      throw new AppError(
        'INVALID_ARGUMENT',
        'the debugger is for Python scripts; Shell scripts have trace mode',
      );
    if (mode === 'trace' && req.language !== 'shell')
      throw new AppError('INVALID_ARGUMENT', 'trace mode is for Shell scripts');

    let text = req.text;
    let firstLine = req.firstLine ?? 1;
    if ((req.language === 'sql' || req.language === 'hql') && req.statementAtLine !== undefined) {
      const st = statementAt(text, req.statementAtLine);
      if (!st) throw new AppError('INVALID_ARGUMENT', 'there is no SQL statement to run here');
      text = st.text;
      firstLine += st.firstLine - 1;
    }
    if (req.language === 'python' && firstLine > 1) text = dedent(text);
    const substituted = substituteScript(text, req.language, {
      businessDate: req.businessDate,
      parameters: req.parameters,
      timezone: this.options.timezone,
      app: this.options.app,
    });
    let argv: string[] = [];
    if (req.args?.trim()) {
      try {
        argv = splitArgs(
          substituteScript(req.args, 'shell', {
            businessDate: req.businessDate,
            parameters: req.parameters,
            timezone: this.options.timezone,
            app: this.options.app,
          }).text,
        );
      } catch (error) {
        throw new AppError('INVALID_ARGUMENT', (error as Error).message);
      }
    }

    const runId = `script-${Date.now().toString(36)}-${++this.counter}`;
    const dir = join(root, '.bdp', 'script-runs', runId);
    await mkdir(dir, { recursive: true });
    const runFile = join(dir, basename(req.path));
    await writeFile(runFile, substituted.text.endsWith('\n') ? substituted.text : `${substituted.text}\n`);
    const map: RunFileMap = { runFile, path: req.path, firstLine };
    const python =
      req.python || this.options.pythonPath || (process.platform === 'win32' ? 'python' : 'python3');
    const bash = this.options.bashPath ?? 'bash';
    const commandLine =
      req.language === 'python'
        ? `${python} ${req.path}${argv.length ? ' ' + req.args : ''}`
        : req.language === 'shell'
          ? `bash ${mode === 'trace' ? '-x ' : ''}${req.path}${argv.length ? ' ' + req.args : ''}`
          : `${req.language.toUpperCase()} ${req.path} (local warehouse)`;
    // Bash's own expansions (`${1:?usage}`, `${URL:-default}`, `${#x}`) are not EnOS placeholders: no warning.
    const unresolved =
      req.language === 'shell'
        ? substituted.unresolved.filter((u) => /^[A-Za-z_][\w.]*$/.test(u))
        : substituted.unresolved;
    const info: ScriptRunInfo = {
      runId,
      path: req.path,
      language: req.language,
      mode,
      startedAt: new Date().toISOString(),
      commandLine,
      unresolved,
    };
    const run: ActiveRun = { info, map, dir, stop: () => Promise.resolve() };
    this.runs.set(runId, run);

    let seq = 0;
    const output = (stream: ScriptOutputChunk['stream'], chunk: string): void => {
      if (chunk) this.emitter.fire({ kind: 'output', payload: { runId, seq: seq++, stream, text: chunk } });
    };
    let stderr = '';
    // The console shows the editor's path, not the temp copy (its lines match only for whole-file runs).
    const shown = firstLine === 1 ? req.path : `${req.path} (selection from line ${firstLine})`;
    const onOutput = (c: { stream: 'stdout' | 'stderr'; text: string }): void => {
      if (c.stream === 'stderr' && stderr.length < STDERR_KEEP) stderr += c.text;
      output(c.stream, c.text.split(runFile).join(shown));
    };
    const finish = (end: Omit<ScriptRunEnd, 'runId'>): void => {
      for (const answer of this.runs.get(runId)?.debug?.evaluations.values() ?? [])
        answer({ error: 'The program ended.' });
      this.runs.delete(runId);
      void rm(dir, { recursive: true, force: true });
      this.emitter.fire({ kind: 'end', payload: { runId, ...end } });
    };
    const processEnd = (r: ProcessResult, markersOf: (s: string, m: RunFileMap) => ScriptMarker[]): void => {
      const status = r.killed ? 'stopped' : r.exitCode === 0 ? 'success' : 'failure';
      const message = r.error !== undefined ? `could not start: ${r.error}` : undefined;
      finish({
        status,
        exitCode: r.exitCode,
        signal: r.signal,
        durationMs: Math.round(r.durationMs),
        message,
        markers: status === 'failure' ? markersOf(stderr, map) : [],
      });
    };

    if (req.language === 'sql' || req.language === 'hql') {
      const sql = runSqlScript({
        runId,
        text: substituted.text,
        firstLine,
        path: req.path,
        warehouseDir: join(root, '.bdp', 'warehouse'),
        onOutput: (t) => output('stdout', t),
        onResult: (payload) => this.emitter.fire({ kind: 'sql', payload }),
      });
      run.stop = sql.stop;
      void sql.done.then((end) => finish(end));
      return info;
    }

    const env = await this.taskEnv(dirname(absolute));
    const grace = this.options.killGraceMs;
    if (req.language === 'python' && mode === 'debug') {
      const breakpoints = {
        [runFile]: (req.breakpoints ?? []).map((l) => l - firstLine + 1).filter((l) => l >= 1),
      };
      const proc = startControlledProcess(
        {
          file: python,
          args: [
            '-u',
            join(this.options.resourcesDir, 'bdb_driver.py'),
            '--control-fd',
            '3',
            '--root',
            root,
            '--breakpoints',
            JSON.stringify(breakpoints),
            runFile,
            ...argv,
          ],
          cwd: root,
          env,
          killGraceMs: grace,
          onOutput,
        },
        (line) => this.onDebugMessage(run, line),
      );
      run.debug = { process: proc, paused: false, evaluations: new Map() };
      run.stop = () => proc.kill();
      run.pid = () => proc.pid;
      void proc.result.then((r) => processEnd(r, pythonMarkers));
      return info;
    }
    if (req.language === 'python') {
      const proc = startProcess({
        file: python,
        args: ['-u', join(this.options.resourcesDir, 'python_main_shim.py'), runFile, ...argv],
        cwd: root,
        env,
        killGraceMs: grace,
        onOutput,
      });
      run.stop = () => proc.kill();
      run.pid = () => proc.pid;
      void proc.result.then((r) => processEnd(r, pythonMarkers));
      return info;
    }
    if (mode === 'trace') {
      const tracer = new TraceBatcher(req.path, runFile, firstLine, runId, (payload) =>
        this.emitter.fire({ kind: 'trace', payload }),
      );
      const proc = startControlledProcess(
        {
          file: bash,
          args: ['-c', 'PS4=$BDP_PS4; unset BDP_PS4; set -x; . "$0"', runFile, ...argv],
          cwd: root,
          env: { ...env, BASH_XTRACEFD: '3', BDP_PS4: TRACE_PS4 },
          killGraceMs: grace,
          onOutput,
        },
        (line) => tracer.push(line, (t) => output('system', t)),
      );
      run.stop = () => proc.kill();
      run.pid = () => proc.pid;
      void proc.result.then((r) => {
        tracer.flush();
        processEnd(r, bashMarkers);
      });
      return info;
    }
    const proc = startProcess({
      file: bash,
      args: [runFile, ...argv],
      cwd: root,
      env,
      killGraceMs: grace,
      onOutput,
    });
    run.stop = () => proc.kill();
    run.pid = () => proc.pid;
    void proc.result.then((r) => processEnd(r, bashMarkers));
    return info;
  }

  /** Stops a run (the whole process tree, or the SQL statement). Unknown runs are ignored. */
  async stop(runId: string): Promise<void> {
    await this.runs.get(runId)?.stop();
  }

  debugCommand(runId: string, command: DebugCommand): void {
    const run = this.runs.get(runId);
    if (!run?.debug) throw new AppError('NOT_FOUND', `no debug session ${runId}`);
    if (!run.debug.paused) throw new AppError('CONFLICT', 'the program is running; it must be paused first');
    run.debug.paused = false;
    run.debug.process.send(JSON.stringify({ cmd: command }));
    this.emitter.fire({ kind: 'debug', payload: { runId, state: 'running' } });
  }

  /** The debug console: answered by the paused driver, which stays paused. */
  evaluate(runId: string, expression: string, frame: number): Promise<DebugEvaluation> {
    const run = this.runs.get(runId);
    if (!run?.debug) throw new AppError('NOT_FOUND', `no debug session ${runId}`);
    if (!run.debug.paused) throw new AppError('CONFLICT', 'the program is running; pause it to evaluate');
    const debug = run.debug;
    const id = ++this.evaluationIds;
    return new Promise((resolve) => {
      debug.evaluations.set(id, resolve);
      debug.process.send(JSON.stringify({ cmd: 'evaluate', id, expression, frame }));
    });
  }

  setBreakpoints(runId: string, path: string, lines: number[]): void {
    const run = this.runs.get(runId);
    if (!run?.debug) throw new AppError('NOT_FOUND', `no debug session ${runId}`);
    const file = path === run.info.path ? run.map.runFile : this.confine(path);
    const offset = path === run.info.path ? run.map.firstLine - 1 : 0;
    run.debug.process.send(
      JSON.stringify({ cmd: 'setBreakpoints', file, lines: lines.map((l) => l - offset) }),
    );
  }

  /** Synchronous last resort at process exit: SIGKILL every running script's group. */
  killAllNow(): void {
    for (const r of this.runs.values()) {
      const pid = r.pid?.();
      if (pid === undefined) continue;
      try {
        process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.runs.values()].map((r) => r.stop()));
    this.emitter.dispose();
  }

  /** The absolute path of a workspace-relative path; refuses anything outside the workspace. */
  private confine(path: string): string {
    const root = this.options.workspaceRoot;
    const absolute = resolve(root, path);
    if (isAbsolute(path) || !absolute.startsWith(root + sep))
      throw new AppError('INVALID_ARGUMENT', `${path} is outside the workspace`);
    return absolute;
  }

  private async taskEnv(scriptDir: string): Promise<Record<string, string | undefined>> {
    const base: Record<string, string | undefined> = {
      ...(this.options.env ?? process.env),
      PYTHONIOENCODING: 'utf-8',
    };
    // The run file lives in .bdp/script-runs: sibling modules of the real file must stay importable.
    base.PYTHONPATH = base.PYTHONPATH ? `${scriptDir}${delimiter}${base.PYTHONPATH}` : scriptDir;
    return taskRuntimeEnv(this.options.resourcesDir, this.options.workspaceRoot)(base);
  }

  private onDebugMessage(run: ActiveRun, line: string): void {
    let msg: {
      event?: string;
      reason?: ScriptDebugState['reason'];
      file?: string;
      line?: number;
      frames?: Array<{
        name: string;
        file: string;
        line: number;
        locals: DebugVariable[];
        globals?: DebugVariable[];
      }>;
      id?: number;
      result?: DebugVariable;
      error?: string;
    };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      return;
    }
    if (msg.event === 'evaluated' && run.debug && msg.id !== undefined) {
      const answer = run.debug.evaluations.get(msg.id);
      run.debug.evaluations.delete(msg.id);
      answer?.(msg.error !== undefined ? { error: msg.error } : { result: msg.result });
      return;
    }
    if (msg.event !== 'stopped' || !run.debug) return;
    run.debug.paused = true;
    const where = (file: string, l: number): { path: string; line: number } =>
      this.editorLocation(run, file, l);
    const top = where(msg.file ?? '', msg.line ?? 1);
    this.emitter.fire({
      kind: 'debug',
      payload: {
        runId: run.info.runId,
        state: 'paused',
        reason: msg.reason,
        path: top.path,
        line: top.line,
        frames: (msg.frames ?? []).map((f) => ({
          name: f.name,
          ...where(f.file, f.line),
          locals: f.locals,
          globals: f.globals ?? [],
        })),
      },
    });
  }

  private editorLocation(run: ActiveRun, file: string, line: number): { path: string; line: number } {
    if (file === run.map.runFile) return { path: run.info.path, line: line + run.map.firstLine - 1 };
    const rel = relative(this.options.workspaceRoot, file);
    return { path: rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/'), line };
  }
}

/** Collects xtrace lines of the run file and reports them every {@link TRACE_FLUSH_MS}. */
class TraceBatcher {
  private lines: number[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly runFile: string,
    private readonly firstLine: number,
    private readonly runId: string,
    private readonly sink: (trace: ScriptTrace) => void,
  ) {}

  push(raw: string, echo: (text: string) => void): void {
    const m = TRACE_LINE.exec(raw);
    if (!m || m[2] !== this.runFile) return;
    const line = Number(m[1]) + this.firstLine - 1;
    echo(`+ ${line}: ${m[3]}\n`);
    this.lines.push(line);
    this.timer ??= setTimeout(() => this.flush(), TRACE_FLUSH_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length === 0) return;
    // A tight loop can execute thousands of lines per batch; the editor needs the set and the last.
    const lines =
      this.lines.length > 500
        ? [...new Set(this.lines.slice(0, -1)), this.lines[this.lines.length - 1]]
        : this.lines;
    this.lines = [];
    this.sink({ runId: this.runId, path: this.path, lines });
  }
}
