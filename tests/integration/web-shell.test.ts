import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebShell, type WebShell } from '../../src/main/server';
import { createServices } from '../../src/main/services';
import { BrowserNativeHost } from '../../src/main/services/native-host/browser-native-host';
import { JsonFileStore } from '../../src/main/services/settings/json-file-store';
import { exposeServices } from '../../src/main/transport/expose-services';

let dir: string;
let shell: WebShell;
let services: ReturnType<typeof createServices>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bdp-web-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>BDP</title>');
  services = createServices({
    userDataDir: path.join(dir, 'user'),
    sampleWorkspaceDir: path.join(dir, 'none'),
    store: new JsonFileStore(path.join(dir, 'user', 'settings.json')),
    nativeHost: new BrowserNativeHost('test'),
    appVersion: 'test',
  });
  shell = await startWebShell({ exposed: exposeServices(services), rendererDir });
});

afterAll(async () => {
  await shell.close();
  await services.dispose();
  await rm(dir, { recursive: true, force: true });
});

function get(
  pathname: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/rpc`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(
  ws: WebSocket,
  ch: string,
  args?: unknown,
): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const msg = JSON.parse(data.toString());
      if (msg.t === 'res' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'req', id, ch, args }));
  });
}

describe('web shell security', () => {
  it('a port in use is one clear error, and the server is not left half-started', async () => {
    await expect(
      startWebShell({ exposed: exposeServices(services), rendererDir: dir, port: shell.port }),
    ).rejects.toThrow(`port ${shell.port} on 127.0.0.1 is in use: pick another with --port`);
    expect((await get('/')).status).toBe(401);
  });

  it('binds to loopback only', async () => {
    await expect(
      startWebShell({ exposed: exposeServices(services), rendererDir: dir, host: '0.0.0.0' }),
    ).rejects.toThrow(/loopback/);
  });

  it('refuses HTTP requests without the token, or with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=nope')).status).toBe(401);
    expect((await get('/', { Cookie: 'bdp_token=nope' })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite cookie and serves the app with it', async () => {
    const first = await get(`/?token=${shell.token}`);
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/');
    expect(String(first.headers['set-cookie'])).toMatch(/bdp_token=.*HttpOnly; SameSite=Strict/);
    const page = await get('/', { Cookie: `bdp_token=${shell.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>BDP</title>');
  });

  it('refuses a foreign Origin or Host even with the token', async () => {
    const cookie = `bdp_token=${shell.token}`;
    expect((await get('/', { Cookie: cookie, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/', { Cookie: cookie, Host: 'evil.example' })).status).toBe(403);
    await expect(connect({ Cookie: cookie, Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect({ Cookie: cookie, Origin: `http://127.0.0.1:${shell.port + 1}` })).rejects.toThrow(
      /403/,
    );
  });

  it('refuses a WebSocket without the token', async () => {
    await expect(connect({ Origin: `http://127.0.0.1:${shell.port}` })).rejects.toThrow(/403/);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await get('/..%2fuser%2fsettings.json', { Cookie: `bdp_token=${shell.token}` });
    expect(r.status).toBe(404);
  });

  it('answers contract calls, validates arguments and rejects unknown channels', async () => {
    const ws = await connect({
      Cookie: `bdp_token=${shell.token}`,
      Origin: `http://127.0.0.1:${shell.port}`,
    });
    expect(await call(ws, 'workspace.current')).toEqual({
      t: 'res',
      id: expect.any(Number),
      ok: true,
      result: null,
    });
    const bad = await call(ws, 'workspace.readFile', { path: 42 });
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBe('INVALID_ARGUMENT');
    const unknown = await call(ws, 'child_process.exec', { cmd: 'id' });
    expect(unknown.error?.code).toBe('UNKNOWN_CHANNEL');
    const noWorkspace = await call(ws, 'workspace.tree');
    expect(noWorkspace.error?.code).toBe('NO_WORKSPACE');
    ws.close();
  });
});
