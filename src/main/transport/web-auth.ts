import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_COOKIE, TOKEN_PARAM } from '../../shared/rpc/protocol';

/** Where a request's token came from, if it carried a valid one. */
export type TokenSource = 'query' | 'cookie' | 'header' | null;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A cookie's value; a malformed percent-encoding (`%E0%A4%A`) reads as no cookie, never as an exception. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The request's URL, or null when it cannot be parsed. */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://local');
  } catch {
    return null;
  }
}

/** Checks the per-launch token in the query string, the cookie or an `Authorization: Bearer` header. */
export function tokenSource(req: IncomingMessage, token: string): TokenSource {
  const fromQuery = requestUrl(req)?.searchParams.get(TOKEN_PARAM);
  if (fromQuery && safeEqual(fromQuery, token)) return 'query';
  const fromCookie = cookieValue(req.headers.cookie, TOKEN_COOKIE);
  if (fromCookie && safeEqual(fromCookie, token)) return 'cookie';
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && safeEqual(auth.slice(7), token)) return 'header';
  return null;
}

/**
 * Origin and Host must name this server on loopback: a page from another origin (or a DNS
 * rebinding attack through another host name) cannot reach the services even with the cookie.
 */
export function isAllowedOrigin(req: IncomingMessage, port: number): boolean {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true; // same-origin navigations and non-browser clients send none
  return allowedHosts.some((h) => origin === `http://${h}`);
}
