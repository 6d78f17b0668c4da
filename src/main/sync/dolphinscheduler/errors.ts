/** Where a DolphinScheduler failure came from: the Result envelope, the HTTP layer, or the network. */
export type DsErrorKind = 'service' | 'http' | 'network';

/** Human messages for the status codes a publish meets (spec §3.2), phrased as what to do. */
const SERVICE_MESSAGES: Readonly<Record<number, string>> = {
  10000: 'DolphinScheduler reported an internal error',
  10001: 'DolphinScheduler rejected a request parameter',
  10002: 'The run timeout is not valid (1 to 86400 seconds)',
  10008: 'The task instance does not exist',
  10013: 'The user name or password was refused',
  10017: 'The tenant does not exist on DolphinScheduler',
  10018: 'The project does not exist: check the project name of the environment',
  10019: 'A project with this name already exists',
  10025: 'No DolphinScheduler master is running',
  10062: 'The resource file is empty',
  10148: 'The DolphinScheduler user is disabled',
  10163: 'The workflow has running instances; wait for them or stop them first',
  10166: 'Only a failed or killed task instance can be forced to success',
  10168: 'A workflow with this name already exists in the project',
  10181: 'The DolphinScheduler user has no tenant; an administrator must assign one',
  10190: 'The project does not exist: check the project name of the environment',
  10191: 'The task has not been dispatched to a worker yet, so it has no log',
  10203: 'The schedule does not exist',
  10204: 'The workflow already has a schedule',
  10207: 'The task does not exist in the latest workflow version; publish first',
  20004: 'The resource does not exist',
  20005: 'The resource already exists',
  20008: 'The resource file name must keep its extension',
  20020: 'The resource path is outside the Resource Center',
  30001: 'The user has no privilege for this operation',
  30002: 'The user has no permission on the project',
  30003: 'The user has no write permission on the project',
  50001: 'The workflow instance does not exist',
  50003: 'The workflow definition does not exist',
  50004: 'The workflow is offline; it must be online for this',
  50006: 'The workflow instance is in a state that does not allow this',
  50008: 'The workflow is online and cannot be edited; it must be taken offline first',
  50014: 'DolphinScheduler could not start the workflow',
  50015: "DolphinScheduler refused the operation in the instance's current state",
  50017: 'DolphinScheduler rejected the data sent',
  50019: 'The workflow graph has a cycle',
  50020: 'A task has invalid parameters',
  50021: 'The workflow is online and cannot be deleted',
  50023: 'The schedule is online and cannot be changed or deleted',
  50030: 'A relation points to a task that is not in the workflow',
  50035: 'An empty workflow cannot be put online',
  70015: 'The access token does not exist',
  1300009: 'The resource name is not valid',
  1300015: 'The resource path is longer than 128 characters',
  1400003: 'At most 100 dates can be backfilled at once',
  1400004: 'The description is longer than 255 characters',
};

const HTTP_MESSAGES: Readonly<Record<number, string>> = {
  401: 'DolphinScheduler refused the credentials: the access token is unknown or expired, the session ended, or the user is disabled',
  403: 'DolphinScheduler refused the call',
  404: 'Not found: check the base URL (it ends with /dolphinscheduler)',
  429: 'Too many requests to DolphinScheduler',
  500: 'DolphinScheduler had an unexpected error',
  502: 'Bad gateway in front of DolphinScheduler',
  503: 'DolphinScheduler is unavailable',
  504: 'The gateway in front of DolphinScheduler timed out',
};

const NETWORK_MESSAGES: Readonly<Record<string, string>> = {
  ECONNRESET: 'The connection to DolphinScheduler was reset',
  ECONNREFUSED: 'DolphinScheduler refused the connection: check the base URL and that the API server runs',
  ENOTFOUND: 'The DolphinScheduler host name could not be resolved',
  ETIMEDOUT: 'The call to DolphinScheduler timed out',
  ECONNABORTED: 'The call to DolphinScheduler timed out',
  EPIPE: 'The connection to DolphinScheduler was closed',
  NOT_API:
    'The server answered with a web page instead of the API: check the base URL (it ends with /dolphinscheduler) and that the server runs 3.2.x',
};

export function describeDsCode(kind: DsErrorKind, code: number | string): string {
  if (kind === 'service') return SERVICE_MESSAGES[Number(code)] ?? `DolphinScheduler error ${code}`;
  if (kind === 'http') return HTTP_MESSAGES[Number(code)] ?? `DolphinScheduler answered HTTP ${code}`;
  return NETWORK_MESSAGES[String(code)] ?? 'Network error talking to DolphinScheduler';
}

export interface DsApiErrorInit {
  kind: DsErrorKind;
  code: number | string;
  operation: string;
  serverMessage?: string;
  httpStatus?: number;
  retryable?: boolean;
  outcomeUnknown?: boolean;
}

/** Every failure of the DolphinScheduler client: a clear message plus the raw code. */
export class DsApiError extends Error {
  readonly kind: DsErrorKind;
  readonly code: number | string;
  readonly operation: string;
  readonly serverMessage?: string;
  readonly httpStatus?: number;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;

  constructor(init: DsApiErrorInit) {
    const human = describeDsCode(init.kind, init.code);
    const server = init.serverMessage && init.serverMessage !== human ? `: ${init.serverMessage}` : '';
    const unknown = init.outcomeUnknown ? ' (the request may have been applied; check before retrying)' : '';
    super(`${human}${server}${unknown} [${init.operation}, ${init.kind} ${init.code}]`);
    this.name = 'DsApiError';
    this.kind = init.kind;
    this.code = init.code;
    this.operation = init.operation;
    this.serverMessage = init.serverMessage;
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable ?? false;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }
}
