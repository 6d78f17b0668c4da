import type { Resource, RunState, Workflow } from '../../shared/model';

/**
 * The contract every publish target implements (EnOS Batch Processing first, Apache
 * DolphinScheduler next). Types only: the sync service drives a backend through this
 * interface and never sees wire formats. See DESIGN.md "Publish semantics".
 */

/** What a backend can do; the UI hides what a target lacks instead of failing late. */
export interface BackendCapabilities {
  /** Stable id of the target kind, e.g. `enos` or `dolphinscheduler`. */
  readonly kind: string;
  /** Resources (script packages) can be uploaded through the API. EnOS: false (Console only). */
  readonly uploadResources: boolean;
  /** Trigger from a task honouring relation rerun flags. */
  readonly triggerFromTask: boolean;
  /** Trigger with one-off parameter overrides. */
  readonly triggerWithParameters: boolean;
  /** Workflows can be deleted remotely. */
  readonly deleteWorkflows: boolean;
  /** Per-task-instance details (beyond the log). */
  readonly taskInstances: boolean;
  /** Minimum gap the target enforces between two triggers of one workflow, in ms (EnOS: 60 000). */
  readonly minRetriggerGapMs: number;
  /** Run a finished instance again in place (DolphinScheduler REPEAT_RUNNING). */
  readonly rerunInstance: boolean;
  /** Re-run only the failed tasks of a failed instance (DolphinScheduler START_FAILURE_TASK_PROCESS). */
  readonly recoverFailed: boolean;
  /** Mark a failed or killed task instance of a finished instance as succeeded. */
  readonly forceSuccess: boolean;
  /** Complement data: one instance per schedule date in a range. */
  readonly backfill: boolean;
}

/** A workflow as the workspace holds it, with the directory it publishes to. */
export interface SnapshotWorkflow {
  /** Workspace-relative file path, the stable local identity. */
  readonly path: string;
  /** Remote directory path, `/`-separated, relative to the target's workflow root. */
  readonly directory: string;
  readonly workflow: Workflow;
}

/** The part of a workspace that gets published; built by the caller from validated files. */
export interface WorkspaceSnapshot {
  /** Directory paths (`a/b`), parents before children. */
  readonly directories: readonly string[];
  readonly resources: readonly Resource[];
  readonly workflows: readonly SnapshotWorkflow[];
  /** Every workspace file path, when known (portability notes on commands). */
  readonly files?: readonly string[];
}

export type RemoteItemKind = 'directory' | 'resource' | 'workflow';

/** One item as it exists on the target. `fingerprint` is backend-defined and compared by plan. */
export interface RemoteItem {
  readonly kind: RemoteItemKind;
  /** Directory path or resource / workflow name. */
  readonly name: string;
  /** The target's own id (EnOS: flowId or 32-hex dirId). */
  readonly remoteId: string;
  /** Hash of the remote definition as last read; absent when the target cannot provide one. */
  readonly fingerprint?: string;
  /** When the target last changed it (epoch ms), if known. */
  readonly updatedAt?: number;
  /** Who last changed it, if known. */
  readonly updatedBy?: string;
}

/** Everything plan needs to know about the target, read in one go. */
export interface RemoteState {
  readonly items: readonly RemoteItem[];
  /** Server time at read (epoch ms). */
  readonly readAt: number;
}

/**
 * Plan verdict per item:
 * - `create`: absent remotely;
 * - `update`: differs and the remote is as we last published it;
 * - `unchanged`: same on both sides;
 * - `remote-changed`: someone else changed it since our last publish; apply will not overwrite
 *   it unless the user confirms (`force`).
 */
export type PlanAction = 'create' | 'update' | 'unchanged' | 'remote-changed';

export interface PlanStep {
  readonly kind: RemoteItemKind;
  readonly name: string;
  readonly action: PlanAction;
  /** Present when the item exists remotely. */
  readonly remoteId?: string;
  /** Human-readable reasons, e.g. changed fields. */
  readonly details: readonly string[];
  /** Set for items apply cannot do through the API (EnOS resources): shown, not executed. */
  readonly manual?: string;
  /** How apply carries the step out (backend-defined, e.g. `replace`, `online`). */
  readonly mode?: string;
}

/** Steps per action (`manual` counted apart). */
export function planSummary(steps: readonly Pick<PlanStep, 'action' | 'manual'>[]): Record<string, number> {
  const out: Record<string, number> = { create: 0, update: 0, unchanged: 0, 'remote-changed': 0, manual: 0 };
  for (const s of steps) out[s.manual ? 'manual' : s.action]++;
  return out;
}

/** A plan is shown before anything is changed; apply runs its steps in order. */
export interface PublishPlan {
  readonly backend: string;
  readonly createdAt: number;
  readonly steps: readonly PlanStep[];
}

