import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/shared/seeded-random';
import WebSocket from 'ws';

// `bdp serve`'s HTTP and WebSocket surface attacked from this process; the server runs in its own.
let dir: string;
let server: ChildProcess;
let port: number;
let token: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bdp-fuzz-'));
  const renderer = path.join(dir, 'renderer');
  await mkdir(renderer);
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>BDP</title>');
  const bundle = path.join(dir, 'server.cjs');
  await build({
    entryPoints: [path.join(__dirname, '..', 'support', 'web-shell-process.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    logLevel: 'error',
    external: ['@duckdb/*', 'pg', 'mysql2'],
  });
  server = spawn(process.execPath, [bundle, path.join(dir, 'user'), renderer], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /URL (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const u = new URL(url);
  port = Number(u.port);
  token = u.searchParams.get('token')!;
}, 60_000);

afterAll(async () => {
  server.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Sends raw bytes, returns what came back (or '' when the server closed without a word) within `waitMs`. */
function raw(bytes: Buffer | string, waitMs = 1000): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let out = '';
    const done = (): void => {
      s.destroy();
      resolve(out);
    };
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('error', done);
    s.on('close', done);
    s.setTimeout(waitMs, done);
    s.write(bytes);
  });
}

const host = (): string => `127.0.0.1:${port}`;
const alive = async (): Promise<boolean> =>
  server.exitCode === null &&
  (await raw(`GET /?token=${token} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`)).startsWith(
    'HTTP/1.1 302',
  );

function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${host()}/rpc`, {
      headers: { cookie: `bdp_token=${encodeURIComponent(token)}`, origin: `http://${host()}` },
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** An upgraded socket with the token, for writing frames by hand. */
async function upgraded(): Promise<net.Socket> {
  const s = net.connect(port, '127.0.0.1');
  await new Promise((r) => s.once('connect', r));
  s.on('error', () => undefined);
  s.write(
    `GET /rpc HTTP/1.1\r\nHost: ${host()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nCookie: bdp_token=${encodeURIComponent(token)}\r\n\r\n`,
  );
  await new Promise((r) => s.once('data', r));
  return s;
}

/** A masked client frame; `declared` lies about the length when given. */
function frame(opcode: number, payload: Buffer, declared?: number): Buffer {
  const len = declared ?? payload.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, 0x80 | len])
      : len < 65536
        ? Buffer.from([0x80 | opcode, 0x80 | 126, len >> 8, len & 255])
        : Buffer.concat([
            Buffer.from([0x80 | opcode, 0x80 | 127]),
            (() => {
              const b = Buffer.alloc(8);
              b.writeBigUInt64BE(BigInt(len));
              return b;
            })(),
          ]);
  return Buffer.concat([head, Buffer.alloc(4), payload]); // mask 0: payload as is
}

describe('web shell under attack (a separate bdp serve process)', () => {
  it('a malformed token cookie on the upgrade or a page is refused, not fatal', async () => {
    expect(
      await raw(
        `GET /rpc HTTP/1.1\r\nHost: ${host()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\nCookie: bdp_token=%E0%A4%A\r\n\r\n`,
      ),
    ).toMatch(/^HTTP\/1\.1 403/);
    expect(
      await raw(
        `GET / HTTP/1.1\r\nHost: ${host()}\r\nCookie: bdp_token=%E0%A4%A\r\nConnection: close\r\n\r\n`,
      ),
    ).toMatch(/^HTTP\/1\.1 401/);
    expect(await alive()).toBe(true);
  });

  it('bad percent-encoding in a path answers 400', async () => {
    expect(
      await raw(
        `GET /%E0%A4%A HTTP/1.1\r\nHost: ${host()}\r\nCookie: bdp_token=${encodeURIComponent(token)}\r\nConnection: close\r\n\r\n`,
      ),
    ).toMatch(/^HTTP\/1\.1 400/);
    expect(await alive()).toBe(true);
  });

  it('WebSocket protocol errors close that socket only: oversize frame, invalid UTF-8, bad opcode, garbage', async () => {
    for (const bytes of [
      frame(1, Buffer.alloc(0), 65 * 1024 * 1024),
      frame(1, Buffer.from([0xff, 0xfe, 0xc3, 0x28])),
      frame(3, Buffer.from('x')),
      Buffer.from('\x00\x01garbage'),
    ]) {
      const s = await upgraded();
      s.write(bytes);
      await new Promise((r) => setTimeout(r, 100));
      s.destroy();
    }
    expect(await alive()).toBe(true);
    const ws = await openSocket();
    const answer = new Promise<string>((r) => ws.once('message', (d) => r(d.toString())));
    ws.send(JSON.stringify({ t: 'req', id: 1, ch: 'settings.get', args: {} }));
    expect(JSON.parse(await answer)).toMatchObject({ t: 'res', id: 1 });
    ws.close();
  });

  it('survives 1,000 mutated requests and messages (seed 7)', async () => {
    const rand = seededRandom(7);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const junk = (n: number): Buffer =>
      Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
    const ws = await openSocket();
    ws.on('error', () => undefined);
    const seeds = [
      `GET / HTTP/1.1\r\nHost: ${host()}\r\nCookie: bdp_token=${encodeURIComponent(token)}\r\n\r\n`,
      `GET /rpc HTTP/1.1\r\nHost: ${host()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nCookie: bdp_token=${encodeURIComponent(token)}\r\n\r\n`,
      `POST /x?token=${token} HTTP/1.1\r\nHost: ${host()}\r\nContent-Length: 5\r\n\r\nhello`,
    ];
    for (let i = 0; i < 500; i++) {
      const base = Buffer.from(pick(seeds));
      const k = Math.floor(rand() * 6);
      for (let j = 0; j < k; j++) base[Math.floor(rand() * base.length)] = Math.floor(rand() * 256);
      await raw(rand() < 0.2 ? Buffer.concat([base, junk(Math.floor(rand() * 300))]) : base, 30);
    }
    const messages = [
      () => junk(Math.floor(rand() * 200)).toString('latin1'),
      () => '['.repeat(100_000),
      () =>
        JSON.stringify({
          t: 'req',
          id: Math.floor(rand() * 1e6),
          ch: pick([
            'settings.get',
            'workspace.readFile',
            'runner.start',
            'nope',
            '__proto__',
            'constructor',
          ]),
          args: pick([
            null,
            1,
            'x',
            [],
            { path: '../../etc/passwd' },
            { workflow: {} },
            { ['__proto__']: { polluted: true } },
          ]),
        }),
      () => JSON.stringify({ t: 'req', id: 'x', ch: 5 }),
    ];
    for (let i = 0; i < 500; i++) ws.send(pick(messages)());
    await new Promise((r) => setTimeout(r, 500));
    ws.close();
    expect(await alive()).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);
});
