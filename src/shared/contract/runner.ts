import { z } from 'zod';
import type { RunState, RunStateCode } from '../model/run';
import { runStateSchema } from '../model/run';
import { defineService, type Event } from './types';

/** What a pre-run covers (spec §4.1): the workflow, one node, or a node and its downstream. */
export type RunScope =
  { kind: 'workflow' } | { kind: 'node'; node: string } | { kind: 'downstream'; node: string };

/**
 * How Flow/Task Ref nodes are treated in a local pre-run: `satisfied` (counted as met), `wait`
 * (WAIT until a successful local instance of the referenced workflow/task for the same business
 * date exists, up to a timeout), `run-first` (start the referenced workflows first, then wait for them).
 */
export type ReferenceMode = 'satisfied' | 'wait' | 'run-first';

/** One node of an instance (EnOS task instance fields). */
export interface RunTask {
  taskInstId: string;
  name: string;
  type: 'DATA_SYNC' | 'SHELL' | 'PYTHON' | 'EXTERNAL_APP' | 'FLOW_REF' | 'TASK_REF';
  status: RunState;
  statusCode: RunStateCode;
  /** Attempts started over the instance's whole life (reruns continue the count); log `<task>.<runNum>.log`. */
  runNum: number;
  /** Retries used in the current pass. */
  recallNum: number;
  recallLimit: number;
  recallInterval: number;
  timeout: number;
  isTimeout: boolean;
  /** ISO times of the latest attempt. */
  startTime?: string;
  endTime?: string;
  exitCode?: number | null;
  signal?: string | null;
  cmd?: string;
  reason?: string;
  /** Log files of the attempts, relative to the instance folder, oldest first. */
  logs: string[];
  /** Every attempt over the instance's life, oldest first (absent in instances from older builds). */
  attempts?: RunTaskAttempt[];
  /** The file the latest attempt ran, as it got into its working directory (SHELL / PYTHON). */
  source?: RunTaskSource;
}

/**
 * What a SHELL / PYTHON attempt had in its working directory: the pinned resource version (read
 * from git at its commit, sha256 checked), the working copy of the resource's source file (an
 * explicit choice), or the task's `script:` file.
 */
export type RunTaskSource =
  | { kind: 'resource'; resource: string; version: string; file: string; sha256: string }
  | { kind: 'working-copy'; resource: string; version?: string; path: string; file: string; sha256: string }
  | { kind: 'script'; path: string; sha256: string };

