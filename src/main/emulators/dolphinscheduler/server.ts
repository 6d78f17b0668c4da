import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createManualClock, type EmulatorClock } from '../common/clock';
import { Faults, type FaultSettings } from '../common/faults';
import { ParamError, type DsContext } from './context';
import * as defs from './definitions';
import * as projects from './projects';
import * as res from './resources';
import * as runs from './runs';
import * as schedules from './schedules';
import { advanceRuns } from './simulation';
import { DsEmulatorState, DsFailure, type DsEmulatorStateOptions } from './state';
import { statusOf, type StatusName } from './status';
import type { DsApiVersion } from '../../sync/dolphinscheduler/api-version';
import { attachmentHeader, incomingRequest, outgoingData } from './wire-profile';

export interface DsEmulatorOptions extends DsEmulatorStateOptions {
  /** 0 (default) picks a free port. Always binds 127.0.0.1 unless `host` says otherwise. */
  port?: number;
  host?: string;
  clock?: EmulatorClock;
  faults?: FaultSettings;
}

export interface DsEmulator {
  /** Base URL including the context path, e.g. `http://127.0.0.1:43121/dolphinscheduler`. */
  readonly url: string;
  readonly state: DsEmulatorState;
  readonly faults: Faults;
  readonly clock: EmulatorClock;
  readonly stats: { connections: number; requests: number };
  close(): Promise<void>;
}

type Handler = (ctx: DsContext) => unknown;

/** One controller method: its path (3.2 spelling, DolphinScheduler's `{variable}` syntax) and annotations. */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: Handler;
  /** `@ApiException`: the status answered when something other than a ServiceException escapes. */
  fallback: StatusName;
  /** `@ResponseStatus(HttpStatus.CREATED)`. */
  created?: boolean;
  /** The answer is a file, not the envelope. */
  binary?: boolean;
  /** Served by this API line only (dev removed `verify-name` and `query-file-name`). */
  only?: DsApiVersion;
  /** `@RequestParam(required = true)` names (3.2 spelling); missing ones fail binding, before the method runs. */
  required?: readonly string[];
  /** The dev line's required names where they differ (3.2 spelling). */
  requiredDev?: readonly string[];
}

const r = (
  method: RouteSpec['method'],
  path: string,
  handler: Handler,
  fallback: StatusName,
  extra: Partial<Pick<RouteSpec, 'created' | 'binary' | 'only' | 'required' | 'requiredDev'>> = {},
): RouteSpec => ({ method, path, handler, fallback, ...extra });

const DEF = '/projects/{projectCode}/process-definition';
const SCH = '/projects/{projectCode}/schedules';
const INS = '/projects/{projectCode}/process-instances';

