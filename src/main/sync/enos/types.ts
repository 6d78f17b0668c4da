/**
 * Wire types of the EnOS Batch Processing Service V2.1 (spec/enos-api.md §3-§5). Where the
 * docs disagree on a field's type (spec §7) the union of observed types is kept.
 */
import { RUN_STATES } from '../../../shared/model/run';

/** Ids the service sends sometimes as numbers, sometimes as numeric strings (spec §7.2). */
export type NumericId = number | string;

/** `{code, msg, requestId, data}` (spec §1.3). */
export interface EnosEnvelope<T> {
  code: number;
  msg: string;
  requestId?: string;
  data: T;
}

/** Token service reply (spec §1.7.1); uses `status`, not `code`. */
export interface TokenEnvelope {
  status: number;
  msg: string;
  business?: string;
  data?: { accessToken: string; expire: number } | null;
}

/** §5.1: the same codes as the local runner's states. */
export const FLOW_INSTANCE_STATUS = RUN_STATES;
export type FlowInstanceStatusName = keyof typeof FLOW_INSTANCE_STATUS;
export type FlowInstanceStatusCode = (typeof FLOW_INSTANCE_STATUS)[FlowInstanceStatusName];

/** §5.2 */
export type EnosCycle = 'M' | 'W' | 'D' | 'H' | 'mi';
/** §5.3: 0 manual, 1 periodic, 2 temporary. */
export type SchedulingType = 0 | 1 | 2;
/** §5.4: 0 off, 1 e-mail, 2 SMS, 3 both. */
export type AlertMode = 0 | 1 | 2 | 3;

/** `{key, value}` items of workflow parameters (§4.6). */
export interface ParameterItem {
  key: string;
  value: string;
}

/** §4.2 TaskNode. */
export interface TaskNode {
  taskId: NumericId;
  taskName: string;
  nodeId: string;
  x: number;
  y: number;
  status?: string;
  taskInstId?: string;
}

/** §4.2 FlowNode. */
export interface FlowNode {
  flowId: NumericId;
  flowName: string;
  nodeId: string;
  isVirtual: boolean;
  x: number;
  y: number;
  flowInstId?: string;
  status?: string;
}

/** §4.2 NodeRelation. */
export interface NodeRelation {
  source: string;
  target: string;
  cycleGap: string;
  rerun: boolean;
}

/** §4.2 FlowGraph: the value of `graph` (a JSON string) and the shape of the Save Flow body. */
export interface FlowGraph {
  name: string;
  type: SchedulingType;
  cycle: EnosCycle;
  freq: string;
  startTime?: string;
  active?: 0 | 1;
  alertMode: AlertMode;
  creator?: string;
  owners: string;
  visitors: string;
  doAs: string;
  queue?: string;
  desc?: string;
  syncType?: number;
  parameters?: string;
  tasks?: TaskNode[];
  flows?: FlowNode[];
  relations?: NodeRelation[];
}

/** §4.1 Flow (Get Flow / Load Flow For Edit). */
export interface Flow {
  flowId: number;
  flowName: string;
  active: 0 | 1;
  creator: string;
  createTime: string;
  updateUser: string;
  updateTime: string;
  freq: string;
  cycle: EnosCycle;
  parameters: string;
  owner: string;
  visitor: string;
  doAs: string;
  alertMode: AlertMode;
  /** FlowGraph as a JSON string; see `parseFlowGraph`. */
  graph: string;
  entry: number;
  type: SchedulingType;
  syncType: number;
  desc: string;
  startTime: string;
  virtual: boolean;
  locked: boolean;
  hasEditPri: boolean;
  hasReadPri: boolean;
  isUserLocked: boolean;
  queue?: string;
}

/** §4.4 RunMode, carried as a JSON string in `runMode`. */
export interface RunMode {
  taskMode: 1 | 2;
  cpu: number;
  memory: number;
  maxParallel: number;
  keyType: 0 | 1 | 2;
  datasourceId: number;
  path: string;
  content: string;
}

/** §4.3 PortableTask. */
export interface PortableTask {
  name: string;
  resource: string;
  /** Samples send strings (`COMMAND`, `DATA_INTEGRATION`); the doc says integer (§5.5). */
  type: string | number;
  syncType: number;
  cmd: string;
  submitter: string;
  filePackage: string;
  cron: string;
  priorityLevel: number;
  timeout: number;
  retryLimit: number;
  retryInterval: number;
  successCode: string;
  waitCode?: string;
  asLink: boolean;
  /** RunMode as a JSON string. */
  runMode: string;
}

