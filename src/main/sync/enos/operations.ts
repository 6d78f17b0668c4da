/** Endpoint collections of the V2.1 service (spec §1.1). */
export type EnosResource = 'flows' | 'flowInstances' | 'taskInstances' | 'directories' | 'time';

export interface EnosOperationSpec {
  readonly method: 'GET' | 'POST';
  readonly resource: EnosResource;
  readonly action: string;
  /** Safe to resend after an unknown outcome: only reads are. */
  readonly idempotent: boolean;
  /** Sends `orgId` + `userId` (all but the `time` endpoints, spec §1.2). */
  readonly identity: boolean;
}

const op = (
  method: 'GET' | 'POST',
  resource: EnosResource,
  action: string,
  idempotent: boolean,
  identity = true,
): EnosOperationSpec => ({
  method,
  resource,
  action,
  idempotent,
  identity,
});

/** The 22 operations of spec §3 (numbers 3.1-3.22 in order). */
export const ENOS_OPERATIONS = {
  cancelFlowInstance: op('POST', 'flowInstances', 'cancel', false),
  createDirectory: op('POST', 'directories', 'create', false),
  // GET, but it mutates (spec §7.5): never resent.
  deleteFlow: op('GET', 'flows', 'delete', false),
  disableFlow: op('POST', 'flows', 'disable', false),
  enableFlow: op('POST', 'flows', 'enable', false),
  exportFlow: op('GET', 'flows', 'export', true),
  getCurrentTime: op('GET', 'time', 'getCurrentTime', true, false),
  getFlow: op('GET', 'flows', 'get', true),
  getFlowInstance: op('GET', 'flowInstances', 'get', true),
  getMyFlow: op('GET', 'flows', 'getMyFlow', true),
  getTaskInstance: op('GET', 'taskInstances', 'get', true),
  getTaskInstanceLog: op('GET', 'taskInstances', 'getLog', true),
  getTimeZone: op('GET', 'time', 'getTimeZone', true, false),
  importFlow: op('POST', 'flows', 'import', false),
  // POST, but read-only.
  listFlowInstances: op('POST', 'flowInstances', 'search', true),
  listWorkflowDirectories: op('GET', 'directories', 'listWorkFlowDirs', true),
  loadFlowForEdit: op('GET', 'flows', 'loadForEdit', true),
  saveFlow: op('POST', 'flows', 'save', false),
  searchFlow: op('POST', 'flows', 'search', true),
  triggerFlow: op('POST', 'flows', 'trigger', false),
  triggerFlowFromTask: op('POST', 'flows', 'triggerFromTask', false),
  updateAndTriggerFlow: op('POST', 'flows', 'updateAndTrigger', false),
} as const satisfies Record<string, EnosOperationSpec>;

export type EnosOperationName = keyof typeof ENOS_OPERATIONS;

/** Path prefix of the V2.1 service under the gateway. */
export const ENOS_SERVICE_PATH = '/batch-processing-service/v2.1';
