import { z } from 'zod';
import { entityName, isoDate } from './fields';
import type { RunState, RunStateCode } from '../model/run';
import { runStateSchema } from '../model/run';
import type { Event } from './types';

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

/** Local pre-runs: start, stop, rerun, backfill, list, read logs (EnOS Workflow Operation). */
export interface RunsService {
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
  /** Instance and task state changes, batched (~100 ms). */
  onDidChangeInstance: Event<RunInstanceChange>;
  /** Log output of running attempts, batched. */
  onDidAppendLog: Event<RunLogChunk>;
}

const date = isoDate;
const name = entityName;
const instanceId = z.string().min(1).max(300);

export const runMethods = {
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
};

export const runEvents = ['onDidChangeInstance', 'onDidAppendLog'] as const;
