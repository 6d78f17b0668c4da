import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createManualClock, type EmulatorClock } from '../../enos/emulator/clock';
import { Faults, type FaultSettings } from '../../enos/emulator/faults';
import { ParamError, type DsContext } from './context';
import * as defs from './definitions';
import * as projects from './projects';
import * as res from './resources';
import * as runs from './runs';
import * as schedules from './schedules';
import { advanceRuns } from './simulation';
import { DsEmulatorState, DsFailure, type DsEmulatorStateOptions } from './state';
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

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** `@ResponseStatus` of the method (201 for creates). */
  status: 200 | 201;
  /** `@ApiException` status used when a non-service exception escapes (spec §3.3). */
  fallback: number;
  binary?: boolean;
}

const PC = '(?<pc>-?\\d+)';
const route = (
  method: string,
  path: string,
  handler: Handler,
  fallback: number,
  status: 200 | 201 = 200,
  binary = false,
): Route => ({
  method,
  pattern: new RegExp(`^${path}$`),
  handler,
  status,
  fallback,
  binary,
});

const ROUTES: readonly Route[] = [
  route('POST', '/signOut', projects.signOut, 10123),
  route('GET', '/users/get-user-info', projects.userInfo, 10091),
  route('POST', '/access-tokens', projects.createAccessToken, 70010, 201),
  route('POST', '/projects', projects.createProject, 10048, 201),
  route('GET', '/projects', projects.listProjects, 10049),
  route('GET', '/projects/list', projects.allProjects, 10049),
  route('GET', '/projects/(?<code>-?\\d+)', projects.getProject, 10047),
  route('DELETE', '/projects/(?<code>-?\\d+)', projects.deleteProject, 10050),
  route('GET', '/resources/base-dir', res.baseDir, 10056),
  route('POST', '/resources/directory', res.createDirectory, 10054),
  route('POST', '/resources', res.upload, 10054),
  route('PUT', '/resources', res.updateResource, 10055),
  route('GET', '/resources', res.listResources, 10057),
  route('GET', '/resources/list', res.resourceTree, 10056),
  route('GET', '/resources/verify-name', res.verifyName, 10056),
  route('GET', '/resources/query-file-name', res.queryFileName, 10056),
  route('GET', '/resources/view', res.viewResource, 10060),
  route('GET', '/resources/download', res.downloadResource, 10064, 200, true),
  route('DELETE', '/resources', res.deleteResource, 10058),
  route('GET', `/projects/${PC}/task-definition/gen-task-codes`, defs.genTaskCodes, 10049),
  route('POST', `/projects/${PC}/process-definition`, defs.createDefinition, 10105, 201),
  route('GET', `/projects/${PC}/process-definition`, defs.listDefinitions, 10122),
  route('GET', `/projects/${PC}/process-definition/all`, defs.allDefinitions, 10122),
  route('GET', `/projects/${PC}/process-definition/list`, defs.allDefinitions, 10122),
  route('GET', `/projects/${PC}/process-definition/simple-list`, defs.simpleList, 10122),
  route('GET', `/projects/${PC}/process-definition/query-by-name`, defs.definitionByName, 10109),
  route('GET', `/projects/${PC}/process-definition/verify-name`, defs.verifyDefinitionName, 10109),
  route('GET', `/projects/${PC}/process-definition/(?<code>\\d+)`, defs.getDefinition, 10109),
  route('PUT', `/projects/${PC}/process-definition/(?<code>\\d+)`, defs.updateDefinition, 10107),
  route('DELETE', `/projects/${PC}/process-definition/(?<code>\\d+)`, defs.deleteDefinition, 50022),
  route('POST', `/projects/${PC}/process-definition/(?<code>\\d+)/release`, defs.releaseDefinition, 10108),
  route('GET', `/projects/${PC}/process-definition/(?<code>\\d+)/versions`, defs.definitionVersions, 10109),
  route('POST', `/projects/${PC}/schedules`, schedules.createSchedule, 10076, 201),
  route('PUT', `/projects/${PC}/schedules/(?<id>\\d+)`, schedules.updateSchedule, 10077),
  route('POST', `/projects/${PC}/schedules/(?<id>\\d+)/online`, schedules.scheduleOnline, 10078),
  route('POST', `/projects/${PC}/schedules/(?<id>\\d+)/offline`, schedules.scheduleOffline, 10079),
  route('GET', `/projects/${PC}/schedules`, schedules.listSchedules, 10080),
  route('DELETE', `/projects/${PC}/schedules/(?<id>\\d+)`, schedules.deleteSchedule, 50024),
  route('POST', `/projects/${PC}/schedules/preview`, schedules.previewSchedule, 10139, 201),
  route('POST', `/projects/${PC}/executors/start-process-instance`, runs.startProcessInstance, 50014),
  route('POST', `/projects/${PC}/executors/execute`, runs.execute, 50015),
  route('GET', `/projects/${PC}/process-instances`, runs.listInstances, 10113),
  route('GET', `/projects/${PC}/process-instances/trigger`, runs.instancesByTrigger, 10113),
  route('GET', `/projects/${PC}/process-instances/(?<id>\\d+)`, runs.getInstance, 10116),
  route('DELETE', `/projects/${PC}/process-instances/(?<id>\\d+)`, runs.deleteInstance, 10117),
  route('GET', `/projects/${PC}/process-instances/(?<id>\\d+)/tasks`, runs.instanceTasks, 10114),
  route('GET', `/projects/${PC}/task-instances`, runs.listTaskInstances, 10082),
  route('POST', `/projects/${PC}/task-instances/(?<id>\\d+)/force-success`, runs.forceSuccess, 10165),
  route('GET', '/log/detail', runs.logDetail, 10103),
  route('GET', '/log/download-log', runs.downloadLog, 10104, 200, true),
];

/** English `msg` of the fallback codes we answer with (spec §3.3). */
const FALLBACK_TEXT: Readonly<Record<number, string>> = {
  50014: 'start process instance error',
  50015: 'execute process instance error',
  10103: 'view task instance log error',
};

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
 * spec/dolphinscheduler-api.md field by field (auth, envelope, projects, Resource Center, workflow
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
        const f = e instanceof DsFailure ? e : new DsFailure(10043, 'user login failed');
        sendJson(res, 200, envelope(f.code, f.message, null));
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
    let match: { route: Route; groups: Record<string, string> } | undefined;
    for (const r of incoming ? ROUTES : []) {
      if (r.method !== req.method) continue;
      const m = r.pattern.exec(incoming!.path);
      if (m) {
        match = { route: r, groups: { ...(m.groups ?? {}) } };
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
      sendJson(res, match.route.status, envelope(0, 'success', outgoingData(state, data ?? null)));
    } catch (e) {
      if (e instanceof DsFailure) return sendJson(res, match.route.status, envelope(e.code, e.message, null));
      const fallback = match.route.fallback;
      const msg =
        FALLBACK_TEXT[fallback] ??
        `Internal Server Error: ${e instanceof ParamError ? e.message : String(e)}`;
      sendJson(res, 200, envelope(fallback, msg, null));
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
