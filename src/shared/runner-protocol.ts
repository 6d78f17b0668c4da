import type { Event } from './contract';
import type {
  DebugCommand,
  DebugEvaluation,
  ExternalAppMode,
  ReferenceMode,
  RunLogChunk,
  RunScope,
  RunInstance,
  RunTask,
  ScriptDebugState,
  ScriptOutputChunk,
  ScriptRunArgs,
  SyntaxProblem,
  ScriptRunEnd,
  ScriptRunInfo,
  ScriptTrace,
  SqlStatementResult,
} from './contract/runner';
import type { Connection, ResourceFormat, SyncConfig, Workflow } from './model';
import type { SerializedError } from './rpc/errors';

/** Instances live in `<workspace>/.bdp/runs/<workflow>/<instanceId>/`. */
export const RUNS_DIR = '.bdp/runs';
/** The workflow an instance was started with, in its folder (reruns fall back to it). */
export const WORKFLOW_SNAPSHOT = 'workflow.json';

/**
 * The protocol between main and the runner process (DESIGN "Processes"): what main may ask the
 * runner and what comes back. Both processes import this file and nothing else of each other;
 * lint keeps it so. Pure types plus the lists the runner validates calls against.
 */

type WorkflowInstance = RunInstance;
type TaskInstance = RunTask;
type LogChunk = RunLogChunk;

/** How many finished instances to keep. Running and waiting instances are never pruned. */
export interface RetentionPolicy {
  /** Newest N finished instances kept per workflow (default 50). */
  maxPerWorkflow?: number;
  /** Finished instances created more than this many days ago are removed (default: no age limit). */
  maxAgeDays?: number;
}

/**
 * Where a resource-bound task's file comes from, resolved by main (which holds git): the pinned
 * version's bytes verified against its sha256 and kept in `file`, the working copy of the
 * resource's source, or why neither can be had. The runner puts it in the task's working
 * directory under `fileName` (archives unpacked there).
 */
export type TaskFileSource =
  | {
      kind: 'resource';
      resource: string;
      version: string;
      sha256: string;
      fileName: string;
      format: ResourceFormat;
      file: string;
    }
  | {
      kind: 'working-copy';
      resource: string;
      version?: string;
      fileName: string;
      format: ResourceFormat;
      path: string;
    }
  | { kind: 'unavailable'; resource: string; version: string; message: string };

/** Start one pre-run. */
export interface StartRequest {
  /** The parsed workflow; the runner keeps a snapshot of it with the instance. */
  workflow: Workflow;
  /** `YYYY-MM-DD[ HH:mm[:ss]]` wall clock in the workspace zone; default: now. */
  triggerTime?: string;
  /** Default: the whole workflow. */
  scope?: RunScope;
  /** One-off overrides of workflow parameters (EnOS "Update and Trigger"); task parameters still win. */
  parameters?: Record<string, string>;
  /** Backfill only: instances in different lanes of one workflow may run at once (docs/decisions.md "Runs UI"). */
  lane?: string;
  /** How Flow/Task Ref nodes resolve (default `satisfied`); `run-first` expects the caller to have started the referenced workflows. */
  references?: ReferenceMode;
  /** `wait` / `run-first`: seconds a reference may WAIT (default 3600). */
  referenceTimeoutSeconds?: number;
  /** Files of resource-bound tasks, by task name. */
  taskFiles?: Record<string, TaskFileSource>;
  /** Recorded on the instance: the task files are working copies. */
  workingCopy?: boolean;
  /** External APP tasks are recorded, not sent (default `call`). */
  externalApp?: ExternalAppMode;
}

/** Rerun a finished instance (same instance id; run numbers continue). */
export interface RerunRequest {
  instanceId: string;
  /** Default: the scope the instance was started with. */
  scope?: RunScope;
  /** The workflow as it is now; default: the snapshot taken when the instance was created. */
  workflow?: Workflow;
  /** Files of resource-bound tasks, resolved again for the rerun. */
  taskFiles?: Record<string, TaskFileSource>;
}

/** An instance without its task list. */
export type InstanceSummary = Omit<WorkflowInstance, 'tasks'>;

/** A batch of changes to one instance: its current summary and the tasks that changed. */
export interface InstanceChange {
  instance: InstanceSummary;
  tasks: TaskInstance[];
}

/** Settings that may change while the runner lives. */
export interface RunnerSettings {
  /** Task attempts running at once across all instances (bdp.yaml `parallelism`). */
  parallelism?: number;
  retention?: RetentionPolicy;
}

