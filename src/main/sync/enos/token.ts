import { EnosApiError } from './errors';
import { tokenEncryption } from './signature';
import type { TokenEnvelope } from './types';

export const TOKEN_GET_PATH = '/apim-token-service/v2.0/token/get';
export const TOKEN_REFRESH_PATH = '/apim-token-service/v2.0/token/refresh';

/** Sends one token-service request and returns its parsed body; supplied by the client so it shares agent, timeouts and retries. */
export type TokenTransport = (
  path: typeof TOKEN_GET_PATH | typeof TOKEN_REFRESH_PATH,
  body: Record<string, unknown>,
) => Promise<TokenEnvelope>;

export interface TokenServiceOptions {
  appKey: string;
  appSecret: string;
  transport: TokenTransport;
  now: () => number;
  /** Refresh this long before the token expires (default 5 minutes). */
  refreshSkewMs?: number;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * Holds the access token of one service account (spec §1.7.1): gets one on first use, refreshes
 * it shortly before expiry, gets a new one once expired or after the gateway rejected it.
 * Concurrent callers share one in-flight request.
 */
export class TokenService {
  private cached?: CachedToken;
  private inFlight?: Promise<string>;
  private lastTimestamp = 0;
  private readonly skew: number;

  constructor(private readonly options: TokenServiceOptions) {
    this.skew = options.refreshSkewMs ?? 5 * 60_000;
  }

  /** A token valid for at least the skew, fetching or refreshing as needed. */
  async getToken(): Promise<string> {
    const now = this.options.now();
    const cached = this.cached;
    if (cached && now < cached.expiresAt - this.skew) return cached.token;
    if (!this.inFlight) {
      const run = cached && now < cached.expiresAt ? this.refresh(cached.token) : this.fetch();
      this.inFlight = run.finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  /** Forget the cached token (the gateway answered 401 with it). */
  invalidate(token?: string): void {
    if (!token || this.cached?.token === token) this.cached = undefined;
  }

  private async fetch(): Promise<string> {
    return this.store(await this.call(TOKEN_GET_PATH, {}, 'getToken'));
  }

  private async refresh(token: string): Promise<string> {
    try {
      return this.store(await this.call(TOKEN_REFRESH_PATH, { accessToken: token }, 'refreshToken'));
    } catch (e) {
      // 1203 expired / 1204 refresh failed: a fresh get still works with valid keys.
      if (e instanceof EnosApiError && e.kind === 'token') return this.fetch();
      throw e;
    }
  }

  private async call(
    path: typeof TOKEN_GET_PATH | typeof TOKEN_REFRESH_PATH,
    extra: Record<string, unknown>,
    operation: string,
  ): Promise<{ accessToken: string; expire: number; at: number }> {
    const { appKey, appSecret } = this.options;
    for (let attempt = 0; ; attempt++) {
      // Strictly increasing: the same encryption twice is rejected as a replay (1001). Another
      // process using the same key in the same millisecond gets 1001 too; a later timestamp fixes it.
      const timestamp = Math.max(this.options.now(), this.lastTimestamp + 1);
      this.lastTimestamp = timestamp;
      const body = { appKey, encryption: tokenEncryption(appKey, timestamp, appSecret), timestamp, ...extra };
      const reply = await this.options.transport(path, body);
      const status = reply.status ?? (reply as unknown as { stauts?: number }).stauts;
      if (status === 1001 && attempt < 2) continue;
      if (status !== 0 || !reply.data?.accessToken) {
        throw new EnosApiError({ kind: 'token', code: status ?? 1005, operation, serverMessage: reply.msg });
      }
      return { accessToken: reply.data.accessToken, expire: reply.data.expire, at: timestamp };
    }
  }

  private store(r: { accessToken: string; expire: number; at: number }): string {
    this.cached = { token: r.accessToken, expiresAt: r.at + r.expire * 1000 };
    return r.accessToken;
  }
}
