import type { AxiosInstance, AxiosResponse } from 'axios';
import { HttpExchange } from '../common/http-exchange';
import { maskSecrets } from '../common/mask';
import { isRetryableStatus, type RetryPolicy } from '../common/retry';
import { formatTriggerTime, utcOffsetAt } from '../../../shared/time/trigger-time';
import {
  isDroppedResourceParam,
  toInternalJson,
  toWireJson,
  wireParam,
  wirePath,
  type DsApiVersion,
} from './api-version';
import { DsApiError } from './errors';
import type {
  DsDagData,
  DsDefinitionBody,
  DsEnvelope,
  DsExecuteType,
  DsProcessDefinition,
  DsProcessInstance,
  DsProjectInfo,
  DsSchedule,
  DsScheduleParam,
  DsStartRequest,
  DsTaskInstance,
  DsUserInfo,
  PageInfo,
  StorageEntity,
} from './types';

export interface DsClientOptions {
  /** Base URL including the context path, e.g. `http://ds:12345/dolphinscheduler`. */
  baseUrl: string;
  /** Access token (header `token`). */
  token?: string;
  /** Without a token: log in with these and create a token for the session's user. */
  userName?: string;
  password?: string;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  axios?: AxiosInstance;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (info: { operation: string; attempt: number; delayMs: number; reason: string }) => void;
  /** Which API line the server speaks; `auto` (default) probes once and remembers the answer. */
  apiVersion?: DsApiVersion | 'auto';
  /** IANA zone the server renders and parses `yyyy-MM-dd HH:mm:ss` in (`SPRING_JACKSON_TIME_ZONE`, default UTC). */
  serverTimeZone?: string;
}

/** What a start call answers: 3.2 a trigger code to poll, 3.3 the new instance ids (spec §10). */
export type DsStarted = { triggerCode: number } | { instanceIds: number[] };

type Params = Record<string, string | number | boolean | undefined>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface CallOptions {
  /** Safe to resend after a lost answer or a 429/5xx (reads, and writes that converge). */
  idempotent: boolean;
  /** Multipart body (resource upload) with the file under `file`. */
  file?: { name: string; bytes: Uint8Array };
  /** Binary answer (downloads). */
  binary?: boolean;
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** `yyyy-MM-dd HH:mm:ss` in the server zone (UTC, the shipped configuration, unless told otherwise). */
export function dsTime(ms: number, zone = 'UTC'): string {
  if (zone !== 'UTC') return formatTriggerTime(new Date(ms), zone);
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** Parses a DolphinScheduler date string rendered in `zone` (default UTC); undefined for null or junk. */
export function parseDsTime(s: string | null | undefined, zone = 'UTC'): number | undefined {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s) : null;
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1).map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec);
  return zone === 'UTC' ? wall : wall - utcOffsetAt(s!, zone) * 60_000;
}

/** JSON-valued form fields whose keys differ between API lines. */
const JSON_PARAMS = new Set(['taskDefinitionJson', 'taskRelationJson']);

const PAGE = 100;

/**
 * Typed client of the DolphinScheduler 3.2.2 REST API: form-encoded parameters with JSON strings
 * inside (spec §1), the `token` header (or log in and create a token), the `Result` envelope
 * unwrapped into `DsApiError`s with clear messages, retries with backoff (and `Retry-After`) for
 * idempotent calls only, secrets masked out of every message.
 */
export class DsClient {
  private readonly exchange: HttpExchange;
  private readonly base: string;
  private token?: string;
  private tokenPromise?: Promise<string>;
  private versionPromise?: Promise<DsApiVersion>;

  constructor(private readonly options: DsClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.exchange = new HttpExchange(options);
  }

  /** The server zone date strings are in. */
  get serverTimeZone(): string {
    return this.options.serverTimeZone ?? 'UTC';
  }

  formatTime(ms: number): string {
    return dsTime(ms, this.serverTimeZone);
  }

  parseTime(s: string | null | undefined): number | undefined {
    return parseDsTime(s, this.serverTimeZone);
  }

