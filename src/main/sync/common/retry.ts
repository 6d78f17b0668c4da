export interface RetryPolicy {
  /** Retries after the first attempt (default 3). */
  maxRetries: number;
  /** First backoff step in ms (default 250). */
  baseDelayMs: number;
  /** Cap of one wait in ms (default 8000). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8000 };

/** Network error codes after which a read may be resent. */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EPIPE',
  'ECONNREFUSED',
  'EAI_AGAIN',
]);

/** HTTP statuses after which a read may be resent. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Wait before retry number `attempt` (0-based): exponential with "equal jitter" — half fixed,
 * half random — so parallel clients spread out but never retry instantly. A server
 * `Retry-After` (seconds) wins when larger, still capped.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number,
  retryAfterSec?: number,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = exp / 2 + (random() * exp) / 2;
  const server = retryAfterSec !== undefined && Number.isFinite(retryAfterSec) ? retryAfterSec * 1000 : 0;
  return Math.round(Math.min(policy.maxDelayMs, Math.max(jittered, server)));
}