export interface FlowLink {
  linkId: string;
  sourceFlowName: string;
}
export interface TaskLink {
  linkId: string;
  sourceFlowName: string;
  sourceTaskName: string;
}
export interface TaskRelation {
  sourceTaskName: string;
  targetTaskName: string;
  rerun: boolean;
}
export interface LinkRelation {
  linkId: string;
  targetTaskName: string;
  rerun: boolean | null;
}

/** §4.3 PortableFlow (Export Flow `data`, Import Flow `flowJson`). */
export interface PortableFlow {
  name: string;
  cycle: EnosCycle;
  cron: string;
  parameters: string;
  alertMode: AlertMode;
  submitter: string;
  owners: string;
  visitors: string;
  type: SchedulingType;
  syncType: number;
  desc: string;
  startTime: string;
  tasks: PortableTask[];
  flowLinks: FlowLink[];
  taskLinks: TaskLink[];
  relations: TaskRelation[];
  linkRelations: LinkRelation[];
}

/** §3.10 Get My Flow item. */
export interface MyFlowItem {
  flowId: NumericId;
  flowName: string;
  editable: boolean;
  cycle: EnosCycle;
}

/** §3.16 WorkFlowDir node (directory or workflow file). */
export interface WorkFlowDir {
  title: string;
  /** 32-hex directory id, or the flowId of a workflow file. */
  key: string | number;
  type: number | string;
  isDirectory: boolean;
  children?: WorkFlowDir[];
  editable?: boolean;
}

/** §4.5 FlowInstance. */
export interface FlowInstance {
  instanceId: string;
  flowId: number;
  flowName: string;
  freq: string;
  cycle: EnosCycle;
  parameters: string;
  doAs: string;
  /** InstanceGraph as a JSON string; see `parseInstanceGraph`. */
  graph: string;
  status: FlowInstanceStatusCode;
  statusDesc: string;
  triggerTime: string;
  startTime: string | null;
  endTime: string | null;
  timestamp: string;
  virtual: boolean;
  owner: string;
  alertMode?: AlertMode;
  calDt?: string;
  hasEditPri: boolean;
  hasReadPri: boolean;
  /** List Flow Instances items only. */
  isCancelled?: boolean;
}

/** §4.5 InstanceGraph: FlowGraph subset plus instance ids and node statuses. */
export interface InstanceGraph extends Partial<FlowGraph> {
  instId: string;
  id: number;
  tasks: TaskNode[];
  flows: FlowNode[];
  relations: NodeRelation[];
}

/** §4.7 TaskInstance. */
export interface TaskInstance {
  instanceId: string;
  taskId: number;
  taskName: string;
  cycle: EnosCycle;
  status: FlowInstanceStatusCode;
  runNum: number;
  type: number | string;
  syncType: number | null;
  freq: string | null;
  ifPre: number;
  stsDesc: string;
  recallNum: number;
  triggerTime: string;
  timeout: number;
  recallLimit: number;
  recallInterval: number;
  startTime: string | null;
  endTime: string | null;
  timeStamp: string;
  isTimeout: boolean;
  flowInstId: string;
  doAs: string;
  alert: boolean;
  runMode: string;
  cmd: string;
  hasResourceBefore: boolean;
  resourceName: string;
  fileName: string;
  resourceVersion: string;
}

/** §1.4 */
export interface Sorter {
  field: string;
  order?: 'ASC' | 'DESC';
}
export interface Pagination {
  pageNo: number;
  pageSize: number;
  sorters?: Sorter[];
}

/** §3.14 */
export interface ImportFlowRequest {
  flowId?: number;
  flowName: string;
  desc?: string;
  dirId: string;
  flowJson: PortableFlow;
}

/** §3.15 */
export interface ListFlowInstancesRequest {
  type: SchedulingType;
  expression?: string;
  owner?: string;
  fromTriggerTime: number;
  toTriggerTime: number;
  /** Comma-separated status codes, e.g. `"1,2"`. */
  status: string;
  pagination: Pagination;
}

/** §3.18 Save Flow body: FlowGraph plus the workflow id. */
export interface SaveFlowRequest extends FlowGraph {
  id: NumericId;
  active: 0 | 1;
}

/** §3.19 */
export interface SearchFlowRequest {
  expression?: string;
  pagination: Pagination;
}
