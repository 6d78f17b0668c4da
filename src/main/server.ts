import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { TOKEN_COOKIE, TOKEN_PARAM } from '../shared/rpc/protocol';
import type { ExposedServices } from './transport/expose-services';
import { isAllowedOrigin, requestUrl, tokenSource } from './transport/web-auth';
import { attachWebSocketRpc } from './transport/ws-adapter';

export interface WebShellOptions {
  exposed: ExposedServices;
  /** The renderer build (index.html and assets). */
  rendererDir: string;
  /** Must be a loopback address. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Defaults to 32 random bytes, new at every launch. */
  token?: string;
}

export interface WebShell {
  /** The URL to open, carrying the token once; the page then keeps it in an HttpOnly cookie. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The web shell: the renderer build and the services over one WebSocket, on loopback, behind a per-launch token. */
export async function startWebShell(opts: WebShellOptions): Promise<WebShell> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`the web shell binds to loopback only, not ${host}`);
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const rendererDir = path.resolve(opts.rendererDir);
  let port = 0;

  const server = createServer((req, res) => {
    void serveHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Malformed HTTP from a client: answer 400 (when the socket can still take it), never throw.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    // The page's own CSP is a <meta> tag; frame-ancestors only works as a header.
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
    if (!isAllowedOrigin(req, port)) return deny(res, 403, 'Forbidden: foreign origin or host.');
    const source = tokenSource(req, token);
    if (!source)
      return deny(
        res,
        401,
        'Unauthorized: open the URL printed by `bdp serve`; it carries the access token.',
      );
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');

    const url = requestUrl(req);
    if (!url) return deny(res, 400, 'Bad request: the URL cannot be parsed.');
    if (source === 'query') {
      // Trade the token in the URL for an HttpOnly cookie, and drop it from the address bar and history.
      url.searchParams.delete(TOKEN_PARAM);
      res.setHeader(
        'Set-Cookie',
        `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      );
      res.writeHead(302, { Location: url.pathname + url.search });
      res.end();
      return;
    }

    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      return deny(res, 400, 'Bad request: malformed percent-encoding in the path.');
    }
    const file = path.resolve(rendererDir, '.' + relative);
    if (!file.startsWith(rendererDir + path.sep)) return deny(res, 404, 'Not found.');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return deny(res, 404, 'Not found.');
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': file.endsWith('.html') ? 'no-store' : 'private, max-age=3600',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  const rpc = attachWebSocketRpc(server, opts.exposed, { token, port: () => port });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      rpc.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `port ${opts.port} on ${host} is in use: pick another with --port, or leave it out for a free one`,
            )
          : error,
      );
    });
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host === '::1' ? '[::1]' : host;

  return {
    url: `http://${urlHost}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    async close() {
      rpc.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function deny(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message + '\n');
}