  /** The API line of the server: configured, or probed once (spec §1: a foreign path answers HTML/200). */
  apiVersion(): Promise<DsApiVersion> {
    const configured = this.options.apiVersion;
    if (configured && configured !== 'auto') return Promise.resolve(configured);
    this.versionPromise ??= this.probeVersion().catch((e: unknown) => {
      this.versionPromise = undefined;
      throw e;
    });
    return this.versionPromise;
  }

  private async probeVersion(): Promise<DsApiVersion> {
    const token = await this.accessToken();
    for (const version of ['3.2', '3.3'] as const) {
      try {
        await this.send(
          'detectApiVersion',
          'GET',
          wirePath(version, '/projects/0/process-definition/all'),
          {},
          { idempotent: true },
          { token },
        );
        return version;
      } catch (e) {
        if (!(e instanceof DsApiError)) throw e;
        if (e.kind === 'service') return version; // a JSON envelope: the path exists
        if (e.code !== 'NOT_API') throw e;
      }
    }
    throw new DsApiError({
      kind: 'network',
      code: 'NOT_API',
      operation: 'detectApiVersion',
      serverMessage:
        'neither the 3.2 nor the 3.3 workflow API answered with JSON; check the URL (it ends in /dolphinscheduler)',
    });
  }

  close(): void {
    this.exchange.close();
  }

  // ---- auth (spec §2) -----------------------------------------------------------------

  /** `POST /login`: the session id. */
  async login(userName: string, password: string): Promise<string> {
    const data = await this.send<{ sessionId: string }>(
      'login',
      'POST',
      '/login',
      { userName, userPassword: password },
      { idempotent: false },
      {},
    );
    return data.sessionId;
  }

  /** The token in use: the configured one, or one created after logging in (once). */
  async accessToken(): Promise<string> {
    if (this.token) return this.token;
    this.tokenPromise ??= this.createSessionToken().finally(() => (this.tokenPromise = undefined));
    this.token = await this.tokenPromise;
    return this.token;
  }

  private async createSessionToken(): Promise<string> {
    const { userName, password } = this.options;
    if (!userName || !password)
      throw new DsApiError({
        kind: 'http',
        code: 401,
        operation: 'login',
        serverMessage: 'no access token and no user name / password',
      });
    const sessionId = await this.login(userName, password);
    const headers = { sessionId };
    const user = await this.send<DsUserInfo>(
      'getUserInfo',
      'GET',
      '/users/get-user-info',
      {},
      { idempotent: true },
      headers,
    );
    const expire = dsTime((this.options.now ?? Date.now)() + 30 * 86_400_000);
    const token = await this.send<{ token: string }>(
      'createAccessToken',
      'POST',
      '/access-tokens',
      { userId: user.id, expireTime: expire },
      { idempotent: false },
      headers,
    );
    return token.token;
  }

  getUserInfo(): Promise<DsUserInfo> {
    return this.call('getUserInfo', 'GET', '/users/get-user-info', {}, { idempotent: true });
  }

  // ---- projects (§5.1) ----------------------------------------------------------------

  async findProject(name: string): Promise<DsProjectInfo | undefined> {
    const page = await this.call<PageInfo<DsProjectInfo>>(
      'listProjects',
      'GET',
      '/projects',
      { pageNo: 1, pageSize: PAGE, searchVal: name },
      { idempotent: true },
    );
    return page.totalList.find((p) => p.name === name);
  }

  createProject(name: string, description = ''): Promise<DsProjectInfo> {
    return this.call(
      'createProject',
      'POST',
      '/projects',
      { projectName: name, description },
      { idempotent: false },
    );
  }

  // ---- resources (§5.2) ----------------------------------------------------------------

  /** The caller's tenant resource root, e.g. `file:/dolphinscheduler/default/resources/`. */
  async resourceRoot(): Promise<string> {
    const user = await this.getUserInfo();
    const base = await this.call<string>(
      'resourceBaseDir',
      'GET',
      '/resources/base-dir',
      { type: 'FILE' },
      { idempotent: true },
    );
    // The tenant folder without a trailing slash (HdfsStorageOperator.getHdfsResDir, dev
    // AbstractStorageOperator.getStorageBaseDirectory), with one on S3, or the storage base for a
    // 3.2.2 admin (getDir(ALL)): every directory fullName ends with "/".
    const trimmed = base.replace(/\/+$/, '');
    const tenantRoot = `/${user.tenantCode ?? 'default'}/resources`;
    return `${trimmed.endsWith(tenantRoot) ? trimmed : trimmed + tenantRoot}/`;
  }