/** A syntax error at its 1-based position (end exclusive, when the compiler gives one). */
export interface SyntaxProblem {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

/** One attempt of a task; `endTime`/`status` are absent while it runs. */
export interface RunTaskAttempt {
  runNum: number;
  startTime: string;
  endTime?: string;
  status?: 'SUCCESS' | 'FAIL' | 'TIMEOUT' | 'CANCEL';
}

/** A workflow instance (EnOS FlowInstance fields). */
export interface RunInstance {
  instanceId: string;
  workflow: string;
  scope: RunScope;
  /** `YYYY-MM-DD HH:mm:ss` wall clock in the workspace zone. */
  triggerTime: string;
  utcOffsetMinutes: number;
  /** Business date = trigger date - 1 day. */
  calDt: string;
  status: RunState;
  statusCode: RunStateCode;
  reason?: string;
  submitter: string;
  createdAt: string;
  startTime?: string;
  endTime?: string;
  rerunCount: number;
  parameters: Record<string, string>;
  /** Backfill lane; instances of one workflow in different lanes may run at once. */
  lane?: string;
  /** How its Flow/Task Ref nodes are resolved (absent = `satisfied`). */
  references?: ReferenceMode;
  /** How long a reference may WAIT (`wait` / `run-first`). */
  referenceTimeoutSeconds?: number;
  /** Resource-bound tasks ran the working copy of their resource's source, not the pinned version. */
  workingCopy?: boolean;
  /** External APP requests were recorded in the log, not sent. */
  externalApp?: ExternalAppMode;
  /** The runner process that runs (or last ran) it: the app or a `bdp run` of the same workspace. */
  owner?: { pid: number; host: string; label: string; startedAt?: number };
  /** Nodes in topological order. */
  tasks: RunTask[];
}

/** What a pre-run does with External APP tasks: send the request (as the backend would), or only record it in the log. */
export type ExternalAppMode = 'call' | 'record';

export type RunInstanceSummary = Omit<RunInstance, 'tasks'>;

/** A batch of changes to one instance: its summary now and the tasks that changed. */
export interface RunInstanceChange {
  instance: RunInstanceSummary;
  tasks: RunTask[];
}

/** Log text of one task attempt, in order per attempt (`seq`, the header is 0). */
export interface RunLogChunk {
  instanceId: string;
  workflow: string;
  task: string;
  runNum: number;
  seq: number;
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
}

/** A byte range of one attempt's log file. */
export interface RunLogSlice {
  /** UTF-8 text of the bytes read; a multi-byte character cut by the range end is left for the next read. */
  text: string;
  offset: number;
  /** Where the next read continues. */
  nextOffset: number;
  /** File size when read (the runner flushes logs about once a second while a task runs). */
  size: number;
  /** Absolute path of the log file, for "reveal" and the CLI. */
  path: string;
  exists: boolean;
}

/** A database connection and where its password would come from (never the password). */
export interface ConnectionPasswordInfo {
  connection: string;
  type: 'POSTGRESQL' | 'MYSQL';
  /** `user@host:port/database`. */
  target: string;
  /** A password is in the secure store. */
  stored: boolean;
  /** The environment variable read first, e.g. `BDP_CONN_CRM_PASSWORD`. */
  envVar: string;
  /** That variable is set (it wins over the store). */
  fromEnv: boolean;
}

export interface RunStartArgs {
  /** Workflow name or workspace-relative `.workflow.yaml` path. */
  workflow: string;
  /** `YYYY-MM-DD[ HH:mm[:ss]]` in the workspace zone. */
  triggerTime?: string;
  /** Business date `YYYY-MM-DD`; trigger time becomes the next day 00:00. Ignored when triggerTime is set. */
  businessDate?: string;
  scope?: 'workflow' | 'node' | 'downstream';
  node?: string;
  references?: ReferenceMode;
  /** `wait` / `run-first`: how long a reference may WAIT before it FAILs (default 3600). */
  referenceTimeoutSeconds?: number;
  parameters?: Record<string, string>;
  /** Resource-bound tasks run the working copy of the resource's source instead of the pinned version. */
  workingCopy?: boolean;
  /** External APP tasks: send (default: bdp.yaml `prerun.externalApp`, else `call`) or record only. */
  externalApp?: ExternalAppMode;
}

/** The first rows of a Data Sync task's source, every value as text (designer "Preview source"). */
export interface SourcePreviewResult {
  columns: string[];
  rows: (string | null)[][];
  /** Files read (FILE sources), relative to the connection's folder. */
  files: string[];
  /** The source after `${...}` substitution, as read. */
  resolved: { connection: string; path?: string; table?: string; filter?: string; partition?: string };
}

export interface RunPreviewSourceArgs {
  /** Workflow name or workspace-relative `.workflow.yaml` path; the saved file is read. */
  workflow: string;
  /** A DATA_SYNC task of the workflow. */
  task: string;
  /** Business date the placeholders are resolved for; default yesterday. */
  businessDate?: string;
  /** Rows, 1-200 (default 20). */
  limit?: number;
}

export interface RunBackfillArgs {
  workflow: string;
  /** Business dates, inclusive. */
  from: string;
  to: string;
  /** Dates running at once (1-8). */
  parallelism: number;
  order: 'asc' | 'desc';
}

export interface RunListArgs {
  workflow?: string;
  status?: RunState;
  /** Business dates, inclusive. */
  from?: string;
  to?: string;
  /** Only instances created at or after / before these ISO times. */
  createdAfter?: string;
  createdBefore?: string;
}

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
}

