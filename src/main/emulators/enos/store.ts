import { randomBytes } from 'node:crypto';
import type {
  AlertMode,
  EnosCycle,
  FlowInstanceStatusName,
  NodeRelation,
  PortableTask,
  SchedulingType,
} from '../../sync/enos/types';
import { parseZone, type ZoneFormat } from './format';

export interface EmulatorUser {
  userId: string;
  orgId: string;
  /** Username, as used in `owners` / `visitors`. */
  name: string;
}

export interface EmulatorApp {
  appKey: string;
  appSecret: string;
}

export interface DirRecord {
  dirId: string;
  orgId: string;
  parentId: string | null;
  name: string;
}

/** A task definition; created only by Import Flow. */
export interface TaskDef {
  taskId: number;
  flowId: number;
  def: PortableTask;
}

export interface GraphTaskNode {
  taskId: number;
  x: number;
  y: number;
}

/** A reference node: a real workflow, or (virtual) a task of another workflow. */
export interface GraphFlowNode {
  flowId: number;
  isVirtual: boolean;
  x: number;
  y: number;
}

/** What a virtual flow id stands for. */
export interface VirtualRef {
  id: number;
  sourceFlowId: number;
  sourceTaskId: number;
}

export interface FlowRecord {
  flowId: number;
  orgId: string;
  dirId: string;
  name: string;
  desc: string;
  cycle: EnosCycle;
  freq: string;
  /** JSON-array string (spec §4.6). */
  parameters: string;
  alertMode: AlertMode;
  doAs: string;
  owners: string;
  visitors: string;
  type: SchedulingType;
  syncType: number;
  startTime: string;
  active: 0 | 1;
  creator: string;
  createTime: number;
  updateUser: string;
  updateTime: number;
  entry: number;
  queue: string;
  tasks: GraphTaskNode[];
  flows: GraphFlowNode[];
  relations: NodeRelation[];
}

export interface TaskRun {
  taskId: number;
  nodeId: string;
  taskInstId: string;
  name: string;
  /** Copy of the definition at trigger time. */
  def: PortableTask;
  status: FlowInstanceStatusName;
  /** Part of this run (false: skipped by Trigger From Task). */
  planned: boolean;
  runNum: number;
  startMs?: number;
  endMs?: number;
  willFail: boolean;
  log: string;
}

export interface InstanceRecord {
  instanceId: string;
  flowId: number;
  orgId: string;
  flowName: string;
  type: SchedulingType;
  freq: string;
  cycle: EnosCycle;
  parameters: string;
  doAs: string;
  owner: string;
  /** Creator of the workflow, who may act like an owner. */
  creator: string;
  alertMode: AlertMode;
  triggerTime: number;
  createdAt: number;
  /** Earliest start: max(created + start delay, trigger time). */
  readyAt: number;
  startMs?: number;
  endMs?: number;
  status: FlowInstanceStatusName;
  /** No task runs or will run any more. */
  finished: boolean;
  isCancelled: boolean;
  suffix: string;
  tasks: TaskRun[];
  flows: { flowId: number; isVirtual: boolean; x: number; y: number; name: string }[];
  relations: NodeRelation[];
  positions: Map<string, { x: number; y: number }>;
  submitter: string;
}

export interface IssuedToken {
  appKey: string;
  expiresAt: number;
}

export interface EmulatorStateOptions {
  apps?: EmulatorApp[];
  users?: EmulatorUser[];
  timezone?: string;
  tokenLifetimeSec?: number;
  taskDurationMs?: number;
  startDelayMs?: number;
}

export const DEMO_APP: EmulatorApp = { appKey: 'demo-access-key', appSecret: 'demo-secret-key-0123456789' };
export const DEMO_USER: EmulatorUser = { userId: 'u15724268424842', orgId: 'o15724268424841', name: 'demo' };

/** All emulator data, in memory. Tests may read it and flip the steering fields. */
export class EmulatorState {
  readonly apps = new Map<string, EmulatorApp>();
  readonly users = new Map<string, EmulatorUser>();
  readonly dirs = new Map<string, DirRecord>();
  readonly rootDirs = new Map<string, string>();
  readonly flows = new Map<number, FlowRecord>();
  readonly tasks = new Map<number, TaskDef>();
  readonly virtuals = new Map<number, VirtualRef>();
  readonly instances = new Map<string, InstanceRecord>();
  readonly taskInstances = new Map<string, { instanceId: string; nodeId: string }>();
  /** Last accepted trigger per flow (server time), for the 1-minute rule. */
  readonly lastTriggerAt = new Map<number, number>();
  readonly tokens = new Map<string, IssuedToken>();
  readonly currentToken = new Map<string, string>();
  readonly usedEncryptions = new Set<string>();

  /** Task names or ids (as strings) that fail when run. */
  readonly failTasks = new Set<string>();
  /** User ids whose account is locked (62105). */
  readonly lockedUsers = new Set<string>();
  /** Simulated run time of every task. */
  taskDurationMs: number;
  startDelayMs: number;
  tokenLifetimeSec: number;
  readonly zone: ZoneFormat;

  private nextFlowId = 2400;
  private nextTaskId = 104400;

  constructor(options: EmulatorStateOptions = {}) {
    for (const a of options.apps ?? [DEMO_APP]) this.apps.set(a.appKey, a);
    for (const u of options.users ?? [DEMO_USER]) this.addUser(u);
    this.zone = parseZone(options.timezone ?? 'GMT+8');
    this.tokenLifetimeSec = options.tokenLifetimeSec ?? 7200;
    this.taskDurationMs = options.taskDurationMs ?? 10_000;
    this.startDelayMs = options.startDelayMs ?? 1000;
  }

  /** Add a user, creating the OU's root "Workflow" directory on first sight of the OU. */
  addUser(user: EmulatorUser): void {
    this.users.set(user.userId, user);
    if (!this.rootDirs.has(user.orgId)) {
      const dirId = newDirId();
      this.dirs.set(dirId, { dirId, orgId: user.orgId, parentId: null, name: 'Workflow' });
      this.rootDirs.set(user.orgId, dirId);
    }
  }

  /** A free flow id: `wanted` when given and unused. */
  allocateFlowId(wanted?: number): number {
    if (
      wanted !== undefined &&
      Number.isInteger(wanted) &&
      wanted > 0 &&
      !this.flows.has(wanted) &&
      !this.virtuals.has(wanted)
    ) {
      this.nextFlowId = Math.max(this.nextFlowId, wanted + 1);
      return wanted;
    }
    while (this.flows.has(this.nextFlowId) || this.virtuals.has(this.nextFlowId)) this.nextFlowId++;
    return this.nextFlowId++;
  }

  allocateTaskId(): number {
    return this.nextTaskId++;
  }
}

/** 32 lowercase hex characters, like a UUID without dashes. */
export function newDirId(): string {
  return randomBytes(16).toString('hex');
}

/** Usernames in a `;`-separated list. */
export function splitNames(list: string): string[] {
  return list
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
