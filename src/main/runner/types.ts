import { RUN_STATES, type RunState, type RunStateCode } from '../../shared/model/run';
import type { TaskType } from '../../shared/model/workflow';

/** What a pre-run covers (spec §4.1). */
export type RunScope =
  | { kind: 'workflow' }
  | { kind: 'node'; node: string }
  | { kind: 'downstream'; node: string };

/** Node kinds of an instance: the four task types plus the two reference kinds. */
export type NodeType = TaskType | 'FLOW_REF' | 'TASK_REF';

/** One node of a workflow instance (EnOS task instance fields, spec §1.8). */
export interface TaskInstance {
  /** `<task>-<stamp>` (spec §1.6). */
  taskInstId: string;
  name: string;
  type: NodeType;
  status: RunState;
  statusCode: RunStateCode;
  /** Attempts started so far, over the instance's whole life (reruns continue the count). */
  runNum: number;
  /** Retries used in the current run. */
  recallNum: number;
  recallLimit: number;
  /** Seconds. */
  recallInterval: number;
  /** Seconds; 0 = none. */
  timeout: number;
  /** True when the last attempt timed out. */
  isTimeout: boolean;
  startTime?: string;
  endTime?: string;
  exitCode?: number | null;
  signal?: string | null;
  /** The substituted command line of the last attempt. */
  cmd?: string;
  /** Why the node ended as it did, when that is not obvious (failure, skip, cancel). */
  reason?: string;
  /** Log files of the attempts, relative to the instance folder, oldest first. */
  logs: string[];
  /** Every attempt over the instance's life, oldest first (for the Gantt chart). */
  attempts?: TaskAttempt[];
}

/** One attempt of a task: its run number, times (ISO) and how it ended (absent while running). */
export interface TaskAttempt {
  runNum: number;
  startTime: string;
  endTime?: string;
  status?: 'SUCCESS' | 'FAIL' | 'TIMEOUT' | 'CANCEL';
}

/** A workflow instance (EnOS FlowInstance fields, spec §1.7). */
export interface WorkflowInstance {
  /** `<workflow>-<yyyyMMddHHmmss of the trigger>` (spec §1.6), `-<n>` appended when taken. */
  instanceId: string;
  workflow: string;
  scope: RunScope;
  /** `YYYY-MM-DD HH:mm:ss`, wall clock in the workspace zone. */
  triggerTime: string;
  utcOffsetMinutes: number;
  /** Business date = trigger date - 1 day. */
  calDt: string;
  status: RunState;
  statusCode: RunStateCode;
  reason?: string;
  /** OS user who started it. */
  submitter: string;
  /** ISO times. */
  createdAt: string;
  startTime?: string;
  endTime?: string;
  /** How many times the instance was rerun. */
  rerunCount: number;
  /** One-off parameter overrides (like EnOS "Update and Trigger"). */
  parameters: Record<string, string>;
  /** Backfill lane: instances of one workflow in different lanes may run at once. */
  lane?: string;
  /** Nodes in topological order. */
  tasks: TaskInstance[];
}

/** A batch of log text of one task attempt, as delivered to listeners. */
export interface LogChunk {
  instanceId: string;
  workflow: string;
  task: string;
  runNum: number;
  /** Per task attempt, from 0; the header is chunk 0. */
  seq: number;
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
}

/** Sets a state and its EnOS code together so they never disagree. */
export function setStatus<T extends { status: RunState; statusCode: RunStateCode }>(target: T, status: RunState): void {
  target.status = status;
  target.statusCode = RUN_STATES[status];
}