export interface DebugFrame {
  name: string;
  /** Workspace-relative when inside the workspace. */
  path: string;
  line: number;
  locals: DebugVariable[];
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

/**
 * Local pre-runs (EnOS Workflow Operation). Main forwards to the runner child process, which
 * it starts for the open workspace on first use (crash recovery runs then). Without an open
 * workspace every method fails with `NO_WORKSPACE`.
 */
export interface RunnerService {
  /**
   * Pre-runs a workflow, a node, or a node and its downstream. The instance starts at once, or
   * WAITs behind a running instance of the same workflow. Errors: `NOT_FOUND` (workflow),
   * `INVALID_ARGUMENT` (no tasks, unknown node, invalid workflow file, bad date).
   */
  start(args: RunStartArgs): Promise<RunInstance>;
  /** Stops a running or waiting instance; every task process tree is killed. Errors: `NOT_FOUND`, `CONFLICT`. */
  stop(args: { instanceId: string }): Promise<RunInstance>;
  /**
   * Reruns a finished instance in place with the workflow as it is now: whole (default), one
   * node, or a node and its downstream (`rerun: false` relations stop propagation, SKIP).
   * Errors: `NOT_FOUND`, `CONFLICT` (still running).
   */
  rerun(args: { instanceId: string; node?: string; downstream?: boolean }): Promise<RunInstance>;
  /**
   * One pre-run per business date in [from, to], in `order`, at most `parallelism` dates at a
   * time (see docs/decisions.md "Runs UI and bdp run"). Resolves once every instance is created.
   */
  backfill(args: RunBackfillArgs): Promise<RunInstanceSummary[]>;
  /** Instances, newest first, without their tasks. */
  list(args: RunListArgs): Promise<RunInstanceSummary[]>;
  /** One instance with its tasks. Errors: `NOT_FOUND`. */
  get(args: { instanceId: string }): Promise<RunInstance>;
  /** A byte range (default 1 MiB, at most 8 MiB) of one attempt's log. */
  readLog(args: {
    instanceId: string;
    task: string;
    runNum: number;
    offset?: number;
    limit?: number;
  }): Promise<RunLogSlice>;
  /**
   * The first rows of a Data Sync task's source, read as the task would read them (placeholders
   * substituted for the business date). Errors: `NOT_FOUND` (workflow, task), `INVALID_ARGUMENT`
   * (not a Data Sync task, unknown connection, unreadable source).
   */
  previewSource(args: RunPreviewSourceArgs): Promise<SourcePreviewResult>;
  /**
   * The database connections of connections.yaml and whether a password is known for each
   * (secure store, or `BDP_CONN_<NAME>_PASSWORD` in the app's environment). Never the password.
   */
  listConnectionPasswords(): Promise<ConnectionPasswordInfo[]>;
  /**
   * Stores a database connection's password in the secure store (an empty password forgets it);
   * Data Sync tasks get it at task start. Errors: `NOT_FOUND` (no such database connection).
   */
  setConnectionPassword(args: { connection: string; password: string }): Promise<void>;

  /** Instance and task state changes, batched (~100 ms). */
  onDidChangeInstance: Event<RunInstanceChange>;
  /** Log output of running attempts, batched. */
  onDidAppendLog: Event<RunLogChunk>;

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

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const name = z.string().min(1).max(500);
const instanceId = z.string().min(1).max(300);

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

export const runnerDescriptor = defineService({
  methods: {
    start: z.object({
      workflow: name,
      triggerTime: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/, 'YYYY-MM-DD[ HH:mm[:ss]]')
        .optional(),
      businessDate: date.optional(),
      scope: z.enum(['workflow', 'node', 'downstream']).optional(),
      node: name.optional(),
      references: z.enum(['satisfied', 'wait', 'run-first']).optional(),
      referenceTimeoutSeconds: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 3600)
        .optional(),
      parameters: z.record(z.string(), z.string()).optional(),
      workingCopy: z.boolean().optional(),
      externalApp: z.enum(['call', 'record']).optional(),
    }),
    stop: z.object({ instanceId }),
    rerun: z.object({ instanceId, node: name.optional(), downstream: z.boolean().optional() }),
    backfill: z.object({
      workflow: name,
      from: date,
      to: date,
      parallelism: z.number().int().min(1).max(8),
      order: z.enum(['asc', 'desc']),
    }),
    list: z.object({
      workflow: name.optional(),
      status: runStateSchema.optional(),
      from: date.optional(),
      to: date.optional(),
      createdAfter: z.string().max(40).optional(),
      createdBefore: z.string().max(40).optional(),
    }),
    get: z.object({ instanceId }),
    listConnectionPasswords: z.undefined().optional(),
    setConnectionPassword: z.object({
      connection: z.string().regex(/^[A-Za-z0-9_]{1,50}$/),
      password: z.string().max(4096),
    }),
    readLog: z.object({
      instanceId,
      task: name,
      runNum: z.number().int().min(1),
      offset: z.number().int().min(0).optional(),
      limit: z
        .number()
        .int()
        .min(1)
        .max(8 * 1024 * 1024)
        .optional(),
    }),
    previewSource: z.object({
      workflow: name,
      task: name,
      businessDate: date.optional(),
      limit: z.number().int().min(1).max(200).optional(),
    }),
    runScript: scriptRunSchema,
    stopScript: z.object({ runId }),
    debugScript: z.object({ runId, command: z.enum(['continue', 'next', 'step', 'return']) }),
    setScriptBreakpoints: z.object({
      runId,
      path: relPath,
      lines: z.array(z.number().int().min(1)).max(1000),
    }),
    previewScript: scriptRunSchema,
    checkPythonSyntax: z.object({ text: z.string().max(10 * 1024 * 1024) }),
  },
  events: [
    'onDidChangeInstance',
    'onDidAppendLog',
    'onDidScriptOutput',
    'onDidScriptEnd',
    'onDidSqlResult',
    'onDidScriptDebug',
    'onDidScriptTrace',
  ],
});
