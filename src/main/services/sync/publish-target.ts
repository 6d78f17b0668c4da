import type {
  ConnectionInfo,
  PlanStepInfo,
  RemoteCapabilities,
  RemoteInstanceDetail,
  RemoteWorkflowInfo,
} from '../../../shared/contract';
import type {
  ApplyOptions,
  ApplyProgress,
  ApplyResult,
  BackendCapabilities,
  BackendOperations,
  PlanStep,
  PublishPlan,
  WorkspaceSnapshot,
} from '../../sync/backend';
import type { PublishSnapshot } from '../../sync/workspace-snapshot';

/**
 * One environment's backend as the sync service drives it: the `SyncBackend` plus the few reads
 * the UI needs in its own shape (connection check, plan steps, workflows, instance graph). Each
 * backend kind has one adapter; the service never branches on the kind.
 */
export interface PublishTarget {
  readonly capabilities: BackendCapabilities;
  readonly operations: BackendOperations;
  testConnection(): Promise<ConnectionInfo>;
  plan(snapshot: PublishSnapshot): Promise<{ plan: PublishPlan; steps: PlanStepInfo[] }>;
  apply(
    plan: PublishPlan,
    onProgress: (p: ApplyProgress) => void,
    options: ApplyOptions,
  ): Promise<ApplyResult>;
  /** Writes the plan's manual resources under `dir` (targets that upload them return []). */
  exportPrerequisites(plan: PublishPlan, dir: string): Promise<string[]>;
  listWorkflows(): Promise<RemoteWorkflowInfo[]>;
  /** The remote id of a published workflow; throws `NOT_FOUND` when it is not published. */
  workflowId(name: string): Promise<string>;
  getInstance(instanceId: string): Promise<RemoteInstanceDetail>;
  close(): void;
}

/** What the renderer may know about a backend's abilities. */
export function remoteCapabilities(c: BackendCapabilities): RemoteCapabilities {
  return {
    triggerFromTask: c.triggerFromTask,
    setEnabled: true,
    rerunInstance: c.rerunInstance,
    recoverFailed: c.recoverFailed,
    forceSuccess: c.forceSuccess,
    backfill: c.backfill,
    uploadResources: c.uploadResources,
    minRetriggerGapMs: c.minRetriggerGapMs,
  };
}

/** The renderer-safe fields every backend's plan step has; `resources` is the backend's to fill. */
export function baseStepInfo(
  step: PlanStep & { path?: string; directory?: string; before?: string; after?: string; blocked?: string },
  index: number,
  snapshot: WorkspaceSnapshot,
): Omit<PlanStepInfo, 'resources'> {
  const wf = step.path ? snapshot.workflows.find((w) => w.path === step.path) : undefined;
  return {
    index,
    kind: step.kind,
    name: step.name,
    action: step.action,
    path: step.path,
    directory: step.directory,
    details: [...step.details],
    before: step.before,
    after: step.after,
    manual: step.manual,
    mode: step.mode,
    periodic: wf ? wf.workflow.schedule.type === 'periodic' : undefined,
    blocked: step.blocked,
  };
}
