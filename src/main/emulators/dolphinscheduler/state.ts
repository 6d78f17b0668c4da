import { randomBytes } from 'node:crypto';
import { formatInstant, instantOfWallText, isValidZone } from '../../../shared/time/zone';
import type { DsApiVersion } from '../../sync/dolphinscheduler/api-version';
import { javaMessageFormat, statusOf, type StatusName } from './status';

/**
 * A DolphinScheduler business failure, `code != 0` in the envelope. `thrown` (the default): a
 * `ServiceException`, which `ApiExceptionHandler` answers with HTTP 200 and a message always run
 * through `MessageFormat`; otherwise returned through `putMsg`, which keeps the method's status
 * (201 on creates) and formats only when there are arguments.
 */
export class DsFailure extends Error {
  constructor(
    readonly status: StatusName,
    readonly args: readonly unknown[] = [],
    readonly thrown = true,
  ) {
    super(status);
  }

  render(profile: DsApiVersion): { code: number; msg: string } {
    const s = statusOf(this.status, profile);
    const format = this.thrown || this.args.length > 0;
    return { code: s.code, msg: format ? javaMessageFormat(s.template, this.args) : s.template };
  }
}

export interface DsUser {
  id: number;
  userName: string;
  password: string;
  tenantCode: string;
  userType: 'ADMIN_USER' | 'GENERAL_USER';
  state: 0 | 1;
}

export interface DsToken {
  id: number;
  userId: number;
  token: string;
  expireTime: number;
  createTime: number;
}

export interface DsProject {
  id: number;
  code: number;
  name: string;
  description: string;
  userId: number;
  createTime: number;
  updateTime: number;
}

export interface DsResource {
  /** `<base>/<tenant>/resources/<rel>`; directories end with `/`. */
  fullName: string;
  directory: boolean;
  content: Buffer;
  tenantCode: string;
  createTime: number;
  updateTime: number;
}

export interface DsTaskDefinition {
  code: number;
  version: number;
  name: string;
  description: string;
  taskType: string;
  taskParams: Record<string, unknown>;
  flag: string;
  failRetryTimes: number;
  failRetryInterval: number;
  timeoutFlag: string;
  timeoutNotifyStrategy: string | null;
  timeout: number;
  delayTime: number;
  [key: string]: unknown;
}

export interface DsRelation {
  name: string;
  preTaskCode: number;
  preTaskVersion: number;
  postTaskCode: number;
  postTaskVersion: number;
  conditionType: string;
  conditionParams: unknown;
}

/** One saved version of a workflow definition. */
export interface DsDefinitionVersion {
  version: number;
  name: string;
  description: string;
  globalParams: string;
  locations: string;
  timeout: number;
  executionType: string;
  tasks: DsTaskDefinition[];
  relations: DsRelation[];
  operateTime: number;
}

export interface DsDefinition {
  id: number;
  code: number;
  projectCode: number;
  userId: number;
  releaseState: 'ONLINE' | 'OFFLINE';
  version: number;
  versions: Map<number, DsDefinitionVersion>;
  createTime: number;
  updateTime: number;
}

export interface DsSchedule {
  id: number;
  processDefinitionCode: number;
  projectCode: number;
  startTime: string;
  endTime: string;
  crontab: string;
  timezoneId: string;
  failureStrategy: string;
  warningType: string;
  warningGroupId: number;
  processInstancePriority: string;
  workerGroup: string;
  tenantCode: string;
  environmentCode: number;
  releaseState: 'ONLINE' | 'OFFLINE';
  userId: number;
  createTime: number;
  updateTime: number;
}

export type WorkflowState =
  | 'SUBMITTED_SUCCESS'
  | 'RUNNING_EXECUTION'
  | 'READY_PAUSE'
  | 'PAUSE'
  | 'READY_STOP'
  | 'STOP'
  | 'FAILURE'
  | 'SUCCESS'
  | 'SERIAL_WAIT';

export type TaskState =
  | 'SUBMITTED_SUCCESS'
  | 'RUNNING_EXECUTION'
  | 'PAUSE'
  | 'STOP'
  | 'FAILURE'
  | 'SUCCESS'
  | 'NEED_FAULT_TOLERANCE'
  | 'KILL'
  | 'FORCED_SUCCESS';

export const FINISHED_WORKFLOW: ReadonlySet<WorkflowState> = new Set(['SUCCESS', 'FAILURE', 'STOP', 'PAUSE']);
export const FINISHED_TASK: ReadonlySet<TaskState> = new Set([
  'PAUSE',
  'STOP',
  'FAILURE',
  'SUCCESS',
  'NEED_FAULT_TOLERANCE',
  'KILL',
  'FORCED_SUCCESS',
]);

export interface DsTaskInstance {
  id: number;
  processInstanceId: number;
  taskCode: number;
  taskDefinitionVersion: number;
  name: string;
  taskType: string;
  state: TaskState;
  submitTime: number;
  startTime?: number;
  endTime?: number;
  /** False once superseded by a rerun of the same task in the same instance. */
  valid: boolean;
  log: string[];
  retryTimes: number;
}

export interface DsInstance {
  id: number;
  processDefinitionCode: number;
  processDefinitionVersion: number;
  projectCode: number;
  name: string;
  state: WorkflowState;
  commandType: string;
  taskDependType: string;
  failureStrategy: string;
  /** Task codes this run executes (all, or the start nodes expanded by taskDependType). */
  runSet: number[];
  startParams: Record<string, string>;
  scheduleTime?: number;
  startTime: number;
  endTime?: number;
  runTimes: number;
  triggerCode: number;
  /** Serial complement: starts once this instance has finished. */
  waitFor?: number;
  executorId: number;
  dryRun: number;
}

