/**
 * The wire differences between the DolphinScheduler 3.2.x API and the 3.3 line
 * (the DolphinScheduler API specification §10), as one table both the client and the emulator read.
 * Everything else in this package speaks the 3.2 names ("internal" below); a 3.3 call is the
 * 3.2 call with these paths, parameter names and JSON keys renamed.
 */

export type DsApiVersion = '3.2' | '3.3';
export const DS_API_VERSIONS: readonly DsApiVersion[] = ['3.2', '3.3'];

interface VersionTable {
  /** Path segments, internal -> wire. */
  readonly paths: Readonly<Record<string, string>>;
  /** Form / query parameter names, internal -> wire. */
  readonly params: Readonly<Record<string, string>>;
  /** JSON keys in request JSON strings and response bodies, internal -> wire. */
  readonly fields: Readonly<Record<string, string>>;
  /** Task type names, internal -> wire. */
  readonly taskTypes: Readonly<Record<string, string>>;
  /** Parameters the Resource Center no longer takes. */
  readonly droppedResourceParams: readonly string[];
}

const V33: VersionTable = {
  paths: {
    'process-definition': 'workflow-definition',
    'process-instances': 'workflow-instances',
    'process-task-relation': 'workflow-task-relation',
    'start-process-instance': 'start-workflow-instance',
    'batch-start-process-instance': 'batch-start-workflow-instance',
    'query-process-definition-list': 'query-workflow-definition-list',
  },
  params: {
    processDefinitionCode: 'workflowDefinitionCode',
    processDefinitionCodes: 'workflowDefinitionCodes',
    processDefineCode: 'workflowDefinitionCode',
    processInstancePriority: 'workflowInstancePriority',
    processInstanceId: 'workflowInstanceId',
    processInstanceIds: 'workflowInstanceIds',
    processInstanceName: 'workflowInstanceName',
    processDefinitionName: 'workflowDefinitionName',
  },
  fields: {
    processDefinition: 'workflowDefinition',
    processTaskRelationList: 'workflowTaskRelationList',
    processDefinitionCode: 'workflowDefinitionCode',
    processDefinitionVersion: 'workflowDefinitionVersion',
    processDefinitionName: 'workflowDefinitionName',
    processInstancePriority: 'workflowInstancePriority',
    processInstanceId: 'workflowInstanceId',
    processInstanceName: 'workflowInstanceName',
    processInstanceState: 'workflowInstanceState',
    isSubProcess: 'isSubWorkflow',
    nextProcessInstanceId: 'nextWorkflowInstanceId',
    // Not httpMethod/httpParams/httpBody: dev renamed only the Java fields of HttpParameters
    // (httpRequestMethod, ...); @JsonProperty keeps the JSON keys (task-http HttpParameters.java).
  },
  taskTypes: { SUB_PROCESS: 'SUB_WORKFLOW' },
  droppedResourceParams: ['tenantCode', 'pid'],
};

const V32: VersionTable = { paths: {}, params: {}, fields: {}, taskTypes: {}, droppedResourceParams: [] };

const TABLES: Readonly<Record<DsApiVersion, VersionTable>> = { '3.2': V32, '3.3': V33 };

const invert = (m: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));

function renameSegments(path: string, map: Readonly<Record<string, string>>): string {
  return path
    .split('/')
    .map((s) => map[s] ?? s)
    .join('/');
}

/** `/projects/1/process-definition/all` as the given version spells it. */
export function wirePath(version: DsApiVersion, path: string): string {
  return renameSegments(path, TABLES[version].paths);
}

/**
 * The internal path of a path a `version` server receives, or undefined when the path uses a
 * segment only the other version knows (such a call lands on the HTML error page, spec §1).
 */
export function internalPath(version: DsApiVersion, path: string): string | undefined {
  const foreign = new Set(version === '3.3' ? Object.keys(V33.paths) : Object.values(V33.paths));
  if (path.split('/').some((s) => foreign.has(s))) return undefined;
  return renameSegments(path, invert(TABLES[version].paths));
}

