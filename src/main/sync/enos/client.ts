import type { AxiosInstance, AxiosResponse } from 'axios';
import { HttpExchange, type NetworkFailure } from '../common/http-exchange';
import { maskSecrets } from '../common/mask';
import { isRetryableStatus, type RetryPolicy } from '../common/retry';
import { EnosApiError } from './errors';
import { ENOS_OPERATIONS, ENOS_SERVICE_PATH, type EnosOperationName } from './operations';
import { apiSignature, paramsData, SIGNATURE_HEADERS } from './signature';
import { TokenService, type TokenTransport } from './token';
import type {
  EnosEnvelope,
  Flow,
  FlowInstance,
  ImportFlowRequest,
  ListFlowInstancesRequest,
  MyFlowItem,
  NumericId,
  ParameterItem,
  PortableFlow,
  SaveFlowRequest,
  SearchFlowRequest,
  TaskInstance,
  TokenEnvelope,
  WorkFlowDir,
} from './types';

export interface EnosClientOptions {
  /** Gateway base URL, e.g. `https://apim-ppe1.envisioniot.com` (no service path). */
  gateway: string;
  orgId: string;
  userId: string;
  /** Service-account AccessKey. */
  appKey: string;
  /** Service-account SecretKey; only ever used to sign, never logged. */
  appSecret: string;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Shared axios instance (proxy, certificates); a keep-alive one is created otherwise. */
  axios?: AxiosInstance;
  /** Injectable for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each retry wait; for logging (never receives secrets). */
  onRetry?: (info: { operation: string; attempt: number; delayMs: number; reason: string }) => void;
}

type Query = Record<string, string | number | undefined>;

const JSON_HEADERS = { 'Content-Type': 'application/json;charset=UTF-8', Accept: 'application/json' };

/**
 * Typed client of the EnOS Batch Processing Service V2.1: one method per operation of
 * spec §3, token handling (§1.7.1), per-call signature (§1.7.2), envelope unwrapping (§1.3),
 * `EnosApiError` for every failure (§1.6) and retries with backoff for reads only.
 */
export class EnosClient {
  private readonly exchange: HttpExchange;
  private readonly http: AxiosInstance;
  private readonly tokens: TokenService;
  private readonly now: () => number;
  private readonly gateway: string;

  constructor(private readonly options: EnosClientOptions) {
    this.gateway = options.gateway.replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.exchange = new HttpExchange(options);
    this.http = this.exchange.http;
    this.tokens = new TokenService({
      appKey: options.appKey,
      appSecret: options.appSecret,
      now: this.now,
      transport: this.tokenTransport,
    });
  }

  /** Release keep-alive sockets (only those of an agent this client created). */
  close(): void {
    this.exchange.close();
  }

  // ---- 3.1-3.22, in spec order --------------------------------------------------------

  /** 3.1 Stop a workflow instance. */
  async cancelFlowInstance(flowInstId: string): Promise<void> {
    await this.call('cancelFlowInstance', {}, { flowInstId });
  }

  /** 3.2 Create a directory under `parentId`; names are unique per parent. */
  createDirectory(parentId: string, dirName: string): Promise<{ dirId: string }> {
    return this.call('createDirectory', {}, { parentId, dirName });
  }

  /** 3.3 Delete a workflow (fails with 62104 while other workflows depend on it). */
  async deleteFlow(flowId: NumericId): Promise<void> {
    await this.call('deleteFlow', { flowId });
  }

  /** 3.4 Pause scheduling. */
  async disableFlow(flowId: NumericId): Promise<void> {
    await this.call('disableFlow', {}, { flowId: Number(flowId) });
  }

  /** 3.5 Start scheduling. */
  async enableFlow(flowId: NumericId): Promise<void> {
    await this.call('enableFlow', {}, { flowId: Number(flowId) });
  }

  /** 3.6 The portable (name-based, self-contained) form of a workflow. */
  exportFlow(flowId: NumericId): Promise<PortableFlow> {
    return this.call('exportFlow', { flowId });
  }

  /** 3.7 Server time, epoch ms. */
  async getCurrentTime(): Promise<number> {
    return Number(await this.call<number | string>('getCurrentTime', {}));
  }

  /** 3.8 A workflow in graph form. */
  getFlow(flowId: NumericId): Promise<Flow> {
    return this.call('getFlow', { flowId });
  }

  /** 3.9 One workflow instance. */
  getFlowInstance(flowInstId: string): Promise<FlowInstance> {
    return this.call('getFlowInstance', { flowInstId });
  }

