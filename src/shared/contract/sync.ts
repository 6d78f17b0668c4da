import { z } from 'zod';
import { environmentSchema } from '../model/workspace';
import { runStateSchema, type RunState } from '../model/run';
import { relativePath } from './workspace';
import { defineService, type Event } from './types';

/** What a target's Remote tab can offer; the UI shows an action only when its flag is set. */
export interface RemoteCapabilities {
  /** Run one task with its downstream. */
  triggerFromTask: boolean;
  /** Start / pause scheduling of a periodic workflow. */
  setEnabled: boolean;
  /** Run a finished instance again in place. */
  rerunInstance: boolean;
  /** Re-run only the failed tasks of a failed instance. */
  recoverFailed: boolean;
  /** Mark a failed or killed task of a finished instance as succeeded. */
  forceSuccess: boolean;
  /** Complement data: run once per schedule date of a range. */
  backfill: boolean;
  /** Resources are uploaded by publish (else they are prerequisites to upload by hand). */
  uploadResources: boolean;
  /** Minimum gap between two triggers of one workflow, in ms. */
  minRetriggerGapMs: number;
}

/** A publish target of bdp.yaml as the UI sees it: never the secret, only whether one is stored. */
export interface EnvironmentInfo {
  name: string;
  /** Backend kind, e.g. `enos` or `dolphinscheduler`. */
  kind: 'enos' | 'dolphinscheduler';
  url: string;
  /** Backend-specific settings (EnOS: orgId, userId, accessKey, doAs, inlineScripts). */
  options: Record<string, string | number | boolean>;
  /** A secret is stored in the OS secure store (or given through `BDP_ENV_<NAME>_SECRET`). */
  hasSecret: boolean;
  /** What the target's Remote tab can do. */
  capabilities: RemoteCapabilities;
}

/** An environment as the UI sends it to be saved. */
export type EnvironmentInput = Omit<EnvironmentInfo, 'hasSecret' | 'capabilities'>;

/** One remote directory with the workflows directly in it. */
export interface RemoteDirectory {
  name: string;
  /** `/`-separated path below the target's workflow root; `''` for the root. */
  path: string;
  workflows: string[];
  children: RemoteDirectory[];
}

export interface ConnectionInfo {
  /** The server's time zone as it reports it, e.g. `GMT+8`. */
  timezone: string;
  /** Server time at the call, epoch ms. */
  serverTime: number;
  directories: RemoteDirectory;
}

export type PlanAction = 'create' | 'update' | 'unchanged' | 'remote-changed';

/** How a task's script travels: embedded, to upload by hand, uploaded by publish, or not carried. */
export interface PlanResourceUse {
  task: string;
  mode: 'inline' | 'prerequisite' | 'missing' | 'upload';
  /** `name@version` of a resource, or the workspace path of a script. */
  source?: string;
}

/** One plan step, renderer-safe (no snapshot, no credentials). */
export interface PlanStepInfo {
  index: number;
  kind: 'directory' | 'resource' | 'workflow';
  name: string;
  action: PlanAction;
  /** Workspace file of a workflow step. */
  path?: string;
  /** Remote directory of a workflow step. */
  directory?: string;
  details: string[];
  /** Remote definition (YAML) for the side-by-side diff, when it exists remotely and differs. */
  before?: string;
  /** Local definition (YAML) as the target will hold it. */
  after?: string;
  resources: PlanResourceUse[];
  /** Set when apply cannot do this step through the API: what the user has to do instead. */
  manual?: string;
  /** How apply carries the step out, e.g. `replace` (EnOS: delete and import again) or `online`. */
  mode?: string;
  /** Periodic workflows are enabled (scheduling started) after apply. */
  periodic?: boolean;
  /** Why this step cannot be applied at all (e.g. a workflow outside the workspace references it); apply then writes nothing. */
  blocked?: string;
}

export interface PlanInfo {
  /** Pass to `apply`; kept in memory for `PLAN_TTL_MS`. */
  planId: string;
  environment: string;
  backend: string;
  createdAt: number;
  steps: PlanStepInfo[];
}

/** Plans are kept this long; apply after that asks for a new plan. */
export const PLAN_TTL_MS = 10 * 60_000;