/** Demo credentials of the emulator (never a real account). */
export const DEMO_ADMIN = { userName: 'admin', password: 'dolphinscheduler123' } as const;
/** A token the emulator accepts from the start, for the CLI banner and tests. */
export const DEMO_TOKEN = 'bdp0emulator0demo0token0000000001';

export interface DsEmulatorStateOptions {
  /** API line to speak (default `3.2`); `3.3` follows spec §10. */
  profile?: DsApiVersion;
  /** Resource storage base (`file:/dolphinscheduler` like the LOCAL default). */
  storageBase?: string;
  /** Simulated task duration in ms (default 10 000). */
  taskDurationMs?: number;
  /** Create this project at start (default `bdp_demo`); empty = none. */
  project?: string;
  /**
   * The API server's JVM and Jackson zone (`SPRING_JACKSON_TIME_ZONE`, shipped as UTC): every
   * `yyyy-MM-dd HH:mm:ss` it reads or writes is wall time of this zone.
   */
  serverTimeZone?: string;
}

/** The whole server-side state of the emulator, in memory. */
export class DsEmulatorState {
  readonly users = new Map<number, DsUser>();
  readonly tokens = new Map<number, DsToken>();
  /** sessionId -> { userId, loginTime }. */
  readonly sessions = new Map<string, { userId: number; loginTime: number }>();
  readonly projects = new Map<number, DsProject>();
  readonly resources = new Map<string, DsResource>();
  readonly definitions = new Map<number, DsDefinition>();
  readonly schedules = new Map<number, DsSchedule>();
  readonly instances = new Map<number, DsInstance>();
  readonly taskInstances = new Map<number, DsTaskInstance>();
  /** Task names whose next run fails (a test switch: the emulator never runs code). */
  readonly failNext = new Set<string>();
  /** Counts of write calls, for tests: `upload`, `reupload`, `createDefinition`, ... */
  readonly writes: Record<string, number> = {};
  readonly storageBase: string;
  readonly taskDurationMs: number;
  readonly profile: DsApiVersion;
  readonly serverTimeZone: string;
  private seq = 0;
  private lastCodeMs = 0;
  private codeSeq = 0;
  private ids = { token: 0, project: 0, definition: 0, schedule: 0, instance: 0, task: 0 };

  constructor(
    options: DsEmulatorStateOptions,
    private readonly now: () => number,
  ) {
    this.profile = options.profile ?? '3.2';
    this.serverTimeZone = options.serverTimeZone ?? 'UTC';
    if (!isValidZone(this.serverTimeZone))
      throw new Error(`unknown server time zone "${this.serverTimeZone}"`);
    // 3.2 LOCAL storage uses a `file:` scheme; 3.3 absolute paths below /tmp/dolphinscheduler (spec §5.2, §10).
    this.storageBase =
      options.storageBase ?? (this.profile === '3.3' ? '/tmp/dolphinscheduler' : 'file:/dolphinscheduler');
    this.taskDurationMs = options.taskDurationMs ?? 10_000;
    this.users.set(1, { id: 1, ...DEMO_ADMIN, tenantCode: 'default', userType: 'ADMIN_USER', state: 1 });
    this.tokens.set(++this.ids.token, {
      id: this.ids.token,
      userId: 1,
      token: DEMO_TOKEN,
      expireTime: now() + 365 * 86_400_000,
      createTime: now(),
    });
    const project = options.project ?? 'bdp_demo';
    if (project) this.createProject(project, 'created by the emulator', 1);
  }

  /** `yyyy-MM-dd HH:mm:ss` in the server zone, as Jackson and `DateUtils.dateToString` render a date. */
  fmt(ms: number | undefined): string | null {
    return ms === undefined ? null : formatInstant(ms, this.serverTimeZone);
  }

  /** A `yyyy-MM-dd HH:mm:ss` request value read in the server zone (`DateUtils.stringToDate`). */
  parseTime(s: string): number | undefined {
    return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s.trim())
      ? instantOfWallText(s, this.serverTimeZone)
      : undefined;
  }

  count(write: string): void {
    this.writes[write] = (this.writes[write] ?? 0) + 1;
  }

  /** Snowflake-like 64-bit code (spec §1), JS-safe and never repeated (the sequence borrows from the next ms). */
  nextCode(): number {
    const ms = this.now() - 1609430400000;
    if (ms > this.lastCodeMs) {
      this.lastCodeMs = ms;
      this.codeSeq = 0;
    } else if (++this.codeSeq >= 32) {
      this.lastCodeMs++;
      this.codeSeq = 0;
    }
    return this.lastCodeMs * 1024 + 7 * 32 + this.codeSeq;
  }

  nextId(kind: keyof DsEmulatorState['ids']): number {
    return ++this.ids[kind];
  }

  newToken(userId: number, expireTime: number, token?: string): DsToken {
    const t: DsToken = {
      id: this.nextId('token'),
      userId,
      token: token || randomBytes(16).toString('hex'),
      expireTime,
      createTime: this.now(),
    };
    this.tokens.set(t.id, t);
    return t;
  }

  createProject(name: string, description: string, userId: number): DsProject {
    const p: DsProject = {
      id: this.nextId('project'),
      code: this.nextCode(),
      name,
      description,
      userId,
      createTime: this.now(),
      updateTime: this.now(),
    };
    this.projects.set(p.code, p);
    return p;
  }

  projectByName(name: string): DsProject | undefined {
    return [...this.projects.values()].find((p) => p.name === name);
  }

  resourceRoot(tenant: string): string {
    return `${this.storageBase}/${tenant}/resources/`;
  }

  uniqueSeq(): number {
    return ++this.seq;
  }
}