/** Parameter name as the version spells it. */
export function wireParam(version: DsApiVersion, name: string): string {
  return TABLES[version].params[name] ?? name;
}

/**
 * The internal names of incoming wire parameters (a wire name may stand for several internal
 * ones); internal names the version no longer reads are dropped.
 */
export function internalParams(version: DsApiVersion, params: URLSearchParams): URLSearchParams {
  const table = TABLES[version].params;
  const wireNames = new Set(Object.values(table));
  const out = new URLSearchParams();
  for (const [k, v] of params) {
    if (k in table && !wireNames.has(k)) continue; // a 3.2 name a 3.3 server does not bind
    const internal = Object.keys(table).filter((i) => table[i] === k);
    for (const name of internal.length ? internal : [k]) out.append(name, v);
  }
  return out;
}

export function isDroppedResourceParam(version: DsApiVersion, name: string): boolean {
  return TABLES[version].droppedResourceParams.includes(name);
}

function renameDeep(
  value: unknown,
  keys: Readonly<Record<string, string>>,
  types: Readonly<Record<string, string>>,
  drop: ReadonlySet<string> = new Set(),
): unknown {
  if (Array.isArray(value)) return value.map((v) => renameDeep(v, keys, types, drop));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (drop.has(k)) continue;
    const renamed = renameDeep(v, keys, types, drop);
    out[keys[k] ?? k] = k === 'taskType' && typeof v === 'string' ? (types[v] ?? v) : renamed;
  }
  return out;
}

/** A JSON value (request JSON string content or response data) with internal keys spelled for the version. */
export function toWireJson(version: DsApiVersion, value: unknown): unknown {
  const t = TABLES[version];
  return version === '3.2' ? value : renameDeep(value, t.fields, t.taskTypes);
}

/** A JSON value the version sent, with internal keys; keys only the other line reads are dropped. */
export function toInternalJson(version: DsApiVersion, value: unknown): unknown {
  const t = TABLES[version];
  if (version === '3.2') return value;
  const wire = new Set(Object.values(t.fields));
  const foreign = new Set(Object.keys(t.fields).filter((k) => !wire.has(k)));
  return renameDeep(value, invert(t.fields), invert(t.taskTypes), foreign);
}

const WORKFLOW_STATES_32 = [
  'SUBMITTED_SUCCESS',
  'RUNNING_EXECUTION',
  'READY_PAUSE',
  'PAUSE',
  'READY_STOP',
  'STOP',
  'FAILURE',
  'SUCCESS',
  'DELAY_EXECUTION',
  'SERIAL_WAIT',
  'READY_BLOCK',
  'BLOCK',
  'WAIT_TO_RUN',
];

const TASK_STATES_32 = [
  'SUBMITTED_SUCCESS',
  'RUNNING_EXECUTION',
  'PAUSE',
  'STOP',
  'FAILURE',
  'SUCCESS',
  'NEED_FAULT_TOLERANCE',
  'KILL',
  'DELAY_EXECUTION',
  'FORCED_SUCCESS',
  'DISPATCH',
];

const without = (list: readonly string[], gone: readonly string[]): string[] =>
  list.filter((s) => !gone.includes(s));

/** Workflow instance states (spec §7.1 / §10) in ordinal order: 3.3 drops three and appends FAILOVER. */
export const WORKFLOW_STATES: Readonly<Record<DsApiVersion, readonly string[]>> = {
  '3.2': WORKFLOW_STATES_32,
  '3.3': [...without(WORKFLOW_STATES_32, ['DELAY_EXECUTION', 'READY_BLOCK', 'BLOCK']), 'FAILOVER'],
};

/** Task instance states (spec §7.2 / §10) in ordinal order: 3.3 drops STOP. */
export const TASK_STATES: Readonly<Record<DsApiVersion, readonly string[]>> = {
  '3.2': TASK_STATES_32,
  '3.3': without(TASK_STATES_32, ['STOP']),
};