  /** Direct children of a directory fullName (every page). */
  async listResources(dirFullName: string): Promise<StorageEntity[]> {
    const out: StorageEntity[] = [];
    for (let pageNo = 1; ; pageNo++) {
      const page = await this.call<PageInfo<StorageEntity>>(
        'listResources',
        'GET',
        '/resources',
        { fullName: dirFullName, tenantCode: '', type: 'FILE', pageNo, pageSize: PAGE },
        { idempotent: true },
      );
      out.push(...page.totalList);
      if (pageNo >= page.totalPage) return out;
    }
  }

  async createDirectory(currentDir: string, name: string): Promise<void> {
    await this.call(
      'createDirectory',
      'POST',
      '/resources/directory',
      { type: 'FILE', name, pid: -1, currentDir },
      { idempotent: false },
    );
  }

  async uploadResource(currentDir: string, name: string, bytes: Uint8Array): Promise<void> {
    await this.call(
      'uploadResource',
      'POST',
      '/resources',
      { type: 'FILE', name, currentDir, description: '' },
      { idempotent: false, file: { name, bytes } },
    );
  }

  /** Re-upload: `PUT /resources` with the same name and a file overwrites the content. */
  async reuploadResource(fullName: string, bytes: Uint8Array): Promise<void> {
    const name = fullName.slice(fullName.lastIndexOf('/') + 1);
    await this.call(
      'reuploadResource',
      'PUT',
      '/resources',
      { type: 'FILE', fullName, name, tenantCode: '' },
      { idempotent: true, file: { name, bytes } },
    );
  }

  async downloadResource(fullName: string): Promise<Buffer> {
    return this.call(
      'downloadResource',
      'GET',
      '/resources/download',
      { fullName },
      { idempotent: true, binary: true },
    );
  }

  async deleteResource(fullName: string): Promise<void> {
    await this.call(
      'deleteResource',
      'DELETE',
      '/resources',
      { fullName, tenantCode: '' },
      { idempotent: false },
    );
  }

  // ---- workflow definitions (§5.3, §5.4) ---------------------------------------------

  genTaskCodes(projectCode: number, n: number): Promise<number[]> {
    return this.call(
      'genTaskCodes',
      'GET',
      `/projects/${projectCode}/task-definition/gen-task-codes`,
      { genNum: n },
      { idempotent: true },
    );
  }

  /** Every definition of the project with its tasks and relations. */
  allDefinitions(projectCode: number): Promise<DsDagData[]> {
    return this.call(
      'allDefinitions',
      'GET',
      `/projects/${projectCode}/process-definition/all`,
      {},
      { idempotent: true },
    );
  }

  getDefinition(projectCode: number, code: number): Promise<DsDagData> {
    return this.call(
      'getDefinition',
      'GET',
      `/projects/${projectCode}/process-definition/${code}`,
      {},
      { idempotent: true },
    );
  }

  /** The definition named `name`, or undefined (50003). */
  async findDefinition(projectCode: number, name: string): Promise<DsDagData | undefined> {
    try {
      return await this.call<DsDagData>(
        'findDefinition',
        'GET',
        `/projects/${projectCode}/process-definition/query-by-name`,
        { name },
        { idempotent: true },
      );
    } catch (e) {
      if (e instanceof DsApiError && e.code === 50003) return undefined;
      throw e;
    }
  }

  createDefinition(projectCode: number, body: DsDefinitionBody): Promise<DsProcessDefinition> {
    return this.call(
      'createDefinition',
      'POST',
      `/projects/${projectCode}/process-definition`,
      definitionParams(body),
      { idempotent: false },
    );
  }