/** The controller methods the emulator serves (api/controller, 3.2.2; dev renames in api-version.ts). */
export const ROUTES: readonly RouteSpec[] = [
  r('POST', '/signOut', projects.signOut, 'SIGN_OUT_ERROR'),
  r('GET', '/users/get-user-info', projects.userInfo, 'GET_USER_INFO_ERROR'),
  r('POST', '/access-tokens', projects.createAccessToken, 'CREATE_ACCESS_TOKEN_ERROR', {
    created: true,
    required: ['userId', 'expireTime'],
  }),
  r('POST', '/projects', projects.createProject, 'CREATE_PROJECT_ERROR', {
    created: true,
    required: ['projectName'],
  }),
  r('GET', '/projects', projects.listProjects, 'LOGIN_USER_QUERY_PROJECT_LIST_PAGING_ERROR', {
    required: ['pageSize', 'pageNo'],
  }),
  r('GET', '/projects/list', projects.allProjects, 'LOGIN_USER_QUERY_PROJECT_LIST_PAGING_ERROR'),
  r('GET', '/projects/{code}', projects.getProject, 'QUERY_PROJECT_DETAILS_BY_CODE_ERROR'),
  r('DELETE', '/projects/{code}', projects.deleteProject, 'DELETE_PROJECT_ERROR'),
  r('GET', '/resources/base-dir', res.baseDir, 'RESOURCE_NOT_EXIST', { required: ['type'] }),
  r('POST', '/resources/directory', res.createDirectory, 'CREATE_RESOURCE_ERROR', {
    required: ['type', 'name', 'pid', 'currentDir'],
    requiredDev: ['type', 'name', 'currentDir'],
  }),
  r('POST', '/resources', res.upload, 'CREATE_RESOURCE_ERROR', {
    required: ['type', 'name', 'file', 'currentDir'],
  }),
  r('PUT', '/resources', res.updateResource, 'UPDATE_RESOURCE_ERROR', {
    required: ['fullName', 'type', 'name'],
    requiredDev: ['fullName', 'name'],
  }),
  r('GET', '/resources', res.listResources, 'QUERY_RESOURCES_LIST_PAGING', {
    required: ['fullName', 'tenantCode', 'type', 'pageNo', 'pageSize'],
    requiredDev: ['fullName', 'type', 'pageNo', 'pageSize'],
  }),
  r('GET', '/resources/list', res.resourceTree, 'QUERY_RESOURCES_LIST_ERROR', {
    required: ['type', 'fullName'],
    requiredDev: ['type'],
  }),
  r('GET', '/resources/verify-name', res.verifyName, 'VERIFY_RESOURCE_BY_NAME_AND_TYPE_ERROR', {
    only: '3.2',
    required: ['fullName', 'type'],
  }),
  r('GET', '/resources/query-file-name', res.queryFileName, 'RESOURCE_NOT_EXIST', {
    only: '3.2',
    required: ['type'],
  }),
  r('GET', '/resources/view', res.viewResource, 'VIEW_RESOURCE_FILE_ON_LINE_ERROR', {
    required: ['skipLineNum', 'limit', 'fullName', 'tenantCode'],
    requiredDev: ['fullName', 'skipLineNum', 'limit'],
  }),
  r('GET', '/resources/download', res.downloadResource, 'DOWNLOAD_RESOURCE_FILE_ERROR', {
    binary: true,
    required: ['fullName'],
  }),
  r('DELETE', '/resources', res.deleteResource, 'DELETE_RESOURCE_ERROR', { required: ['fullName'] }),
  r(
    'GET',
    '/projects/{projectCode}/task-definition/gen-task-codes',
    defs.genTaskCodes,
    'LOGIN_USER_QUERY_PROJECT_LIST_PAGING_ERROR',
    { required: ['genNum'] },
  ),
  r('POST', DEF, defs.createDefinition, 'CREATE_PROCESS_DEFINITION_ERROR', {
    created: true,
    required: ['name', 'taskRelationJson', 'taskDefinitionJson'],
  }),
  r('GET', DEF, defs.listDefinitions, 'QUERY_PROCESS_DEFINITION_LIST_PAGING_ERROR', {
    required: ['pageNo', 'pageSize'],
  }),
  r('GET', `${DEF}/all`, defs.allDefinitions, 'QUERY_PROCESS_DEFINITION_LIST'),
  r('GET', `${DEF}/list`, defs.allDefinitions, 'QUERY_PROCESS_DEFINITION_LIST'),
  r('GET', `${DEF}/simple-list`, defs.simpleList, 'QUERY_PROCESS_DEFINITION_LIST'),
  r('GET', `${DEF}/query-by-name`, defs.definitionByName, 'QUERY_DETAIL_OF_PROCESS_DEFINITION_ERROR', {
    required: ['name'],
  }),
  r('GET', `${DEF}/verify-name`, defs.verifyDefinitionName, 'VERIFY_PROCESS_DEFINITION_NAME_UNIQUE_ERROR', {
    required: ['name'],
  }),
  r('GET', `${DEF}/{code}`, defs.getDefinition, 'QUERY_DETAIL_OF_PROCESS_DEFINITION_ERROR'),
  r('PUT', `${DEF}/{code}`, defs.updateDefinition, 'UPDATE_PROCESS_DEFINITION_ERROR', {
    required: ['name', 'taskRelationJson', 'taskDefinitionJson'],
  }),
  r('DELETE', `${DEF}/{code}`, defs.deleteDefinition, 'DELETE_PROCESS_DEFINE_BY_CODE_ERROR'),
  r('POST', `${DEF}/{code}/release`, defs.releaseDefinition, 'RELEASE_PROCESS_DEFINITION_ERROR', {
    required: ['releaseState'],
  }),
  r('GET', `${DEF}/{code}/versions`, defs.definitionVersions, 'QUERY_PROCESS_DEFINITION_VERSIONS_ERROR', {
    required: ['pageNo', 'pageSize'],
  }),
  r('POST', SCH, schedules.createSchedule, 'CREATE_SCHEDULE_ERROR', {
    created: true,
    required: ['processDefinitionCode', 'schedule'],
  }),
  r('PUT', `${SCH}/{id}`, schedules.updateSchedule, 'UPDATE_SCHEDULE_ERROR', { required: ['schedule'] }),
  r('POST', `${SCH}/{id}/online`, schedules.scheduleOnline, 'PUBLISH_SCHEDULE_ONLINE_ERROR'),
  r('POST', `${SCH}/{id}/offline`, schedules.scheduleOffline, 'OFFLINE_SCHEDULE_ERROR'),
  r('GET', SCH, schedules.listSchedules, 'QUERY_SCHEDULE_LIST_PAGING_ERROR', {
    required: ['pageNo', 'pageSize'],
  }),
  r('DELETE', `${SCH}/{id}`, schedules.deleteSchedule, 'DELETE_SCHEDULE_BY_ID_ERROR'),
  r('POST', `${SCH}/preview`, schedules.previewSchedule, 'PREVIEW_SCHEDULE_ERROR', {
    created: true,
    required: ['schedule'],
  }),
  r(
    'POST',
    '/projects/{projectCode}/executors/start-process-instance',
    runs.startProcessInstance,
    'START_PROCESS_INSTANCE_ERROR',
    { required: ['processDefinitionCode', 'scheduleTime', 'failureStrategy', 'warningType'] },
  ),
  r('POST', '/projects/{projectCode}/executors/execute', runs.execute, 'EXECUTE_PROCESS_INSTANCE_ERROR', {
    required: ['processInstanceId', 'executeType'],
  }),
  r('GET', INS, runs.listInstances, 'QUERY_PROCESS_INSTANCE_LIST_PAGING_ERROR', {
    required: ['pageNo', 'pageSize'],
  }),
  r('GET', `${INS}/trigger`, runs.instancesByTrigger, 'QUERY_PROCESS_INSTANCE_LIST_PAGING_ERROR', {
    required: ['triggerCode'],
  }),
  r('GET', `${INS}/{id}`, runs.getInstance, 'QUERY_PROCESS_INSTANCE_BY_ID_ERROR'),
  r('DELETE', `${INS}/{id}`, runs.deleteInstance, 'DELETE_PROCESS_INSTANCE_BY_ID_ERROR'),
  r('GET', `${INS}/{id}/tasks`, runs.instanceTasks, 'QUERY_TASK_LIST_BY_PROCESS_INSTANCE_ID_ERROR'),
  r('GET', '/projects/{projectCode}/task-instances', runs.listTaskInstances, 'QUERY_TASK_LIST_PAGING_ERROR', {
    required: ['pageNo', 'pageSize'],
  }),
  r(
    'POST',
    '/projects/{projectCode}/task-instances/{id}/force-success',
    runs.forceSuccess,
    'FORCE_TASK_SUCCESS_ERROR',
  ),
  r('GET', '/log/detail', runs.logDetail, 'QUERY_TASK_INSTANCE_LOG_ERROR', {
    required: ['taskInstanceId', 'skipLineNum', 'limit'],
  }),
  r('GET', '/log/download-log', runs.downloadLog, 'DOWNLOAD_TASK_INSTANCE_LOG_FILE_ERROR', {
    binary: true,
    required: ['taskInstanceId'],
  }),
];

