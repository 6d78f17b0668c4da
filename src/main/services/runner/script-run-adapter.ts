import type {
  DebugCommand,
  DebugEvaluation,
  ScriptDebugState,
  ScriptOutputChunk,
  ScriptRunArgs,
  ScriptRunEnd,
  ScriptRunInfo,
  ScriptTrace,
  SqlStatementResult,
  SyntaxProblem,
} from '../../../shared/contract/runner';
import type { Event } from '../../../shared/contract/types';
import type { RunnerClient } from './runner-client';
import { Emitter } from '../../../shared/emitter';
import type { ScriptEvent } from '../../../shared/runner-protocol';

/**
 * The script-run half of the runner service: forwards editor Run / Debug calls to the runner
 * process (main never spawns) with the interpreter from the user's settings, and splits the
 * runner's script events into the contract's events.
 */
export class ScriptRunAdapter {
  private readonly output = new Emitter<ScriptOutputChunk>();
  private readonly end = new Emitter<ScriptRunEnd>();
  private readonly sql = new Emitter<SqlStatementResult>();
  private readonly debug = new Emitter<ScriptDebugState>();
  private readonly trace = new Emitter<ScriptTrace>();

  readonly onDidScriptOutput: Event<ScriptOutputChunk> = this.output.event;
  readonly onDidScriptEnd: Event<ScriptRunEnd> = this.end.event;
  readonly onDidSqlResult: Event<SqlStatementResult> = this.sql.event;
  readonly onDidScriptDebug: Event<ScriptDebugState> = this.debug.event;
  readonly onDidScriptTrace: Event<ScriptTrace> = this.trace.event;

  constructor(
    private readonly runner: () => Promise<RunnerClient>,
    private readonly pythonPath: () => Promise<string | undefined> = () => Promise.resolve(undefined),
  ) {}

  /** Script runs started and not yet ended, with when they started. */
  private readonly running = new Map<string, number>();
  /** Runs whose end overtook the reply to `run`. */
  private readonly endedEarly = new Set<string>();

  fire(e: ScriptEvent): void {
    if (e.kind === 'output') this.output.fire(e.payload);
    else if (e.kind === 'end') {
      if (!this.running.delete(e.payload.runId)) this.endedEarly.add(e.payload.runId);
      this.end.fire(e.payload);
    } else if (e.kind === 'sql') this.sql.fire(e.payload);
    else if (e.kind === 'debug') this.debug.fire(e.payload);
    else this.trace.fire(e.payload);
  }

  async run(args: ScriptRunArgs): Promise<ScriptRunInfo> {
    const python = args.language === 'python' ? await this.pythonPath() : undefined;
    const info = await (await this.runner()).script('run', { ...args, python });
    if (!this.endedEarly.delete(info.runId)) this.running.set(info.runId, Date.now());
    return info;
  }

  /** The runner died: every script run it had ends failed with the reason. */
  runnerExited(message: string): void {
    for (const [runId, started] of this.running)
      this.end.fire({
        runId,
        status: 'failure',
        exitCode: null,
        durationMs: Date.now() - started,
        message,
        markers: [],
      });
    this.running.clear();
  }

  async stop(args: { runId: string }): Promise<void> {
    await (await this.runner()).script('stop', args.runId);
  }

  async command(args: { runId: string; command: DebugCommand }): Promise<void> {
    await (await this.runner()).script('debugCommand', args.runId, args.command);
  }

  async evaluate(args: { runId: string; expression: string; frame: number }): Promise<DebugEvaluation> {
    return (await this.runner()).script('evaluate', args.runId, args.expression, args.frame);
  }

  async setBreakpoints(args: { runId: string; path: string; lines: number[] }): Promise<void> {
    await (await this.runner()).script('setBreakpoints', args.runId, args.path, args.lines);
  }

  async preview(args: ScriptRunArgs): Promise<{ text: string; unresolved: string[] }> {
    return (await this.runner()).script('preview', args);
  }

  async checkPythonSyntax(args: { text: string }): Promise<SyntaxProblem | null> {
    return (await this.runner()).script('checkPythonSyntax', args.text, await this.pythonPath());
  }

  dispose(): void {
    for (const e of [this.output, this.end, this.sql, this.debug, this.trace]) e.dispose();
  }
}