  /** Saving equal content is a no-op on the server, so a resend is harmless. */
  updateDefinition(projectCode: number, code: number, body: DsDefinitionBody): Promise<DsProcessDefinition> {
    return this.call(
      'updateDefinition',
      'PUT',
      `/projects/${projectCode}/process-definition/${code}`,
      { ...definitionParams(body), releaseState: 'OFFLINE' },
      { idempotent: true },
    );
  }

  async release(projectCode: number, code: number, state: 'ONLINE' | 'OFFLINE'): Promise<void> {
    await this.call(
      'release',
      'POST',
      `/projects/${projectCode}/process-definition/${code}/release`,
      { releaseState: state },
      { idempotent: true },
    );
  }

  async deleteDefinition(projectCode: number, code: number): Promise<void> {
    await this.call(
      'deleteDefinition',
      'DELETE',
      `/projects/${projectCode}/process-definition/${code}`,
      {},
      { idempotent: false },
    );
  }

  // ---- schedules (§5.5) ----------------------------------------------------------------

  async listSchedules(projectCode: number, processDefinitionCode = 0): Promise<DsSchedule[]> {
    const out: DsSchedule[] = [];
    for (let pageNo = 1; ; pageNo++) {
      const page = await this.call<PageInfo<DsSchedule>>(
        'listSchedules',
        'GET',
        `/projects/${projectCode}/schedules`,
        { pageNo, pageSize: PAGE, processDefinitionCode },
        { idempotent: true },
      );
      out.push(...page.totalList);
      if (pageNo >= page.totalPage) return out;
    }
  }

  // A schedule's start and end travel as wall-clock time of its `timezoneId`, unconverted: the
  // server parses and renders them in its own JVM zone, so it answers the strings it was sent
  // (SchedulerServiceImpl, ScheduleVO), and its Quartz trigger reads them as wall time of
  // `timezoneId` (QuartzCornTriggerBuilder, DateUtils.transformTimezoneDate).

  async createSchedule(
    projectCode: number,
    processDefinitionCode: number,
    schedule: DsScheduleParam,
  ): Promise<DsSchedule> {
    return this.call<DsSchedule>(
      'createSchedule',
      'POST',
      `/projects/${projectCode}/schedules`,
      { processDefinitionCode, schedule: JSON.stringify(schedule), ...SCHEDULE_DEFAULTS },
      { idempotent: false },
    );
  }

  async updateSchedule(projectCode: number, id: number, schedule: DsScheduleParam): Promise<DsSchedule> {
    return this.call<DsSchedule>(
      'updateSchedule',
      'PUT',
      `/projects/${projectCode}/schedules/${id}`,
      { schedule: JSON.stringify(schedule), ...SCHEDULE_DEFAULTS },
      { idempotent: true },
    );
  }

  async scheduleOnline(projectCode: number, id: number, online: boolean): Promise<void> {
    await this.call(
      'scheduleOnline',
      'POST',
      `/projects/${projectCode}/schedules/${id}/${online ? 'online' : 'offline'}`,
      {},
      { idempotent: true },
    );
  }

  previewSchedule(projectCode: number, schedule: DsScheduleParam): Promise<string[]> {
    return this.call(
      'previewSchedule',
      'POST',
      `/projects/${projectCode}/schedules/preview`,
      { schedule: JSON.stringify(schedule) },
      { idempotent: true },
    );
  }

  // ---- executors, instances, logs (§5.6-§5.9) -------------------------------------------

  /** Start (or backfill) a workflow: a trigger code (3.2) or the new instance ids (3.3). */
  async start(projectCode: number, r: DsStartRequest): Promise<DsStarted> {
    const data = await this.call<number | number[]>(
      'start',
      'POST',
      `/projects/${projectCode}/executors/start-process-instance`,
      {
        processDefinitionCode: r.processDefinitionCode,
        scheduleTime: r.scheduleTime ? JSON.stringify(r.scheduleTime) : '',
        failureStrategy: r.failureStrategy ?? 'END',
        warningType: r.warningType ?? 'NONE',
        execType: r.execType ?? 'START_PROCESS',
        startNodeList: r.startNodeList?.length ? r.startNodeList.join(',') : undefined,
        taskDependType: r.taskDependType ?? 'TASK_POST',
        runMode: r.runMode,
        executionOrder: r.executionOrder,
        processInstancePriority: 'MEDIUM',
        workerGroup: 'default',
        tenantCode: 'default',
        environmentCode: -1,
        startParams:
          r.startParams && Object.keys(r.startParams).length ? JSON.stringify(r.startParams) : undefined,
        dryRun: r.dryRun ?? 0,
      },
      { idempotent: false },
    );
    return Array.isArray(data) ? { instanceIds: data } : { triggerCode: data };
  }

