import { z } from 'zod';
import { isoDate } from './fields';
import type { Event } from './types';

/** Languages the editor can run (spec §2.2-2.3; SQL/HQL run against the local warehouse). */
export type ScriptLanguage = 'python' | 'shell' | 'sql' | 'hql';

/** `run`: plain run; `debug`: Python under the bdb driver; `trace`: Shell under `bash -x`. */
export type ScriptRunMode = 'run' | 'debug' | 'trace';

/** Run the text of an editor (whole file or a selection), not necessarily saved. */
export interface ScriptRunArgs {
  /** Workspace-relative path of the file the text comes from (cwd is the workspace root). */
  path: string;
  text: string;
  language: ScriptLanguage;
  mode?: ScriptRunMode;
  /** 1-based line of the file where `text` starts (selection runs); default 1. */
  firstLine?: number;
  /** SQL/HQL: run only the statement containing this line of `text`. */
  statementAtLine?: number;
  /** `YYYY-MM-DD`; `${cal_dt}` and friends resolve for it. Default: yesterday. */
  businessDate?: string;
  /** `${name}` values, like workflow parameters; in HQL also `${env.name}` (canaanhive -E). */
  parameters?: Record<string, string>;
  /** Command-line arguments (Python/Shell), substituted, then split like a shell would. */
  args?: string;
  /** Debug: breakpoint lines of `path`. */
  breakpoints?: number[];
}

/** What a run started with. */
export interface ScriptRunInfo {
  runId: string;
  path: string;
  language: ScriptLanguage;
  mode: ScriptRunMode;
  startedAt: string;
  /** The command line shown in the console header. */
  commandLine: string;
  /** `${...}` placeholders nothing defines (left as written). */
  unresolved: string[];
}

/** Output of a script run, in order (`seq`). */
export interface ScriptOutputChunk {
  runId: string;
  seq: number;
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
}

/** An error the run's output points at (traceback frame, bash `line N:`, SQL statement). */
export interface ScriptMarker {
  path: string;
  line: number;
  message: string;
}

export interface ScriptRunEnd {
  runId: string;
  status: 'success' | 'failure' | 'stopped';
  exitCode: number | null;
  signal?: string | null;
  durationMs: number;
  /** Why it failed when the output does not say (could not start...). */
  message?: string;
  markers: ScriptMarker[];
}

/** The row cap of the SQL results grid (the EnOS script limit). */
export const SQL_ROW_LIMIT = 3000;

/** One SQL statement's outcome; rows are capped at {@link SQL_ROW_LIMIT}. */
export interface SqlStatementResult {
  runId: string;
  /** 0-based statement index in the run. */
  index: number;
  /** 1-based file line where the statement starts. */
  line: number;
  /** The statement text (shortened). */
  statement: string;
  kind: 'rows' | 'message' | 'error';
  columns?: string[];
  rows?: (string | null)[][];
  /** Rows the statement produced (may exceed the rows delivered). */
  rowCount?: number;
  truncated?: boolean;
  message?: string;
  elapsedMs: number;
}

export interface DebugVariable {
  name: string;
  type: string;
  value: string;
  /** A container's items (dict keys, list indices, object attributes), two levels deep, 50 per level. */
  children?: DebugVariable[];
  /** Items left out after the first 50. */
  more?: number;
}

/** What the debug console answers: the value of an expression in a paused frame, or why not. */
export interface DebugEvaluation {
  result?: DebugVariable;
  error?: string;
}

export interface DebugFrame {
  name: string;
  /** Workspace-relative when inside the workspace. */
  path: string;
  line: number;
  locals: DebugVariable[];
  /** The module's own names (empty at module level, where the locals are the globals). */
  globals: DebugVariable[];
}

/** Debugger state of a debug run. */
export interface ScriptDebugState {
  runId: string;
  state: 'paused' | 'running';
  reason?: 'breakpoint' | 'step' | 'entry';
  path?: string;
  line?: number;
  /** Innermost first; user code only. */
  frames?: DebugFrame[];
}

/** Lines a trace run executed since the last event, in order. */
export interface ScriptTrace {
  runId: string;
  path: string;
  lines: number[];
}

