import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  RETRYABLE_NETWORK_CODES,
  type RetryPolicy,
} from './retry';

export interface HttpExchangeOptions {
  /** Shared axios instance (proxy, certificates); a keep-alive one is created otherwise. */
  axios?: AxiosInstance;
  retry?: Partial<RetryPolicy>;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each retry wait; for logging (never receives secrets). */
  onRetry?: (info: { operation: string; attempt: number; delayMs: number; reason: string }) => void;
}

/** A call that got no answer: the network code, and whether the server may have acted on it. */
export interface NetworkFailure {
  code: string;
  message: string;
  /** Resending may help (a reset, a timeout, a refused connection). */
  retryable: boolean;
  /** The call may have reached the server (a write that was reset or timed out). */
  outcomeUnknown: boolean;
}

/**
 * What both backend clients share below their wire format: keep-alive sockets, and the resend
 * rule — an idempotent call is resent after 429 / 5xx (waiting at least `Retry-After`) and after
 * a reset or timeout, with exponential backoff and jitter; any other call gets one attempt.
 */
export class HttpExchange {
  readonly http: AxiosInstance;
  private readonly agents: { httpAgent?: http.Agent; httpsAgent?: https.Agent } = {};
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: HttpExchangeOptions = {}) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
    if (options.axios) this.http = options.axios;
    else {
      this.agents.httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      this.agents.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8 });
      this.http = axios.create(this.agents);
    }
  }

  /** Release keep-alive sockets (only those of agents this exchange created). */
  close(): void {
    this.agents.httpAgent?.destroy();
    this.agents.httpsAgent?.destroy();
  }

  /**
   * Sends `request` until an answer worth keeping, and returns it (any status, including a
   * retryable one once the retries are used up). A call that gets no answer throws
   * `toError(failure)` after the retries an idempotent call is allowed.
   */
  async send<R>(
    operation: string,
    idempotent: boolean,
    request: () => Promise<AxiosResponse<R>>,
    toError: (failure: NetworkFailure) => Error,
  ): Promise<AxiosResponse<R>> {
    for (let attempt = 0; ; attempt++) {
      let res: AxiosResponse<R> | undefined;
      let failure: NetworkFailure | undefined;
      try {
        res = await request();
      } catch (e) {
        failure = networkFailure(e, idempotent);
      }
      const canRetry = idempotent && attempt < this.policy.maxRetries;
      if (res) {
        if (!(canRetry && isRetryableStatus(res.status))) return res;
        const retryAfter = Number(res.headers['retry-after']);
        await this.wait(
          operation,
          attempt,
          `HTTP ${res.status}`,
          Number.isFinite(retryAfter) ? retryAfter : undefined,
        );
        continue;
      }
      if (canRetry && failure!.retryable) {
        await this.wait(operation, attempt, failure!.code);
        continue;
      }
      throw toError(failure!);
    }
  }

  private async wait(
    operation: string,
    attempt: number,
    reason: string,
    retryAfterSec?: number,
  ): Promise<void> {
    const delayMs = backoffDelay(this.policy, attempt, this.random, retryAfterSec);
    this.options.onRetry?.({ operation, attempt: attempt + 1, delayMs, reason });
    await this.sleep(delayMs);
  }
}

function networkFailure(e: unknown, idempotent: boolean): NetworkFailure {
  const raw = (axios.isAxiosError(e) && e.code) || (e as NodeJS.ErrnoException).code || 'ENETWORK';
  const code = raw === 'ERR_CANCELED' ? 'ECONNABORTED' : raw;
  return {
    code,
    message: e instanceof Error ? e.message : String(e),
    retryable: RETRYABLE_NETWORK_CODES.has(code),
    outcomeUnknown: !idempotent && code !== 'ECONNREFUSED' && code !== 'ENOTFOUND',
  };
}