/** Preview of a Data Sync source whose `${...}` are already resolved. */
export interface SourcePreviewRequest {
  source: SyncConfig['source'];
  /** At most this many rows (the runner caps it at 200). */
  limit: number;
}

/** The first rows of a source, every value as text; `files` are the files read (workspace-relative when inside it). */
export interface SourcePreview {
  columns: string[];
  rows: (string | null)[][];
  files: string[];
}

/** Process facts, for diagnostics and the benchmark. */
export interface RunnerDiagnostics {
  pid: number;
  rssBytes: number;
  maxRssBytes: number;
}

/** The runner's API: the same in-process ({@link RunnerServiceNode}) and across the IPC channel (`RunnerClient`). */
export interface RunnerApi {
  /** Creates an instance (INIT, or WAIT behind a running instance of the same workflow) and starts it when it may. Errors: INVALID_ARGUMENT (no tasks, unknown node, cycle, bad trigger time). */
  start(request: StartRequest): Promise<WorkflowInstance>;
  /** Stops a running or waiting instance: kills its process trees, state CANCEL. Errors: NOT_FOUND, CONFLICT (already finished). */
  stop(instanceId: string): Promise<WorkflowInstance>;
  /** Reruns a SUCCESS/FAIL/CANCEL/SKIP instance in place. Errors: NOT_FOUND, CONFLICT (not rerunnable now). */
  rerun(request: RerunRequest): Promise<WorkflowInstance>;
  /** Instances, newest first, without their tasks. */
  list(filter?: { workflow?: string }): Promise<InstanceSummary[]>;
  /** One instance with its tasks, or undefined. */
  get(instanceId: string): Promise<WorkflowInstance | undefined>;
  /** The log of one attempt (default: the latest), or undefined. */
  readLog(instanceId: string, task: string, runNum?: number): Promise<string | undefined>;
  /** First rows of a Data Sync source (the designer's Preview source); passwords come from main on request. */
  previewSource(request: SourcePreviewRequest): Promise<SourcePreview>;
  configure(settings: RunnerSettings): Promise<void>;
  diagnostics(): Promise<RunnerDiagnostics>;
  /** Batched changes of instance and task states. */
  onDidChangeInstance: Event<InstanceChange>;
  /** Log output of task attempts, in order per attempt (`seq`). */
  onDidAppendLog: Event<LogChunk>;
  /** Stops everything still running (instances end CANCEL) and releases resources. */
  dispose(): Promise<void>;
}

/** Plain data, so the same options cross the IPC channel to the runner process. */
export interface RunnerServiceOptions extends RunnerSettings {
  workspaceRoot: string;
  /** IANA zone of trigger times (bdp.yaml `timezone`); default: the host's. */
  timezone?: string;
  bashPath?: string;
  pythonPath?: string;
  /** The folder holding `python_main_shim.py` and `spawn_helper.py`; default: `resources/runner` found upward from this module or the cwd. */
  resourcesDir?: string;
  /** Start task processes through the Python spawn helper (default true on POSIX; falls back to Node's spawn when it cannot start). */
  spawnHelper?: boolean;
  /** Default: the OS user. */
  submitter?: string;
  /** Who runs instances, named to other processes waiting for a workflow (`BDP Studio`, `bdp run`). */
  owner?: string;
  /** How often an instance waiting for another process's run of its workflow looks again (default 500 ms). */
  lockPollMs?: number;
  /** The reason recorded on instances crash recovery finds unfinished (main knows why the previous runner ended). */
  recoveryReason?: string;
  /** `${env.APP_CUSTOMER}` and `${env.APP_ID}` (bdp.yaml `prerun`, with defaults applied by main). */
  app?: { customer: string; id: string };
  /** Base environment of task processes; default: this process's. */
  env?: Record<string, string | undefined>;
  /** Period of batched change events (default 100 ms). */
  eventIntervalMs?: number;
  /** Throttle of instance.json writes (default 250 ms). */
  persistIntervalMs?: number;
  /** Grace between SIGTERM and SIGKILL (default 3000 ms). */
  killGraceMs?: number;
  /** How often a waiting reference looks for a successful instance (default 1000 ms). */
  referencePollMs?: number;
}

/** Everything a script run reports, on one channel across the runner's IPC. */
export type ScriptEvent =
  | { kind: 'output'; payload: ScriptOutputChunk }
  | { kind: 'end'; payload: ScriptRunEnd }
  | { kind: 'sql'; payload: SqlStatementResult }
  | { kind: 'debug'; payload: ScriptDebugState }
  | { kind: 'trace'; payload: ScriptTrace };

