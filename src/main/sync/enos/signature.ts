import { createHash } from 'node:crypto';

/** Query parameters as sent: name -> decoded value (a list for repeated names). */
export type QueryParams = Readonly<Record<string, string | readonly string[]>>;

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Token-service `encryption` (spec §1.7.1): sha256(appKey + timestamp + appSecret). */
export function tokenEncryption(appKey: string, timestamp: number, appSecret: string): string {
  return sha256Hex(`${appKey}${timestamp}${appSecret}`);
}

/**
 * `paramsData` (spec §1.7.2): query parameters sorted by name in ASCII order, each as
 * `name + value` with no separators, then the raw body string. Values are the decoded ones.
 * A repeated name contributes once per value, in the order sent.
 */
export function paramsData(query: QueryParams, rawBody = ''): string {
  // Code-unit comparison is ASCII order; localeCompare would not be.
  const names = Object.keys(query).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let out = '';
  for (const name of names) {
    const v = query[name];
    for (const value of typeof v === 'string' ? [v] : v) out += name + value;
  }
  return out + rawBody;
}

/** `apim-signature` (spec §1.7.2): sha256(accessToken + paramsData + timestamp + appSecret). */
export function apiSignature(
  accessToken: string,
  params: string,
  timestamp: number,
  appSecret: string,
): string {
  return sha256Hex(`${accessToken}${params}${timestamp}${appSecret}`);
}

/** Header names of a signed call. */
export const SIGNATURE_HEADERS = {
  token: 'apim-accesstoken',
  signature: 'apim-signature',
  timestamp: 'apim-timestamp',
} as const;