export type DebugCommand = 'continue' | 'next' | 'step' | 'return';

/** A syntax error at its 1-based position (end exclusive, when the compiler gives one). */
export interface SyntaxProblem {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

/** Editor script runs (F5, debug, trace, SQL results) and live checks, in the runner process. */
export interface ScriptsService {
  /**
   * Runs an editor's script in the runner process: Python through the configured interpreter
   * and the main() shim, Shell through bash, SQL/HQL against the local warehouse. Output, SQL
   * results, debugger stops and the end arrive as events. Errors: `INVALID_ARGUMENT` (path
   * outside the workspace), `CONFLICT` (this file is already running).
   */
  runScript(args: ScriptRunArgs): Promise<ScriptRunInfo>;
  /** Stops a script run, killing its whole process tree. Unknown or finished runs are ignored. */
  stopScript(args: { runId: string }): Promise<void>;
  /** Resumes a paused debug run. Errors: `NOT_FOUND`, `CONFLICT` (not paused). */
  debugScript(args: { runId: string; command: DebugCommand }): Promise<void>;
  /**
   * The debug console: evaluates an expression (or runs a statement) in a frame of a paused debug
   * run, which stays paused. Errors: `NOT_FOUND`, `CONFLICT` (not paused).
   */
  evaluateInScript(args: { runId: string; expression: string; frame: number }): Promise<DebugEvaluation>;
  /** Replaces the breakpoints of a file in a running debug session (applied at the next stop). */
  setScriptBreakpoints(args: { runId: string; path: string; lines: number[] }): Promise<void>;
  /** The script as a run would execute it (variables substituted), for the preview. */
  previewScript(args: ScriptRunArgs): Promise<{ text: string; unresolved: string[] }>;
  /**
   * The first syntax error of a Python buffer (unsaved text), compiled — never run — by the
   * configured interpreter in the runner process; null when it compiles. For live diagnostics.
   */
  checkPythonSyntax(args: { text: string }): Promise<SyntaxProblem | null>;
  onDidScriptOutput: Event<ScriptOutputChunk>;
  onDidScriptEnd: Event<ScriptRunEnd>;
  onDidSqlResult: Event<SqlStatementResult>;
  onDidScriptDebug: Event<ScriptDebugState>;
  onDidScriptTrace: Event<ScriptTrace>;
}

const date = isoDate;
const runId = z.string().min(1).max(100);
const relPath = z.string().min(1).max(1000);
const scriptRunSchema = z.object({
  path: relPath,
  text: z.string().max(10 * 1024 * 1024),
  language: z.enum(['python', 'shell', 'sql', 'hql']),
  mode: z.enum(['run', 'debug', 'trace']).optional(),
  firstLine: z.number().int().min(1).optional(),
  statementAtLine: z.number().int().min(1).optional(),
  businessDate: date.optional(),
  parameters: z
    .record(
      z.string().regex(/^[A-Za-z_][\w.]*$/, 'parameter names are letters, digits, _ and .'),
      z.string().max(10_000),
    )
    .optional(),
  args: z.string().max(10_000).optional(),
  breakpoints: z.array(z.number().int().min(1)).max(1000).optional(),
});

export const scriptMethods = {
  runScript: scriptRunSchema,
  stopScript: z.object({ runId }),
  debugScript: z.object({ runId, command: z.enum(['continue', 'next', 'step', 'return']) }),
  evaluateInScript: z.object({
    runId,
    expression: z.string().min(1).max(10_000),
    frame: z.number().int().min(0).max(100),
  }),
  setScriptBreakpoints: z.object({
    runId,
    path: relPath,
    lines: z.array(z.number().int().min(1)).max(1000),
  }),
  previewScript: scriptRunSchema,
  checkPythonSyntax: z.object({ text: z.string().max(10 * 1024 * 1024) }),
};

export const scriptEvents = [
  'onDidScriptOutput',
  'onDidScriptEnd',
  'onDidSqlResult',
  'onDidScriptDebug',
  'onDidScriptTrace',
] as const;
