/**
 * Wire types of the EnOS Batch Processing Service V2.1 (the EnOS API specification §3-§5). Where the
 * docs disagree on a field's type (spec §7) the union of observed types is kept.
 */
import { RUN_STATES } from '../../../shared/model/run';
import type {
  NumericId,
  EnosCycle,
  SchedulingType,
  AlertMode,
  TaskNode,
  FlowNode,
  NodeRelation,
  FlowGraph,
  PortableFlow,
} from '../../../shared/enos-portable';
export type {
  NumericId,
  EnosCycle,
  SchedulingType,
  AlertMode,
  ParameterItem,
  TaskNode,
  FlowNode,
  NodeRelation,
  FlowGraph,
  RunMode,
  PortableTask,
  FlowLink,
  TaskLink,
  TaskRelation,
  LinkRelation,
  PortableFlow,
} from '../../../shared/enos-portable';

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
