import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { ClientMessage } from '../../shared/rpc/protocol';
import { AppError } from '../../shared/rpc/errors';
import { WsTransport, defaultBackoff, rpcUrl } from './ws-transport';

interface TestServer {
  wss: WebSocketServer;
  url: string;
  port: number;
  sockets: ServerSocket[];
  received: ClientMessage[];
  /** How the server answers a request; default echoes `{ok:true,result:{ch,args}}`. */
  handler: (m: ClientMessage, socket: ServerSocket) => void;
}

const servers: TestServer[] = [];
const transports: WsTransport[] = [];

function startServer(port = 0): Promise<TestServer> {
  return new Promise((resolve) => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port });
    const s: TestServer = {
      wss,
      url: '',
      port: 0,
      sockets: [],
      received: [],
      handler: (m, socket) =>
        socket.send(JSON.stringify({ t: 'res', id: m.id, ok: true, result: { ch: m.ch, args: m.args } })),
    };
    wss.on('connection', (socket) => {
      s.sockets.push(socket);
      socket.on('message', (data) => {
        const m = JSON.parse(String(data)) as ClientMessage;
        s.received.push(m);
        s.handler(m, socket);
      });
    });
    wss.on('listening', () => {
      s.port = (wss.address() as { port: number }).port;
      s.url = `ws://127.0.0.1:${s.port}/rpc`;
      servers.push(s);
      resolve(s);
    });
  });
}

function stopServer(s: TestServer): Promise<void> {
  for (const socket of s.sockets) socket.terminate();
  return new Promise((r) => s.wss.close(() => r()));
}

function transport(url: string, backoff = () => 20): WsTransport {
  const t = new WsTransport({ url, backoff, queueTimeoutMs: 2000 });
  transports.push(t);
  return t;
}

const until = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

afterEach(async () => {
  transports.splice(0).forEach((t) => t.dispose());
  await Promise.all(servers.splice(0).map(stopServer));
});

describe('WsTransport', () => {
  it('sends requests as JSON envelopes and resolves with the result', async () => {
    const server = await startServer();
    const t = transport(server.url);
    await expect(t.invoke('workspace.readFile', { path: 'a.txt' })).resolves.toEqual({
      ch: 'workspace.readFile',
      args: { path: 'a.txt' },
    });
    expect(server.received[0]).toMatchObject({ t: 'req', ch: 'workspace.readFile', args: { path: 'a.txt' } });
    expect(t.getState()).toBe('connected');
  });

  it('matches out-of-order responses to their calls by id', async () => {
    const server = await startServer();
    const held: ClientMessage[] = [];
    server.handler = (m, socket) => {
      held.push(m);
      if (held.length === 2) {
        for (const h of [...held].reverse())
          socket.send(JSON.stringify({ t: 'res', id: h.id, ok: true, result: h.ch }));
      }
    };
    const t = transport(server.url);
    const [a, b] = await Promise.all([t.invoke('x.a', undefined), t.invoke('x.b', undefined)]);
    expect([a, b]).toEqual(['x.a', 'x.b']);
  });

  it('rejects with an AppError carrying the service error code', async () => {
    const server = await startServer();
    server.handler = (m, socket) =>
      socket.send(
        JSON.stringify({
          t: 'res',
          id: m.id,
          ok: false,
          error: { name: 'AppError', message: 'no such file', code: 'NOT_FOUND' },
        }),
      );
    const t = transport(server.url);
    const error = await t.invoke('workspace.readFile', { path: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'no such file' });
  });

  it('dispatches events to the listeners of their channel until disposed', async () => {
    const server = await startServer();
    const t = transport(server.url);
    const got: unknown[] = [];
    const off = t.on('workspace.onDidChangeProblems', (p) => got.push(p));
    t.on('workspace.onDidChangeFiles', () => got.push('wrong'));
    await t.invoke('ping', undefined);
    server.sockets[0].send(JSON.stringify({ t: 'evt', ch: 'workspace.onDidChangeProblems', payload: [1] }));
    await until(() => got.length === 1);
    off();
    server.sockets[0].send(JSON.stringify({ t: 'evt', ch: 'workspace.onDidChangeProblems', payload: [2] }));
    await t.invoke('ping', undefined);
    expect(got).toEqual([[1]]);
  });

  it('ignores frames that are not JSON and responses to unknown ids', async () => {
    const server = await startServer();
    const t = transport(server.url);
    await t.invoke('ping', undefined);
    server.sockets[0].send('not json');
    server.sockets[0].send(JSON.stringify({ t: 'res', id: 999, ok: true, result: 1 }));
    await expect(t.invoke('ping', undefined)).resolves.toBeTruthy();
  });

  it('queues calls made before the socket opens', async () => {
    const server = await startServer();
    const t = transport(server.url);
    expect(t.getState()).toBe('connecting');
    const p = t.invoke('early', 1);
    await expect(p).resolves.toEqual({ ch: 'early', args: 1 });
  });

  it('rejects calls in flight when the connection drops, reports reconnecting, and reconnects', async () => {
    const server = await startServer();
    server.handler = () => {}; // never answers
    const t = transport(server.url);
    const states: string[] = [];
    t.onDidChangeState((s) => states.push(s));
    let reconnects = 0;
    t.onDidReconnect(() => reconnects++);
    const inFlight = t.invoke('slow', undefined);
    await until(() => server.received.length === 1);
    server.sockets[0].terminate();
    await expect(inFlight).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await until(() => states.includes('reconnecting'));
    await until(() => t.getState() === 'connected');
    expect(reconnects).toBe(1);
    server.handler = (m, socket) =>
      socket.send(JSON.stringify({ t: 'res', id: m.id, ok: true, result: 'back' }));
    await expect(t.invoke('again', undefined)).resolves.toBe('back');
  });

  it('holds calls made while disconnected and sends them once the server is back', async () => {
    const server = await startServer();
    const port = server.port;
    const t = transport(server.url);
    await t.invoke('ping', undefined);
    await stopServer(server);
    servers.splice(servers.indexOf(server), 1);
    await until(() => t.getState() === 'reconnecting');
    const pending = t.invoke('while-down', 7);
    await startServer(port);
    await expect(pending).resolves.toEqual({ ch: 'while-down', args: 7 });
  });

  it('fails queued calls after the queue timeout', async () => {
    const t = new WsTransport({ url: 'ws://127.0.0.1:9/rpc', backoff: () => 50, queueTimeoutMs: 100 });
    transports.push(t);
    await expect(t.invoke('never', undefined)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('helpers', () => {
  it('derives the RPC URL from the page location', () => {
    expect(rpcUrl({ protocol: 'http:', host: '127.0.0.1:4000' })).toBe('ws://127.0.0.1:4000/rpc');
    expect(rpcUrl({ protocol: 'https:', host: 'x' })).toBe('wss://x/rpc');
  });

  it('backs off exponentially up to a cap', () => {
    expect([0, 1, 2, 3, 4, 10].map(defaultBackoff)).toEqual([250, 500, 1000, 2000, 4000, 4000]);
  });
});
