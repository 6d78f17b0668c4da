import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiFailure, MSG } from './api-error';
import { checkSignature, tokenService, type AuthMode } from './auth';
import { createManualClock, type EmulatorClock } from '../common/clock';
import type { RequestContext } from './context';
import { createDirectory, listWorkflowDirectories } from './directories';
import { Faults, type FaultSettings } from '../common/faults';
import {
  deleteFlow,
  exportFlow,
  findFlowForRead,
  flowView,
  getMyFlow,
  importFlow,
  saveFlow,
  searchFlow,
  setActive,
} from './flows';
import { cancel, getInstance, getTaskInstance, getTaskLog, listInstances, trigger } from './instances';
import { advanceInstances } from './simulation';
import { EmulatorState, type EmulatorStateOptions } from './store';

export interface EnosEmulatorOptions extends EmulatorStateOptions {
  /** 0 (default) picks a free port. Always binds 127.0.0.1. */
  port?: number;
  host?: string;
  clock?: EmulatorClock;
  faults?: FaultSettings;
  /** `strict` (default): issued token + valid signature. `lenient`: also legacy unsigned tokens (spec §1.7.3). */
  auth?: AuthMode;
}

export interface EnosEmulator {
  /** Gateway base URL, e.g. `http://127.0.0.1:43121`. */
  readonly url: string;
  readonly state: EmulatorState;
  readonly faults: Faults;
  readonly clock: EmulatorClock;
  /** Counters for tests: TCP connections accepted and HTTP requests received. */
  readonly stats: { connections: number; requests: number };
  close(): Promise<void>;
}

type Handler = (ctx: RequestContext) => unknown;

const SERVICE_PREFIX = '/batch-processing-service/v2.1/';

/** Routing key `METHOD resource action` (spec §3 dispatch summary). */
const ROUTES: Readonly<Record<string, Handler>> = {
  'POST flowInstances cancel': cancel,
  'POST directories create': createDirectory,
  'GET flows delete': deleteFlow,
  'POST flows disable': (ctx) => setActive(ctx, 0),
  'POST flows enable': (ctx) => setActive(ctx, 1),
  'GET flows export': (ctx) => exportFlow(ctx.state, findFlowForRead(ctx)),
  'GET time getCurrentTime': (ctx) => ctx.now,
  'GET flows get': (ctx) => flowView(ctx, findFlowForRead(ctx), false),
  'GET flowInstances get': getInstance,
  'GET flows getMyFlow': getMyFlow,
  'GET taskInstances get': getTaskInstance,
  'GET taskInstances getLog': getTaskLog,
  'GET time getTimeZone': (ctx) => ({ timezone: ctx.state.zone.name }),
  'POST flows import': importFlow,
  'POST flowInstances search': listInstances,
  'GET directories listWorkFlowDirs': listWorkflowDirectories,
  'GET flows loadForEdit': (ctx) => flowView(ctx, findFlowForRead(ctx), true),
  'POST flows save': saveFlow,
  'POST flows search': searchFlow,
  'POST flows trigger': (ctx) => trigger(ctx, 'all'),
  'POST flows triggerFromTask': (ctx) => trigger(ctx, 'fromTask'),
  'POST flows updateAndTrigger': (ctx) => trigger(ctx, 'withParameters'),
};

/** Gateway texts (spec §1.6.3). */
const GATEWAY_TEXT: Readonly<Record<number, string>> = {
  401: 'Invalid authentication credentials',
  429: 'API rate limit exceeded',
  500: 'An unexpected error occurred',
  503: 'Service unavailable',
};

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const envelope = (code: number, msg: string, data: unknown): unknown => ({
  code,
  msg,
  requestId: randomUUID(),
  data,
});

/**
 * Start the EnOS Batch Processing API emulator: a stateful in-memory HTTP server following
 * the EnOS API specification (token service, signatures, envelope, error codes, directories, flows in
 * graph and portable form, instances on a simulated clock). It records and simulates; it never
 * executes task code.
 */
export async function startEnosEmulator(options: EnosEmulatorOptions = {}): Promise<EnosEmulator> {
  const state = new EmulatorState(options);
  const clock = options.clock ?? createManualClock(Date.now());
  const faults = new Faults();
  if (options.faults) faults.set(options.faults);
  const authMode = options.auth ?? 'strict';
  const unsubscribe = clock.onAdvance(() => advanceInstances(state, clock.now()));

  const stats = { connections: 0, requests: 0 };
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    stats.requests++;
    if (faults.takeReset()) {
      req.socket.destroy();
      return;
    }
    const rawBody = await readBody(req);
    if (faults.slowMs > 0) await new Promise((r) => setTimeout(r, faults.slowMs));
    const url = new URL(req.url ?? '/', 'http://emulator');
    const now = clock.now();
    const parseJson = (): Record<string, unknown> | undefined => {
      if (rawBody.trim() === '') return {};
      try {
        const v: unknown = JSON.parse(rawBody);
        return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    };

    const tokenMatch = /^\/apim-token-service\/v2\.0\/token\/(get|refresh)$/.exec(url.pathname);
    if (tokenMatch && req.method === 'POST') {
      const body = parseJson();
      if (!body) return send(res, 400, { message: 'Cannot process request body' });
      return send(res, 200, tokenService(state, now, body, tokenMatch[1] === 'refresh'));
    }
    if (!url.pathname.startsWith(SERVICE_PREFIX))
      return send(res, 404, { message: 'no Route matched with those values' });

    const faultStatus = faults.takeStatus();
    if (faultStatus) return send(res, faultStatus, { message: GATEWAY_TEXT[faultStatus] });
    const header = (name: string): string | undefined => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const authProblem = checkSignature(
      state,
      now,
      authMode,
      {
        token: header('apim-accesstoken'),
        signature: header('apim-signature'),
        timestamp: header('apim-timestamp'),
      },
      url.searchParams,
      rawBody,
    );
    if (authProblem) return send(res, 401, { message: authProblem, apim_status: 4011 });

    const resource = url.pathname.slice(SERVICE_PREFIX.length);
    const action = url.searchParams.get('action');
    if (!action) return send(res, 200, envelope(99400, 'Invalid Argument action:action is missing', null));
    const route = ROUTES[`${req.method} ${resource} ${action}`];
    if (!route)
      return send(res, 200, envelope(99400, `Invalid Argument action:${action} is not supported`, null));
    const body = req.method === 'POST' ? parseJson() : {};
    if (!body) return send(res, 200, envelope(62102, MSG.invalidBody, null));

    const orgId = url.searchParams.get('orgId');
    const userId = url.searchParams.get('userId');
    const user = userId ? state.users.get(userId) : undefined;
    const isTime = resource === 'time';
    if (!isTime && (!user || user.orgId !== orgId)) return send(res, 200, envelope(62101, MSG.badUser, null));

    advanceInstances(state, now);
    try {
      const ctx: RequestContext = {
        state,
        now,
        user: user ?? { userId: '', orgId: '', name: '' },
        query: url.searchParams,
        body,
      };
      return send(res, 200, envelope(0, 'OK', route(ctx)));
    } catch (e) {
      if (e instanceof ApiFailure) return send(res, 200, envelope(e.code, e.message, null));
      return send(res, 200, envelope(62109, MSG.internal, null));
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { message: GATEWAY_TEXT[500] });
    });
  });
  server.on('connection', () => stats.connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
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