  /** 3.10 Workflows related to the user; `expression` fuzzy-matches id and name. */
  getMyFlow(expression?: string): Promise<MyFlowItem[]> {
    return this.call('getMyFlow', { expression });
  }

  /** 3.11 One task instance (the doc types it a list; a single object is returned). */
  async getTaskInstance(taskInstId: string): Promise<TaskInstance> {
    const data = await this.call<TaskInstance | TaskInstance[]>('getTaskInstance', { taskInstId });
    return Array.isArray(data) ? data[0] : data;
  }

  /** 3.12 Log text of a task instance, optionally limited to `maxLength` characters. */
  async getTaskInstanceLog(taskInstId: string, maxLength?: number): Promise<string> {
    const data = await this.call<{ log: string }>('getTaskInstanceLog', { taskInstId, maxLength });
    return data.log;
  }

  /** 3.13 Server time zone, e.g. `GMT+8`. */
  async getTimeZone(): Promise<string> {
    return (await this.call<{ timezone: string }>('getTimeZone', {})).timezone;
  }

  /** 3.14 Create a workflow with its task definitions from the portable form. */
  async importFlow(request: ImportFlowRequest): Promise<{ flowId: number }> {
    const data = await this.call<{ flowId: NumericId }>('importFlow', {}, request);
    return { flowId: Number(data.flowId) };
  }

  /** 3.15 Search workflow instances. */
  listFlowInstances(
    request: ListFlowInstancesRequest,
  ): Promise<{ flowInsts: FlowInstance[]; count: number }> {
    return this.call('listFlowInstances', {}, request);
  }

  /** 3.16 The OU's workflow directory tree (directories and workflow files). */
  listWorkflowDirectories(): Promise<WorkFlowDir[]> {
    return this.call('listWorkflowDirectories', {});
  }

  /** 3.17 Load a workflow into a draft copy for editing; same shape as `getFlow`. */
  loadFlowForEdit(flowId: NumericId): Promise<Flow> {
    return this.call('loadFlowForEdit', { flowId });
  }

  /** 3.18 Save the graph and schedule of an existing workflow (tasks must already exist). */
  async saveFlow(request: SaveFlowRequest): Promise<{ flowId: number }> {
    const data = await this.call<{ flowId: NumericId }>('saveFlow', {}, request);
    return { flowId: Number(data.flowId) };
  }

  /** 3.19 Search the OU's workflows. */
  searchFlow(request: SearchFlowRequest): Promise<{ flowId: NumericId; flowName: string }[]> {
    return this.call('searchFlow', {}, request);
  }

  /** 3.20 Create an instance; a past `triggerTime` (epoch ms) runs at once. Returns the instance id. */
  async triggerFlow(flowId: NumericId, triggerTime: number): Promise<string> {
    return (
      await this.call<{ flowInstanceId: string }>('triggerFlow', {}, { flowId: Number(flowId), triggerTime })
    ).flowInstanceId;
  }

  /** 3.21 Run one task and its downstream (honouring relation `rerun`). Returns the instance id. */
  async triggerFlowFromTask(flowId: NumericId, taskId: NumericId, triggerTime: number): Promise<string> {
    const body = { flowId: Number(flowId), taskId: Number(taskId), triggerTime };
    return (await this.call<{ flowInstanceId: string }>('triggerFlowFromTask', {}, body)).flowInstanceId;
  }

  /** 3.22 Trigger with one-off parameter values (the workflow is not changed). Returns the instance id. */
  async updateAndTriggerFlow(
    flowId: NumericId,
    triggerTime: number,
    parameters: ParameterItem[],
  ): Promise<string> {
    const body = { flowId: Number(flowId), triggerTime, parameters };
    return (await this.call<{ flowInstanceId: string }>('updateAndTriggerFlow', {}, body)).flowInstanceId;
  }

  // ---- transport ------------------------------------------------------------------------

  private readonly tokenTransport: TokenTransport = async (path, body) => {
    const operation = path.endsWith('/refresh') ? 'refreshToken' : 'getToken';
    const res = await this.send(operation, true, () =>
      this.http.request({
        method: 'POST',
        url: this.gateway + path,
        data: JSON.stringify(body),
        ...this.requestDefaults(),
      }),
    );
    return this.parseJson<TokenEnvelope>(res, operation);
  };