  instancesByTrigger(projectCode: number, triggerCode: number): Promise<DsProcessInstance[]> {
    return this.call(
      'instancesByTrigger',
      'GET',
      `/projects/${projectCode}/process-instances/trigger`,
      { triggerCode },
      { idempotent: true },
    );
  }

  async execute(projectCode: number, processInstanceId: number, executeType: DsExecuteType): Promise<void> {
    await this.call(
      'execute',
      'POST',
      `/projects/${projectCode}/executors/execute`,
      { processInstanceId, executeType },
      { idempotent: false },
    );
  }

  listInstances(
    projectCode: number,
    f: {
      processDefineCode?: number;
      stateType?: string;
      startDate?: string;
      endDate?: string;
      pageNo: number;
      pageSize: number;
    },
  ): Promise<PageInfo<DsProcessInstance>> {
    return this.call(
      'listInstances',
      'GET',
      `/projects/${projectCode}/process-instances`,
      { ...f },
      { idempotent: true },
    );
  }

  getInstance(projectCode: number, id: number): Promise<DsProcessInstance> {
    return this.call(
      'getInstance',
      'GET',
      `/projects/${projectCode}/process-instances/${id}`,
      {},
      { idempotent: true },
    );
  }

  async instanceTasks(projectCode: number, id: number): Promise<DsTaskInstance[]> {
    const data = await this.call<{ taskList: DsTaskInstance[] }>(
      'instanceTasks',
      'GET',
      `/projects/${projectCode}/process-instances/${id}/tasks`,
      {},
      { idempotent: true },
    );
    return data.taskList;
  }

  listTaskInstances(
    projectCode: number,
    f: { processInstanceId?: number; pageNo: number; pageSize: number },
  ): Promise<PageInfo<DsTaskInstance & { processInstanceId: number }>> {
    return this.call(
      'listTaskInstances',
      'GET',
      `/projects/${projectCode}/task-instances`,
      { ...f },
      { idempotent: true },
    );
  }

  async forceSuccess(projectCode: number, taskInstanceId: number): Promise<void> {
    await this.call(
      'forceSuccess',
      'POST',
      `/projects/${projectCode}/task-instances/${taskInstanceId}/force-success`,
      {},
      { idempotent: true },
    );
  }

  logDetail(
    taskInstanceId: number,
    skipLineNum: number,
    limit: number,
  ): Promise<{ lineNum: number; message: string }> {
    return this.call(
      'logDetail',
      'GET',
      '/log/detail',
      { taskInstanceId, skipLineNum, limit },
      { idempotent: true },
    );
  }

  /** The whole log, paged like the web UI (spec §5.9); at most `maxPages` pages. */
  async fullLog(taskInstanceId: number, maxPages = 50): Promise<string> {
    let text = '';
    let skip = 0;
    for (let i = 0; i < maxPages; i++) {
      const page = await this.logDetail(taskInstanceId, skip, 1000);
      if (!page.message) break;
      text += page.message;
      if (page.lineNum === 0) break;
      skip += page.lineNum;
    }
    return text.replace(/\r\n/g, '\n');
  }

  // ---- transport ------------------------------------------------------------------------

