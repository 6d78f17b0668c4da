/** Where an error came from: the batch service body, the gateway HTTP status, the token service or the network. */
export type EnosErrorKind = 'service' | 'gateway' | 'token' | 'network';

/** Human messages for batch-service codes (spec §1.6.1). */
const SERVICE_MESSAGES: Readonly<Record<number, string>> = {
  62101:
    'The user id does not exist or does not belong to the OU; check userId and orgId in the EnOS environment settings',
  62102: 'EnOS rejected a parameter',
  62103: 'No privilege: only the workflow owner (or an OU member with access) may do this',
  62104: 'EnOS refused the operation because of a business rule',
  62105: 'The EnOS account is locked',
  62109: 'EnOS reported an internal error',
  99400: 'Invalid request (unknown or missing action)',
  99403: 'Access to the resource is denied',
  99404: 'Not found',
  99500: 'EnOS reported an internal error',
};

/** Human messages for gateway HTTP statuses (spec §1.6.3). */
const GATEWAY_MESSAGES: Readonly<Record<number, string>> = {
  400: 'The gateway could not process the request body',
  401: 'Authentication failed: the access token or signature was not accepted (check AccessKey / SecretKey)',
  403: 'The gateway refused the call: this IP address is not allowed',
  404: 'Not found at the gateway: check the gateway URL',
  413: 'The request is larger than the gateway allows',
  429: 'Rate limit exceeded at the EnOS gateway',
  500: 'The EnOS gateway had an unexpected error',
  502: 'Bad gateway',
  503: 'The EnOS service is unavailable',
  504: 'The EnOS gateway timed out',
};

/** Human messages for token-service codes (spec §1.7.1). */
const TOKEN_MESSAGES: Readonly<Record<number, string>> = {
  1001: 'Token request rejected as a duplicate (same encryption sent twice)',
  1002: 'Unknown AccessKey: no application is registered with this key',
  1003: 'Invalid encryption: the SecretKey does not match the AccessKey',
  1004: 'The token service rejected a parameter',
  1005: 'The token service had an internal error',
  1202: 'The token service got an empty parameter',
  1203: 'The access token has expired',
  1204: 'Refreshing the access token failed',
};

const NETWORK_MESSAGES: Readonly<Record<string, string>> = {
  ECONNRESET: 'The connection to EnOS was reset',
  ECONNREFUSED: 'EnOS refused the connection: check the gateway URL',
  ENOTFOUND: 'The gateway host name could not be resolved',
  ETIMEDOUT: 'The call to EnOS timed out',
  ECONNABORTED: 'The call to EnOS timed out',
  EPIPE: 'The connection to EnOS was closed',
};

export interface EnosApiErrorInit {
  kind: EnosErrorKind;
  /** Service/token code, HTTP status, or a Node network code such as `ECONNRESET`. */
  code: number | string;
  /** Operation name, e.g. `triggerFlow`. */
  operation: string;
  /** What the server said (already masked). */
  serverMessage?: string;
  httpStatus?: number;
  requestId?: string;
  /** Whether retrying the same call may help. */
  retryable?: boolean;
  /** The call may have reached the server although no answer came back (non-idempotent call reset / timed out). */
  outcomeUnknown?: boolean;
}

/** Human text for a code of the given kind. */
export function describeEnosCode(kind: EnosErrorKind, code: number | string): string {
  const table: Readonly<Record<string | number, string>> =
    kind === 'service'
      ? SERVICE_MESSAGES
      : kind === 'gateway'
        ? GATEWAY_MESSAGES
        : kind === 'token'
          ? TOKEN_MESSAGES
          : NETWORK_MESSAGES;
  return table[code] ?? (kind === 'network' ? 'Network error talking to EnOS' : `EnOS error ${code}`);
}

/** Every failure of the EnOS client: a clear message plus the raw code for programs. */
export class EnosApiError extends Error {
  readonly kind: EnosErrorKind;
  readonly code: number | string;
  readonly operation: string;
  readonly serverMessage?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;

  constructor(init: EnosApiErrorInit) {
    const human = describeEnosCode(init.kind, init.code);
    const server = init.serverMessage && init.serverMessage !== human ? `: ${init.serverMessage}` : '';
    const unknown = init.outcomeUnknown ? ' (the request may have been applied; check before retrying)' : '';
    super(`${human}${server}${unknown} [${init.operation}, ${init.kind} ${init.code}]`);
    this.name = 'EnosApiError';
    this.kind = init.kind;
    this.code = init.code;
    this.operation = init.operation;
    this.serverMessage = init.serverMessage;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? false;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }
}