export interface ApplyOptions {
  /** Overwrite `remote-changed` items; otherwise they are skipped and reported. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
}

/** Progress event per step: `start` then exactly one of `done`, `skipped` or `failed`. */
export interface ApplyProgress {
  readonly index: number;
  readonly total: number;
  readonly step: PlanStep;
  readonly phase: 'start' | 'done' | 'skipped' | 'failed';
  readonly message?: string;
}

export interface ApplyResult {
  readonly ok: boolean;
  /** Steps done, in order. Apply stops at the first failure. */
  readonly applied: readonly PlanStep[];
  readonly skipped: readonly PlanStep[];
  readonly failed?: { readonly step: PlanStep; readonly error: Error };
  /** Remote ids of created items, keyed `kind:name`, so the caller can remember them. */
  readonly remoteIds: Readonly<Record<string, string>>;
}

/** Filter for instance lists; every field optional. */
export interface InstanceFilter {
  /** Remote workflow id. */
  readonly workflowId?: string;
  /** Free-text match on instance id or workflow name. */
  readonly text?: string;
  readonly states?: readonly RunState[];
  /** Inclusive trigger-time window, epoch ms. */
  readonly fromTriggerTime?: number;
  readonly toTriggerTime?: number;
  readonly scheduling?: 'manual' | 'periodic' | 'temporary';
  /** 1-based page. */
  readonly page?: number;
  readonly pageSize?: number;
}

export interface TaskInstanceSummary {
  readonly id: string;
  readonly taskId: string;
  readonly taskName: string;
  readonly state: RunState;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly runNumber?: number;
}

export interface InstanceSummary {
  readonly id: string;
  readonly workflowId: string;
  readonly workflowName: string;
  readonly state: RunState;
  readonly triggerTime: number;
  readonly startTime?: number;
  readonly endTime?: number;
}

export interface InstanceDetail extends InstanceSummary {
  readonly tasks: readonly TaskInstanceSummary[];
  /** Parameter values the instance ran with. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** The operations calls: everything the user does on the target after publishing. */
export interface BackendOperations {
  /** Start (`true`) or pause (`false`) scheduling of a workflow. */
  setEnabled(workflowId: string, enabled: boolean): Promise<void>;
  /**
   * Create an instance. `triggerTime` (epoch ms) feeds the time variables; a past time runs at once.
   * @param parameters one-off overrides; needs `capabilities.triggerWithParameters`.
   * @returns the new instance id.
   */
  trigger(
    workflowId: string,
    triggerTime: number,
    parameters?: Readonly<Record<string, string>>,
  ): Promise<string>;
  /** Run one task and its downstream along `rerun: true` relations. Returns the instance id. */
  triggerFromTask(workflowId: string, taskId: string, triggerTime: number): Promise<string>;
  /** Stop an instance (allowed while it is initialising or running). */
  cancel(instanceId: string): Promise<void>;
  listInstances(
    filter: InstanceFilter,
  ): Promise<{ readonly items: readonly InstanceSummary[]; readonly total: number }>;
  getInstance(instanceId: string): Promise<InstanceDetail>;
  /** Log text of one task instance; `maxLength` keeps the tail. */
  getTaskLog(taskInstanceId: string, maxLength?: number): Promise<string>;
  /** Needs `capabilities.rerunInstance`. */
  rerunInstance?(instanceId: string): Promise<void>;
  /** Needs `capabilities.recoverFailed`. */
  recoverFailed?(instanceId: string): Promise<void>;
  /** Needs `capabilities.forceSuccess`. */
  forceSuccess?(taskInstanceId: string): Promise<void>;
  /**
   * Needs `capabilities.backfill`: run the workflow once per schedule date in `[from, to]`
   * (epoch ms, inclusive), oldest first, one after the other. Returns the instance ids.
   */
  backfill?(workflowId: string, from: number, to: number): Promise<string[]>;
}

/** A publish target. Errors are thrown as `Error`s with a human message (and a `code` when the target gives one). */
export interface SyncBackend extends BackendOperations {
  readonly capabilities: BackendCapabilities;
  /** Read what exists remotely (directories, workflows, resources when listable). */
  readRemoteState(): Promise<RemoteState>;
  /** Pure: compare the snapshot with the remote state; changes nothing. */
  plan(snapshot: WorkspaceSnapshot, remote: RemoteState): Promise<PublishPlan>;
  /** Execute a plan in order, stopping at the first error with the remote left consistent. */
  apply(
    plan: PublishPlan,
    onProgress: (p: ApplyProgress) => void,
    options?: ApplyOptions,
  ): Promise<ApplyResult>;
}
