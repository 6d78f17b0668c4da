import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { AppConfig, ExternalAppTask } from '../../../shared/model';
import type {
  PreparedTask,
  TaskExecution,
  TaskExecutor,
  TaskOutcome,
  TaskRunContext,
} from '../task-executor';

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|credential|cookie/i;
const MASK = '***';
/** How much of a response body goes into the log. */
const BODY_LOG_LIMIT = 4096;

/** Headers with secret-looking names (`Authorization`, `X-Api-Token`, `Cookie` ...) masked. */
export function maskHeaders(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_KEY.test(k) ? MASK : String(v);
  return out;
}

function maskJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskJson);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        k,
        SECRET_KEY.test(k) && (typeof x !== 'object' || x === null) ? MASK : maskJson(x),
      ]),
    );
  }
  return v;
}

/** A body for the log: JSON with `password`/`secret`/`token`... fields masked, or text with `key=value` secrets masked. */
export function maskBody(body: string): string {
  try {
    return JSON.stringify(maskJson(JSON.parse(body)));
  } catch {
    return body.replace(
      /((?:pass(?:word)?|secret|token|api[-_]?key)[^=&:\s"]*\s*[=:]\s*)([^&\s"]+)/gi,
      `$1${MASK}`,
    );
  }
}

/** Reads `$.a.b[0].c` (a dotted path with optional `[n]` indexes) from a parsed JSON value. */
export function readJsonPath(value: unknown, path: string): unknown {
  const p = path.trim().replace(/^\$\.?/, '');
  if (p === '') return value;
  let cur: unknown = value;
  for (const part of p.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (cur === null || cur === undefined) return undefined;
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part.replace(/^['"]|['"]$/g, '');
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** The verdict on one response under the success rule. */
export interface ResponseVerdict {
  /** The HTTP status matches (`success.status`, or any 2xx). */
  statusOk: boolean;
  /** The status matches and the jsonPath value (if any) equals `success.equals`. */
  success: boolean;
  /** Why not, for the log. */
  detail: string;
}

/** Applies `app.success` to a response. */
export function judgeResponse(success: AppConfig['success'], status: number, body: string): ResponseVerdict {
  const statusOk = success?.status !== undefined ? status === success.status : status >= 200 && status < 300;
  if (!statusOk)
    return { statusOk, success: false, detail: `HTTP ${status}, expected ${success?.status ?? '2xx'}` };
  if (!success?.jsonPath) return { statusOk, success: true, detail: `HTTP ${status}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { statusOk, success: false, detail: `the response is not JSON, cannot read ${success.jsonPath}` };
  }
  const actual = readJsonPath(parsed, success.jsonPath);
  const want = success.equals === undefined ? undefined : String(success.equals);
  const got =
    actual === undefined || actual === null
      ? String(actual)
      : typeof actual === 'object'
        ? JSON.stringify(actual)
        : String(actual);
  const ok = want === undefined ? actual !== undefined && actual !== null : got === want;
  return {
    statusOk,
    success: ok,
    detail: `${success.jsonPath} = ${got}${want !== undefined ? `, expected ${want}` : ''}`,
  };
}

/** Options of the External APP executor. */
export interface ExternalAppOptions {
  /** Per-request timeout (default 30 s); the task's own timeout still applies to the whole call. */
  requestTimeoutMs?: number;
  /** Injected axios instance (tests). */
  http?: AxiosInstance;
  /** Length of a poll-interval second in ms (default 1000; tests shorten it). */
  secondMs?: number;
}

function joinUrl(domain: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  if (!path) return domain;
  return `${domain.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function bodyText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data === undefined || data === null) return '';
  return Buffer.isBuffer(data) ? data.toString('utf8') : JSON.stringify(data);
}

/**
 * EXTERNAL_APP: an HTTP request to `app.domain + app.command` with the configured method, headers
 * and body (placeholders substituted); success per `app.success`; with `app.poll`, a GET of
 * `poll.url` every `intervalSeconds` until the success rule holds, at most `limit` times
 * (protocol in docs/decisions.md `## External APP`). Secrets are masked in the log; stop aborts.
 */
export class ExternalAppTaskExecutor implements TaskExecutor {
  private readonly http: AxiosInstance;

  constructor(private readonly options: ExternalAppOptions = {}) {
    this.http = options.http ?? axios.create();
  }

  async prepare(ctx: TaskRunContext): Promise<PreparedTask> {
    const app = (ctx.task as ExternalAppTask).app;
    const unresolved = new Set<string>();
    const sub = (s: string): string => {
      const r = ctx.substitute(s);
      r.unresolved.forEach((u) => unresolved.add(u));
      return r.text;
    };
    const domain = sub(app.domain);
    const url = joinUrl(domain, sub(app.command));
    const headers = Object.fromEntries(Object.entries(app.headers).map(([k, v]) => [k, sub(String(v))]));
    const body = app.body !== undefined ? sub(app.body) : undefined;
    const pollUrl = app.poll ? joinUrl(domain, sub(app.poll.url)) : undefined;
    return {
      commandLine: `${app.method} ${url}`,
      unresolved: [...unresolved],
      start: (): TaskExecution => {
        const abort = new AbortController();
        const done = this.run(ctx, app, { url, headers, body, pollUrl }, abort.signal);
        return {
          done,
          cancel: async (): Promise<void> => {
            abort.abort();
            await done;
          },
        };
      },
    };
  }

  private async run(
    ctx: TaskRunContext,
    app: AppConfig,
    req: { url: string; headers: Record<string, string>; body?: string; pollUrl?: string },
    signal: AbortSignal,
  ): Promise<TaskOutcome> {
    const log = (line: string): void => ctx.onOutput('stdout', `${line}\n`);
    const fail = (message: string): TaskOutcome => {
      ctx.onOutput('stderr', `${message}\n`);
      return { success: false, message };
    };
    if (ctx.externalApp === 'record') {
      log(`> ${app.method} ${req.url}`);
      for (const [k, v] of Object.entries(maskHeaders(req.headers))) log(`> ${k}: ${v}`);
      if (req.body !== undefined) log(`> ${maskBody(req.body)}`);
      if (req.pollUrl)
        log(
          `> then GET ${req.pollUrl} every ${app.poll!.intervalSeconds} s, at most ${app.poll!.limit} times`,
        );
      log(
        '[bdp] recorded, not sent: this pre-run records External APP calls (Pre-run dialog, or bdp.yaml prerun.externalApp); the published task sends it',
      );
      return { success: true };
    }
    try {
      const first = await this.send(app.method, req.url, req.headers, req.body, signal, log);
      const verdict = judgeResponse(app.success, first.status, bodyText(first.data));
      if (!app.poll || !req.pollUrl)
        return verdict.success ? { success: true } : fail(`the call did not succeed: ${verdict.detail}`);
      if (!verdict.statusOk) return fail(`the call did not succeed: ${verdict.detail}`);
      const { intervalSeconds, limit } = app.poll;
      let last = '';
      for (let i = 1; i <= limit; i++) {
        if (!(await sleep(intervalSeconds * (this.options.secondMs ?? 1000), signal))) return fail('stopped');
        log(`poll ${i} of ${limit}`);
        const r = await this.send('GET', req.pollUrl, req.headers, undefined, signal, log);
        const v = judgeResponse(app.success, r.status, bodyText(r.data));
        if (v.success) return { success: true };
        if (!v.statusOk) return fail(`poll ${i} failed: ${v.detail}`);
        last = v.detail;
      }
      return fail(`not done after ${limit} polls every ${intervalSeconds} s (last: ${last})`);
    } catch (error) {
      if (signal.aborted) return fail('stopped');
      return fail(`request failed: ${describeError(error)}`);
    }
  }

  private async send(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
    log: (l: string) => void,
  ): Promise<AxiosResponse> {
    log(`> ${method} ${url}`);
    for (const [k, v] of Object.entries(maskHeaders(headers))) log(`> ${k}: ${v}`);
    if (body !== undefined) log(`> ${maskBody(body)}`);
    const started = Date.now();
    const res = await this.http.request({
      method,
      url,
      headers,
      data: body,
      signal,
      timeout: this.options.requestTimeoutMs ?? 30_000,
      responseType: 'text',
      transformResponse: [(d: unknown): unknown => d],
      validateStatus: () => true,
      maxRedirects: 5,
      proxy: false,
    });
    log(`< ${res.status} ${res.statusText ?? ''} (${Date.now() - started} ms)`.replace(/\s+\(/, ' ('));
    const text = bodyText(res.data);
    if (text) log(`< ${truncate(maskBody(text))}`);
    return res;
  }
}

function truncate(s: string): string {
  return s.length > BODY_LOG_LIMIT ? `${s.slice(0, BODY_LOG_LIMIT)} ... (${s.length} characters)` : s;
}

function describeError(error: unknown): string {
  if (axios.isAxiosError(error)) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') return `timed out (${error.message})`;
    return `${error.code ?? 'error'}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Resolves true after `ms`, false when aborted first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