  /** One API call written with the 3.2 names, sent as the server's line spells it (spec §10). */
  private async call<T>(
    operation: string,
    method: Method,
    path: string,
    params: Params,
    opts: CallOptions,
  ): Promise<T> {
    const token = await this.accessToken();
    const version = await this.apiVersion();
    if (version === '3.2') return this.send<T>(operation, method, path, params, opts, { token });
    const resources = path.startsWith('/resources');
    const wire: Params = {};
    for (const [k, v] of Object.entries(params)) {
      if (resources && isDroppedResourceParam(version, k)) continue;
      wire[wireParam(version, k)] =
        JSON_PARAMS.has(k) && typeof v === 'string' ? JSON.stringify(toWireJson(version, JSON.parse(v))) : v;
    }
    const data = await this.send<T>(operation, method, wirePath(version, path), wire, opts, { token });
    return (opts.binary ? data : toInternalJson(version, data)) as T;
  }

  private async send<T>(
    operation: string,
    method: Method,
    path: string,
    params: Params,
    opts: CallOptions,
    headers: Record<string, string>,
  ): Promise<T> {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = String(v);
    const inQuery = method === 'GET' || method === 'DELETE';
    const body = (): unknown => {
      if (!opts.file) return inQuery ? undefined : new URLSearchParams(clean).toString();
      const form = new FormData();
      for (const [k, v] of Object.entries(clean)) form.append(k, v);
      form.append('file', new Blob([opts.file.bytes]), opts.file.name);
      return form;
    };
    const res: AxiosResponse<unknown> = await this.exchange.send(
      operation,
      opts.idempotent,
      () =>
        this.exchange.http.request({
          method,
          url: this.base + path,
          params: inQuery ? clean : undefined,
          data: body(),
          headers: {
            Accept: 'application/json',
            ...(opts.file || inQuery ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
            ...headers,
          },
          timeout: this.options.timeoutMs ?? 30_000,
          responseType: opts.binary ? 'arraybuffer' : 'text',
          transformResponse: (x: unknown) => x,
          validateStatus: () => true,
          maxRedirects: 0,
        }),
      (f) =>
        new DsApiError({
          kind: 'network',
          code: f.code,
          operation,
          serverMessage: this.mask(f.message),
          retryable: f.retryable,
          outcomeUnknown: f.outcomeUnknown,
        }),
    );
    if (isRetryableStatus(res.status)) {
      throw new DsApiError({
        kind: 'http',
        code: res.status,
        operation,
        httpStatus: res.status,
        retryable: true,
      });
    }
    if (res.status === 401 || res.status === 403 || res.status === 404)
      throw new DsApiError({ kind: 'http', code: res.status, operation, httpStatus: res.status });
    if (opts.binary && res.status === 200 && !String(res.headers['content-type'] ?? '').includes('json')) {
      return Buffer.from(res.data as ArrayBuffer) as T;
    }
    const text = opts.binary ? Buffer.from(res.data as ArrayBuffer).toString('utf8') : String(res.data ?? '');
    let env: DsEnvelope<T>;
    try {
      env = JSON.parse(text) as DsEnvelope<T>;
    } catch {
      throw new DsApiError({ kind: 'network', code: 'NOT_API', operation, httpStatus: res.status });
    }
    if (typeof env?.code !== 'number')
      throw new DsApiError({ kind: 'network', code: 'NOT_API', operation, httpStatus: res.status });
    if (env.code !== 0)
      throw new DsApiError({
        kind: 'service',
        code: env.code,
        operation,
        serverMessage: this.mask(env.msg ?? ''),
        httpStatus: res.status,
      });
    return env.data;
  }

  private mask(text: string): string {
    return maskSecrets(text, [this.token, this.options.token, this.options.password]);
  }
}

const SCHEDULE_DEFAULTS = {
  failureStrategy: 'END',
  warningType: 'NONE',
  warningGroupId: 0,
  processInstancePriority: 'MEDIUM',
  workerGroup: 'default',
  tenantCode: 'default',
  environmentCode: -1,
};

function definitionParams(b: DsDefinitionBody): Params {
  return {
    name: b.name,
    description: b.description,
    globalParams: JSON.stringify(b.globalParams),
    locations: JSON.stringify(b.locations),
    timeout: b.timeout,
    executionType: b.executionType,
    taskDefinitionJson: JSON.stringify(b.taskDefinitionJson),
    taskRelationJson: JSON.stringify(b.taskRelationJson),
  };
}

export type { DsProcessDefinition };
