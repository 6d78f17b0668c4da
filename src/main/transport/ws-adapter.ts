import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientMessage, ServerMessage } from '../../shared/rpc/protocol';
import type { ExposedServices } from './expose-services';
import { isAllowedOrigin, requestUrl, tokenSource } from './web-auth';

export const RPC_PATH = '/rpc';
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Serves the exposed services as JSON-RPC over one WebSocket per window, token- and origin-guarded. */
export function attachWebSocketRpc(
  server: Server,
  exposed: ExposedServices,
  opts: { token: string; port: () => number },
): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sockets = new Set<WebSocket>();
  wss.on('error', () => undefined);

  // Nothing a client sends may take the server down: every socket has an error listener, and a
  // protocol error (an oversize frame, a text frame that is not UTF-8) closes that socket only.
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = requestUrl(req)?.pathname;
    if (path !== RPC_PATH || !tokenSource(req, opts.token) || !isAllowedOrigin(req, opts.port())) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('error', () => ws.terminate());
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void handle(ws, data.toString()).catch(() => undefined));
    });
  });

  const send = (ws: WebSocket, msg: ServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };

  async function handle(ws: WebSocket, raw: string): Promise<void> {
    let msg: ClientMessage;
    try {
      msg = JSON.parse(raw) as ClientMessage;
    } catch {
      return; // not JSON: nothing to answer to
    }
    if (msg?.t !== 'req' || typeof msg.id !== 'number' || typeof msg.ch !== 'string') return;
    const r = await exposed.invoke(msg.ch, msg.args);
    send(
      ws,
      r.ok
        ? { t: 'res', id: msg.id, ok: true, result: r.result }
        : { t: 'res', id: msg.id, ok: false, error: r.error },
    );
  }

  const unsubscribe = exposed.subscribeAll((ch, payload) => {
    for (const ws of sockets) send(ws, { t: 'evt', ch, payload });
  });

  return {
    close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