export interface ApplyResultInfo {
  planId: string;
  ok: boolean;
  /** Step indexes done, skipped; the failed one with its message. */
  applied: number[];
  skipped: number[];
  failed?: { index: number; message: string };
}

/** Progress of one apply step: `start` then exactly one of `done`, `skipped` or `failed`. */
export interface ApplyProgressEvent {
  planId: string;
  index: number;
  total: number;
  phase: 'start' | 'done' | 'skipped' | 'failed';
  message?: string;
}

export interface RemoteWorkflowInfo {
  name: string;
  /** The target's id. */
  id: string;
  directory: string;
  /** Scheduling is running. */
  enabled: boolean;
  /** `periodic` (scheduled) or `manual`. */
  scheduling: 'periodic' | 'manual';
  tasks: { id: string; name: string }[];
}

export interface RemoteInstanceInfo {
  id: string;
  workflowId: string;
  workflowName: string;
  state: RunState;
  triggerTime: number;
  startTime?: number;
  endTime?: number;
}

export interface RemoteTaskInfo {
  /** Task instance id (for the log); empty while the task has not started. */
  id: string;
  taskId: string;
  taskName: string;
  state: RunState;
}

export interface RemoteInstanceDetail extends RemoteInstanceInfo {
  tasks: RemoteTaskInfo[];
  /** Task-to-task edges of the instance graph, by task id. */
  relations: { source: string; target: string }[];
  parameters: Record<string, string>;
}

export const remoteInstanceFilterSchema = z.strictObject({
  /** Workflow name. */
  workflow: z.string().max(200).optional(),
  states: z.array(runStateSchema).max(12).optional(),
  page: z.number().int().min(1).max(10_000).optional(),
  pageSize: z.number().int().min(1).max(200).optional(),
});
export type RemoteInstanceFilter = z.infer<typeof remoteInstanceFilterSchema>;

/**
 * Environments, publish (plan then apply) and remote operations on a publish target
 * (DESIGN.md "Publish semantics"). Backend-neutral: the environment's `kind` picks the
 * backend. Every method but the environment ones needs an open workspace (`NO_WORKSPACE`)
 * and an environment of bdp.yaml (`NOT_FOUND`) with a stored secret (`UNAUTHORIZED`).
 * Target errors map to `UNAUTHORIZED` (key or secret refused), `UNAVAILABLE` (network,
 * rate limit, server down) or `INTERNAL`, with the secret masked out of every message.
 */