/** A run request as main sends it: the contract's arguments plus the interpreter setting. */
export type ScriptRunRequest = ScriptRunArgs & { python?: string };

/** Methods of the runner's script runner callable across the channel (editor Run / Debug). */
export interface ScriptRunnerApi {
  run(req: ScriptRunRequest): Promise<ScriptRunInfo>;
  stop(runId: string): Promise<void>;
  debugCommand(runId: string, command: DebugCommand): void;
  evaluate(runId: string, expression: string, frame: number): Promise<DebugEvaluation>;
  setBreakpoints(runId: string, path: string, lines: number[]): void;
  preview(args: ScriptRunArgs): { text: string; unresolved: string[] };
  checkPythonSyntax(text: string, python?: string): Promise<SyntaxProblem | null>;
}

/** Methods callable across the channel: every non-event method of {@link RunnerApi}. */
export type RunnerMethod = Exclude<keyof RunnerApi, `onDid${string}`>;

/** Events forwarded from the runner process. */
export type RunnerEventName = Extract<keyof RunnerApi, `onDid${string}`>;

type EventPayload<E extends RunnerEventName> = RunnerApi[E] extends (
  listener: (payload: infer P) => void,
) => unknown
  ? P
  : never;

/** Runtime list of the methods, for validation on the runner side. */
export const RUNNER_METHODS = [
  'start',
  'stop',
  'rerun',
  'list',
  'get',
  'readLog',
  'previewSource',
  'configure',
  'diagnostics',
  'dispose',
] as const satisfies readonly RunnerMethod[];

/** Methods of {@link ScriptRunnerApi} callable across the runner channel. */
export const SCRIPT_METHODS = [
  'run',
  'stop',
  'debugCommand',
  'evaluate',
  'setBreakpoints',
  'preview',
  'checkPythonSyntax',
] as const satisfies readonly (keyof ScriptRunnerApi)[];
export type ScriptMethod = (typeof SCRIPT_METHODS)[number];

/** Main -> runner: a script-run call (same id space as service calls). */
export interface ScriptCallMessage {
  type: 'script';
  id: number;
  method: ScriptMethod;
  args: unknown[];
}

/** Runner -> main: one script event (output is already batched by the runner). */
export interface ScriptEventMessage {
  type: 'script-event';
  event: ScriptEvent;
}

/**
 * Main's end of the runner process, whatever started it: Node's `fork` (web shell, CLI) or
 * Electron's `utilityProcess.fork` (desktop, where the `runAsNode` fuse is off).
 */
export interface RunnerProcess {
  readonly pid: number | undefined;
  /** `onError` hears a message that could not be delivered. */
  send(message: ToRunner, onError: (error: Error) => void): void;
  onMessage(listener: (message: FromRunner) => void): void;
  /** Once: `how` is the signal or `code N`. */
  onExit(listener: (how: string) => void): void;
  kill(): void;
}

/** Main -> runner. `init` must come first and exactly once. */
export type ToRunner =
  | { type: 'init'; options: RunnerServiceOptions }
  /** Stop everything and leave (the channel of an Electron utility process cannot be closed from main). */
  | { type: 'shutdown' }
  /** Answer to `password-request`: the secret crosses the pipe only, never a file or a log. */
  | { type: 'password-reply'; id: number; password?: string }
  | {
      [M in RunnerMethod]: { type: 'call'; id: number; method: M; args: Parameters<RunnerApi[M]> };
    }[RunnerMethod]
  /** Editor script runs (Run / Debug). */
  | ScriptCallMessage;

/** One event of the runner service. */
export type RunnerEvent = { [E in RunnerEventName]: { event: E; payload: EventPayload<E> } }[RunnerEventName];

/** Runner -> main. Events of one event-loop turn travel together, in order. */
export type FromRunner =
  | { type: 'ready'; recovered: number }
  | { type: 'init-failed'; error: SerializedError }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: SerializedError }
  | { type: 'events'; events: RunnerEvent[] }
  | ScriptEventMessage
  /** A Data Sync needs a database password from main's secure store (asked at task start). */
  | { type: 'password-request'; id: number; connection: Connection };

/** The command-line flag that makes the runner entry serve the channel. */
export const RUNNER_PROCESS_FLAG = '--bdp-runner';