  private async call<T>(operation: EnosOperationName, query: Query, body?: unknown): Promise<T> {
    const spec = ENOS_OPERATIONS[operation];
    const fullQuery: Record<string, string> = { action: spec.action };
    if (spec.identity) {
      fullQuery.orgId = this.options.orgId;
      fullQuery.userId = this.options.userId;
    }
    for (const [k, v] of Object.entries(query)) if (v !== undefined) fullQuery[k] = String(v);
    const rawBody = body === undefined ? '' : JSON.stringify(body);
    const url = `${this.gateway}${ENOS_SERVICE_PATH}/${spec.resource}?${new URLSearchParams(fullQuery).toString()}`;

    let reauthenticated = false;
    for (;;) {
      const token = await this.tokens.getToken();
      const res = await this.send(operation, spec.idempotent, () => {
        const timestamp = this.now();
        const signature = apiSignature(
          token,
          paramsData(fullQuery, rawBody),
          timestamp,
          this.options.appSecret,
        );
        return this.http.request({
          method: spec.method,
          url,
          data: spec.method === 'POST' ? rawBody : undefined,
          ...this.requestDefaults({
            [SIGNATURE_HEADERS.token]: token,
            [SIGNATURE_HEADERS.signature]: signature,
            [SIGNATURE_HEADERS.timestamp]: String(timestamp),
          }),
        });
      });
      const authRejected = res.status === 401 || this.poseidonStatus(res) !== undefined;
      if (authRejected) {
        this.tokens.invalidate(token);
        // A 401 comes from the gateway before the service saw the call, so one resend is safe for any operation.
        if (!reauthenticated) {
          reauthenticated = true;
          continue;
        }
        throw this.gatewayError(operation, 401, res);
      }
      if (res.status < 200 || res.status >= 300) throw this.gatewayError(operation, res.status, res);
      const env = this.parseJson<EnosEnvelope<T>>(res, operation);
      if (typeof env.code !== 'number') {
        throw new EnosApiError({
          kind: 'gateway',
          code: res.status,
          operation,
          serverMessage: 'Reply is not an EnOS envelope',
        });
      }
      if (env.code !== 0) {
        throw new EnosApiError({
          kind: 'service',
          code: env.code,
          operation,
          serverMessage: this.mask(env.msg),
          requestId: env.requestId,
        });
      }
      return env.data;
    }
  }

  /** One HTTP exchange with the shared resend rule; a call without an answer is an `EnosApiError`. */
  private send(
    operation: string,
    idempotent: boolean,
    doRequest: () => Promise<AxiosResponse<string>>,
  ): Promise<AxiosResponse<string>> {
    return this.exchange.send(
      operation,
      idempotent,
      doRequest,
      (f: NetworkFailure) =>
        new EnosApiError({
          kind: 'network',
          code: f.code,
          operation,
          retryable: f.retryable,
          outcomeUnknown: f.outcomeUnknown,
        }),
    );
  }

  private requestDefaults(extraHeaders: Record<string, string> = {}): {
    headers: Record<string, string>;
    timeout: number;
    responseType: 'text';
    transformRequest: ((d: unknown) => unknown)[];
    transformResponse: ((d: unknown) => unknown)[];
    validateStatus: () => boolean;
  } {
    return {
      headers: { ...JSON_HEADERS, ...extraHeaders },
      timeout: this.options.timeoutMs ?? 30_000,
      responseType: 'text',
      // The signature covers the exact body bytes: axios must not re-serialise or parse.
      transformRequest: [(d) => d],
      transformResponse: [(d) => d],
      validateStatus: () => true,
    };
  }

  private parseJson<T>(res: AxiosResponse<string>, operation: string): T {
    try {
      return JSON.parse(res.data) as T;
    } catch {
      throw new EnosApiError({
        kind: 'gateway',
        code: res.status,
        operation,
        httpStatus: res.status,
        serverMessage: 'Reply is not JSON',
      });
    }
  }

  /** The legacy gateway signals an expired token with `apim_status` 4011/4012 in the body (spec §1.7.3). */
  private poseidonStatus(res: AxiosResponse<string>): number | undefined {
    if (typeof res.data !== 'string' || !res.data.includes('apim_status')) return undefined;
    try {
      const s = (JSON.parse(res.data) as { apim_status?: number }).apim_status;
      return s === 4011 || s === 4012 ? s : undefined;
    } catch {
      return undefined;
    }
  }

  private gatewayError(operation: string, status: number, res: AxiosResponse<string>): EnosApiError {
    let message: string | undefined;
    try {
      const body = JSON.parse(res.data) as { message?: string; msg?: string };
      message = body.message ?? body.msg;
    } catch {
      message = undefined;
    }
    return new EnosApiError({
      kind: 'gateway',
      code: status,
      operation,
      httpStatus: status,
      serverMessage: message ? this.mask(message) : undefined,
      retryable: isRetryableStatus(status),
    });
  }

  private mask(text: string): string {
    return maskSecrets(text, [this.options.appSecret]);
  }
}
