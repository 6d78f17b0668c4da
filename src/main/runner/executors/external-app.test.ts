import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appSchema, type Task, type Workflow } from '../../../shared/model';
import { substituteVariables } from '../../../shared/variables';
import type { TaskOutcome, TaskRunContext } from '../task-executor';
import { ExternalAppTaskExecutor, judgeResponse, maskBody, maskHeaders, readJsonPath } from './external-app';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let seen: Seen[];
let handler: (req: Seen, res: ServerResponse) => void;

beforeEach(async () => {
  seen = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(s);
      handler(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function runApp(
  app: Record<string, unknown>,
  stopAfterMs?: number,
  mode?: 'record',
): Promise<{ outcome: TaskOutcome; log: string }> {
  const parsed = appSchema.parse({ domain: base, ...app });
  const task = {
    name: 'notify',
    type: 'EXTERNAL_APP',
    app: parsed,
    config: {},
    parameters: {},
  } as unknown as Task;
  let log = '';
  const ctx: TaskRunContext = {
    task,
    workflow: { parameters: {} } as unknown as Workflow,
    instanceId: 'wf-20261124023000',
    taskInstId: 'notify-20261124023000',
    runNum: 1,
    workspaceRoot: '/',
    instanceDir: '/',
    workDir: () => Promise.reject(new Error('no working directory for this task type')),
    externalApp: mode,
    env: {},
    substitute: (text) =>
      substituteVariables(text, {
        workflowParameters: { region: 'cn1' },
        context: {
          triggerTime: '2026-11-24 02:30:00',
          utcOffsetMinutes: 480,
          instanceId: 'wf-20261124023000',
        },
      }),
    onOutput: (_s, t) => (log += t),
  };
  const prepared = await new ExternalAppTaskExecutor({ secondMs: 20, requestTimeoutMs: 2000 }).prepare(ctx);
  const exec = prepared.start();
  if (stopAfterMs !== undefined) setTimeout(() => void exec.cancel(), stopAfterMs);
  return { outcome: await exec.done, log };
}

describe('External APP', () => {
  it('POSTs the substituted body to domain + command; 200 is success', async () => {
    handler = (_r, res) => json(res, 200, { code: 0 });
    const { outcome, log } = await runApp({
      command: '/notify',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"date":"${cal_dt}","region":"${region}"}',
      success: { status: 200 },
    });
    expect(outcome.success).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/notify',
      body: '{"date":"2026-11-23","region":"cn1"}',
    });
    expect(log).toContain(`> POST ${base}/notify`);
    expect(log).toMatch(/< 200 OK \(\d+ ms\)/);
  });

  it('record mode logs the request, secrets masked, sends nothing and succeeds', async () => {
    handler = (_r, res) => json(res, 500, {});
    const { outcome, log } = await runApp(
      {
        command: '/notify',
        method: 'POST',
        headers: { Authorization: 'Bearer s3cret' },
        body: '{"date":"${cal_dt}","token":"t0k"}',
        poll: { url: '/status', intervalSeconds: 5, limit: 3 },
      },
      undefined,
      'record',
    );
    expect(outcome.success).toBe(true);
    expect(seen).toHaveLength(0);
    expect(log).toContain(`> POST ${base}/notify`);
    expect(log).toContain('> Authorization: ***');
    expect(log).toContain('"date":"2026-11-23"');
    expect(log).not.toContain('s3cret');
    expect(log).not.toContain('t0k');
    expect(log).toContain(`then GET ${base}/status every 5 s, at most 3 times`);
    expect(log).toContain('recorded, not sent');
  });

  it('fails on a status other than the success status, and on a jsonPath mismatch', async () => {
    handler = (_r, res) => json(res, 500, { error: 'boom' });
    const a = await runApp({ command: '/x', success: { status: 200 } });
    expect(a.outcome).toMatchObject({
      success: false,
      message: 'the call did not succeed: HTTP 500, expected 200',
    });
    handler = (_r, res) => json(res, 200, { result: { code: '7' } });
    const b = await runApp({ command: '/x', success: { jsonPath: '$.result.code', equals: '0' } });
    expect(b.outcome.message).toBe('the call did not succeed: $.result.code = 7, expected 0');
  });

  it('polls until the success rule holds', async () => {
    let polls = 0;
    handler = (r, res) => {
      if (r.url.startsWith('/status/')) return json(res, 200, { state: ++polls >= 3 ? 'DONE' : 'RUNNING' });
      json(res, 202, { accepted: true });
    };
    const { outcome, log } = await runApp({
      command: '/jobs',
      method: 'POST',
      success: { jsonPath: '$.state', equals: 'DONE' },
      poll: { url: '/status/${instance_id}', intervalSeconds: 1, limit: 5 },
    });
    expect(outcome.success).toBe(true);
    expect(seen.map((s) => s.url)).toEqual([
      '/jobs',
      '/status/wf-20261124023000',
      '/status/wf-20261124023000',
      '/status/wf-20261124023000',
    ]);
    expect(log).toContain('poll 3 of 5');
  });

  it('fails when the poll limit is reached', async () => {
    handler = (r, res) => json(res, 200, { state: 'RUNNING' });
    const { outcome } = await runApp({
      command: '/jobs',
      success: { jsonPath: '$.state', equals: 'DONE' },
      poll: { url: '/status', intervalSeconds: 1, limit: 3 },
    });
    expect(outcome).toMatchObject({
      success: false,
      message: 'not done after 3 polls every 1 s (last: $.state = RUNNING, expected DONE)',
    });
    expect(seen).toHaveLength(4);
  });

  it('masks secrets in the log but sends them', async () => {
    handler = (_r, res) => json(res, 200, { token: 'tok-123', ok: true });
    const { log } = await runApp({
      command: '/login',
      method: 'POST',
      headers: { Authorization: 'Bearer s3cr3t', 'X-Api-Token': 'abc', Accept: 'application/json' },
      body: '{"user":"etl","password":"hunter2","nested":{"client_secret":"x"}}',
    });
    expect(seen[0].headers.authorization).toBe('Bearer s3cr3t');
    expect(log).not.toMatch(/s3cr3t|hunter2|tok-123|"x"|: abc/);
    expect(log).toContain('> Authorization: ***');
    expect(log).toContain('"password":"***"');
    expect(log).toContain('> Accept: application/json');
  });

  it('stop cancels a poll loop', async () => {
    handler = (_r, res) => json(res, 200, { state: 'RUNNING' });
    const started = Date.now();
    const { outcome } = await runApp(
      {
        command: '/jobs',
        success: { jsonPath: '$.state', equals: 'DONE' },
        poll: { url: '/s', intervalSeconds: 50, limit: 100 },
      },
      100,
    );
    expect(outcome).toMatchObject({ success: false, message: 'stopped' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('helpers: jsonPath, masking, judging', () => {
    expect(readJsonPath({ a: [{ b: 1 }] }, '$.a[0].b')).toBe(1);
    expect(maskHeaders({ cookie: 'x', 'content-type': 'a' })).toEqual({ cookie: '***', 'content-type': 'a' });
    expect(maskBody('user=a&password=b&x=1')).toBe('user=a&password=***&x=1');
    expect(judgeResponse(undefined, 204, '').success).toBe(true);
  });
});
