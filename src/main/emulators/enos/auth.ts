import { randomBytes } from 'node:crypto';
import { apiSignature, paramsData, tokenEncryption } from '../../sync/enos/signature';
import type { TokenEnvelope } from '../../sync/enos/types';
import type { EmulatorState } from './store';

/** Token service `status` codes (spec §1.7.1). */
const TOKEN_MSG: Readonly<Record<number, string>> = {
  1001: 'Repeated request',
  1002: 'appKey not found',
  1003: 'Invalid encryption',
  1004: 'Invalid parameter',
  1202: 'Parameter is empty',
  1203: 'Access token expired',
};

const tokenError = (status: number): TokenEnvelope => ({
  status,
  msg: TOKEN_MSG[status] ?? 'Error',
  business: 'apim-token-service',
  data: null,
});

/** `/token/get` and `/token/refresh`: checks appKey, encryption and replay; get returns the live token while it is valid. */
export function tokenService(
  state: EmulatorState,
  now: number,
  body: Record<string, unknown>,
  refresh: boolean,
): TokenEnvelope {
  const { appKey, encryption, timestamp, accessToken } = body;
  if (!appKey || !encryption || timestamp === undefined || timestamp === '' || (refresh && !accessToken))
    return tokenError(1202);
  if (
    typeof appKey !== 'string' ||
    typeof encryption !== 'string' ||
    !Number.isSafeInteger(Number(timestamp))
  )
    return tokenError(1004);
  const app = state.apps.get(appKey);
  if (!app) return tokenError(1002);
  if (encryption.toLowerCase() !== tokenEncryption(appKey, Number(timestamp), app.appSecret))
    return tokenError(1003);
  if (state.usedEncryptions.has(encryption)) return tokenError(1001);
  state.usedEncryptions.add(encryption);

  const live = (t: string | undefined): number | undefined => {
    const issued = t ? state.tokens.get(t) : undefined;
    return issued && issued.appKey === appKey && issued.expiresAt > now ? issued.expiresAt : undefined;
  };
  if (refresh) {
    if (live(String(accessToken)) === undefined) return tokenError(1203);
  } else {
    const current = state.currentToken.get(appKey);
    const expiresAt = live(current);
    if (current && expiresAt !== undefined) return ok(current, Math.floor((expiresAt - now) / 1000));
  }
  // Refresh issues a new token; the old one stays valid until it expires so calls in flight do not fail.
  const token = randomBytes(24).toString('hex');
  state.tokens.set(token, { appKey, expiresAt: now + state.tokenLifetimeSec * 1000 });
  state.currentToken.set(appKey, token);
  return ok(token, state.tokenLifetimeSec);
}

const ok = (accessToken: string, expire: number): TokenEnvelope => ({
  status: 0,
  msg: 'SUCCESS',
  business: 'apim-token-service',
  data: { accessToken, expire },
});

export type AuthMode = 'strict' | 'lenient';

/** Why the gateway refuses a call; undefined when it may pass. */
export function checkSignature(
  state: EmulatorState,
  now: number,
  mode: AuthMode,
  headers: { token?: string; signature?: string; timestamp?: string },
  query: URLSearchParams,
  rawBody: string,
): string | undefined {
  const { token, signature, timestamp } = headers;
  if (!token) return 'Invalid authentication credentials';
  const issued = state.tokens.get(token);
  if (!issued || issued.expiresAt <= now) {
    // Legacy SDKs build self-contained tokens and may not sign (spec §1.7.3).
    if (mode === 'lenient' && !signature) return undefined;
    return 'Invalid authentication credentials';
  }
  if (mode === 'lenient' && !signature) return undefined;
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return 'Invalid signature';
  const secret = state.apps.get(issued.appKey)?.appSecret ?? '';
  const grouped: Record<string, string[]> = {};
  for (const [k, v] of query) (grouped[k] ??= []).push(v);
  const expected = apiSignature(token, paramsData(grouped, rawBody), Number(timestamp), secret);
  return expected === signature.toLowerCase() ? undefined : 'Invalid signature';
}