export interface SyncService {
  /** The environments of bdp.yaml, each with `hasSecret`. */
  listEnvironments(): Promise<EnvironmentInfo[]>;
  /**
   * Adds or replaces (by `previousName`, else by name) an environment in bdp.yaml, keeping
   * its comments; stores `secret` in the secure store when given. Errors: `INVALID_ARGUMENT`
   * when the environment fails the bdp.yaml schema, `ALREADY_EXISTS` for a duplicate name.
   */
  saveEnvironment(args: {
    environment: EnvironmentInput;
    previousName?: string;
    secret?: string;
  }): Promise<EnvironmentInfo>;
  /** Removes an environment from bdp.yaml and its secret. */
  deleteEnvironment(args: { name: string }): Promise<void>;
  /** Authenticates and reads the server time zone and the directory tree. */
  testConnection(args: { name: string }): Promise<ConnectionInfo>;
  /** Validates the workspace, reads the remote state and compares; changes nothing remotely. */
  plan(args: { name: string }): Promise<PlanInfo>;
  /**
   * Runs a plan made by `plan` in order, stopping at the first failure. `remote-changed`
   * steps are overwritten only with `force`. Fires onDidProgress per step. Errors:
   * `NOT_FOUND` for an unknown or expired plan, `CONFLICT` while it is already applying.
   */
  apply(args: { planId: string; force: boolean }): Promise<ApplyResultInfo>;
  /**
   * Writes the plan's manual resources to `<dir>/<name>/<version>/<file>`, `dir` being
   * workspace-relative (errors: `OUTSIDE_WORKSPACE`); returns the absolute paths written.
   */
  exportPrerequisites(args: { planId: string; dir: string }): Promise<string[]>;
  /** Workflows on the target, with their scheduling state and tasks. */
  listRemoteWorkflows(args: { name: string }): Promise<RemoteWorkflowInfo[]>;
  /** Instances newest first. */
  listRemoteInstances(args: {
    name: string;
    filter: RemoteInstanceFilter;
  }): Promise<{ items: RemoteInstanceInfo[]; total: number }>;
  getRemoteInstance(args: { name: string; instanceId: string }): Promise<RemoteInstanceDetail>;
  /** Log text of one task instance; the tail when longer than `maxLength`. */
  getRemoteTaskLog(args: { name: string; taskInstanceId: string; maxLength?: number }): Promise<string>;
  /** Starts an instance; `triggerTime` (epoch ms) feeds the time variables. Returns the instance id. */
  trigger(args: { name: string; workflow: string; triggerTime: number }): Promise<string>;
  /** Runs one task and its downstream (along rerun relations). Returns the instance id. */
  triggerFromTask(args: {
    name: string;
    workflow: string;
    taskId: string;
    triggerTime: number;
  }): Promise<string>;
  /** Stops a running or waiting instance. */
  cancel(args: { name: string; instanceId: string }): Promise<void>;
  /** Starts or pauses scheduling of a workflow. */
  setEnabled(args: { name: string; workflow: string; enabled: boolean }): Promise<void>;
  /** Runs a finished instance again in place (`capabilities.rerunInstance`). */
  rerunInstance(args: { name: string; instanceId: string }): Promise<void>;
  /** Re-runs the failed tasks of a failed instance (`capabilities.recoverFailed`). */
  recoverInstance(args: { name: string; instanceId: string }): Promise<void>;
  /** Marks a failed or killed task instance of a finished instance as succeeded (`capabilities.forceSuccess`). */
  forceTaskSuccess(args: { name: string; taskInstanceId: string }): Promise<void>;
  /**
   * Complement data (`capabilities.backfill`): one instance per schedule date in `[from, to]`
   * (epoch ms, inclusive, at most 100 dates), oldest first, one after the other. Returns the instance ids.
   */
  backfill(args: { name: string; workflow: string; from: number; to: number }): Promise<string[]>;

  /** Apply progress, per step. */
  onDidProgress: Event<ApplyProgressEvent>;
}

const name = z.string().min(1).max(100);
const id = z.string().min(1).max(200);
const time = z.number().int().min(0).max(8_640_000_000_000);

export const syncDescriptor = defineService({
  methods: {
    listEnvironments: z.undefined().optional(),
    saveEnvironment: z.strictObject({
      environment: environmentSchema,
      previousName: name.optional(),
      secret: z.string().min(1).max(4096).optional(),
    }),
    deleteEnvironment: z.strictObject({ name }),
    testConnection: z.strictObject({ name }),
    plan: z.strictObject({ name }),
    apply: z.strictObject({ planId: id, force: z.boolean() }),
    exportPrerequisites: z.strictObject({ planId: id, dir: relativePath }),
    listRemoteWorkflows: z.strictObject({ name }),
    listRemoteInstances: z.strictObject({ name, filter: remoteInstanceFilterSchema }),
    getRemoteInstance: z.strictObject({ name, instanceId: id }),
    getRemoteTaskLog: z.strictObject({
      name,
      taskInstanceId: id,
      maxLength: z.number().int().min(1).max(10_000_000).optional(),
    }),
    trigger: z.strictObject({ name, workflow: id, triggerTime: time }),
    triggerFromTask: z.strictObject({ name, workflow: id, taskId: id, triggerTime: time }),
    cancel: z.strictObject({ name, instanceId: id }),
    setEnabled: z.strictObject({ name, workflow: id, enabled: z.boolean() }),
    rerunInstance: z.strictObject({ name, instanceId: id }),
    recoverInstance: z.strictObject({ name, instanceId: id }),
    forceTaskSuccess: z.strictObject({ name, taskInstanceId: id }),
    backfill: z
      .strictObject({ name, workflow: id, from: time, to: time })
      .refine((a) => a.from <= a.to, 'from must not be after to'),
  },
  events: ['onDidProgress'],
});