/** Path variables as the handlers name them. */
const VARIABLE_NAMES: Readonly<Record<string, string>> = { projectCode: 'pc' };

interface CompiledRoute extends RouteSpec {
  pattern: RegExp;
}

function compile(spec: RouteSpec): CompiledRoute {
  const source = spec.path.replace(/\{(\w+)\}/g, (_, v: string) => `(?<${VARIABLE_NAMES[v] ?? v}>-?\\d+)`);
  return { ...spec, pattern: new RegExp(`^${source}$`) };
}

const COMPILED: readonly CompiledRoute[] = ROUTES.map(compile);

function envelope(code: number, msg: string, data: unknown): string {
  return JSON.stringify({ code, msg, data, success: code === 0, failed: code !== 0 });
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Query string plus an urlencoded or multipart body, as Spring's `@RequestParam` sees them. */
async function readParams(
  req: http.IncomingMessage,
  url: URL,
): Promise<{ params: URLSearchParams; files: Map<string, { name: string; bytes: Buffer }> }> {
  const params = new URLSearchParams(url.searchParams);
  const files = new Map<string, { name: string; bytes: Buffer }>();
  const body = await readBody(req);
  const type = req.headers['content-type'] ?? '';
  if (body.length === 0) return { params, files };
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
  } else if (type.startsWith('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': type } }).formData();
    for (const [k, v] of form) {
      if (typeof v === 'string') params.append(k, v);
      else files.set(k, { name: v.name, bytes: Buffer.from(await v.arrayBuffer()) });
    }
  }
  return { params, files };
}

const CONTEXT_PATH = '/dolphinscheduler';

/**
 * Start the Apache DolphinScheduler 3.2.2 REST API emulator: a stateful in-memory server following
 * the DolphinScheduler API specification field by field (auth, envelope, projects, Resource Center, workflow
 * definitions with versions, schedules, executors, instances on a simulated clock, logs). It
 * records and simulates; it never executes task code.
 */
