import { RUN_STATES, type RunState, type RunStateCode } from '../../shared/model/run';
import type { RunInstance, RunLogChunk, RunTask, RunTaskAttempt } from '../../shared/contract/runner';

// The runner's instance records are exactly what the contract sends to the UI: one definition.
export type { RunScope } from '../../shared/contract/runner';

/** Node kinds of an instance: the four task types plus the two reference kinds. */
export type NodeType = RunTask['type'];
/** One node of a workflow instance (EnOS task instance fields, spec §1.8). */
export type TaskInstance = RunTask;
/** One attempt of a task: its run number, times (ISO) and how it ended (absent while running). */
export type TaskAttempt = RunTaskAttempt;
/** A workflow instance (EnOS FlowInstance fields, spec §1.7); ids are `<workflow>-<yyyyMMddHHmmss>` (§1.6). */
export type WorkflowInstance = RunInstance;
/** A batch of log text of one task attempt, as delivered to listeners. */
export type LogChunk = RunLogChunk;

/** Sets a state and its EnOS code together so they never disagree. */
export function setStatus<T extends { status: RunState; statusCode: RunStateCode }>(
  target: T,
  status: RunState,
): void {
  target.status = status;
  target.statusCode = RUN_STATES[status];
}