export async function startDsEmulator(options: DsEmulatorOptions = {}): Promise<DsEmulator> {
  const clock = options.clock ?? createManualClock(Date.now());
  const state = new DsEmulatorState(options, () => clock.now());
  const faults = new Faults();
  if (options.faults) faults.set(options.faults);
  const unsubscribe = clock.onAdvance(() => advanceRuns(state, clock.now()));
  const stats = { connections: 0, requests: 0 };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    stats.requests++;
    if (faults.takeReset()) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://emulator');
    const { params, files } = await readParams(req, url);
    if (faults.slowMs > 0) await new Promise((r) => setTimeout(r, faults.slowMs));
    if (!url.pathname.startsWith(`${CONTEXT_PATH}/`)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not Found');
      return;
    }
    const sentPath = url.pathname.slice(CONTEXT_PATH.length).replace(/\/+$/, '') || '/';
    const now = clock.now();
    const fault = faults.takeStatus();
    if (fault === 401) {
      res.writeHead(401, { 'Content-Length': 0 });
      res.end();
      return;
    }
    if (fault) {
      const extra: Record<string, string> = fault === 429 || fault === 503 ? { 'Retry-After': '1' } : {};
      sendJson(
        res,
        fault,
        JSON.stringify({
          timestamp: new Date(now).toISOString(),
          status: fault,
          error: 'emulated fault',
          path: url.pathname,
        }),
        extra,
      );
      return;
    }
    if (req.method === 'POST' && sentPath === '/login') {
      try {
        const data = projects.login({ state, now, path: {}, params, files });
        const cookie = `sessionId=${data.sessionId}; Path=/; HttpOnly`;
        sendJson(res, 200, envelope(0, 'login success', data), { 'Set-Cookie': cookie });
      } catch (e) {
        const f = e instanceof DsFailure ? e : new DsFailure('USER_LOGIN_FAILURE');
        const { code, msg } = f.render(state.profile);
        sendJson(res, 200, envelope(code, msg, null));
      }
      return;
    }
    const header = (name: string): string | undefined => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const cookieSession = /(?:^|;\s*)sessionId=([^;]+)/.exec(header('cookie') ?? '')?.[1];
    const user = projects.authenticate(state, now, header('token'), header('sessionid') ?? cookieSession);
    if (!user) {
      res.writeHead(401, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const incoming = incomingRequest(state, sentPath, params);
    let match: { route: CompiledRoute; groups: Record<string, string> } | undefined;
    for (const route of incoming ? COMPILED : []) {
      if (route.method !== req.method || (route.only && route.only !== state.profile)) continue;
      const m = route.pattern.exec(incoming!.path);
      if (m) {
        match = { route, groups: { ...(m.groups ?? {}) } };
        break;
      }
    }
    if (!match || !incoming) {
      // DsErrorController forwards unknown paths to the UI page (spec §1).
      const html = '<!DOCTYPE html><html><head><title>DolphinScheduler</title></head><body></body></html>';
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(html) });
      res.end(html);
      return;
    }
    advanceRuns(state, now);
    const ctx: DsContext = { state, now, user, path: match.groups, params: incoming.params, files };
    try {
      const required = (state.profile === '3.3' && match.route.requiredDev) || match.route.required || [];
      const missing = required.find((name) => !incoming.params.has(name) && !files.has(name));
      if (missing) throw new ParamError(`Required request parameter '${missing}' is not present`);
      const data = match.route.handler(ctx);
      advanceRuns(state, now);
      if (match.route.binary) {
        const file = data as { bytes: Buffer; fileName: string };
        res.writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Content-Length': file.bytes.length,
          'Content-Disposition': attachmentHeader(state, file.fileName),
        });
        res.end(file.bytes);
        return;
      }
      const status = match.route.created ? 201 : 200;
      sendJson(res, status, envelope(0, 'success', outgoingData(state, data ?? null)));
    } catch (e) {
      // A returned failure keeps the method's status; ApiExceptionHandler answers thrown ones with 200.
      if (e instanceof DsFailure) {
        const { code, msg } = e.render(state.profile);
        return sendJson(res, e.thrown || !match.route.created ? 200 : 201, envelope(code, msg, null));
      }
      const { code, template } = statusOf(match.route.fallback, state.profile);
      sendJson(res, 200, envelope(code, template, null));
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 200, envelope(10000, `Internal Server Error: ${String(e)}`, null));
    });
  });
  server.on('connection', () => stats.connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}${CONTEXT_PATH}`,
    state,
    faults,
    clock,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
