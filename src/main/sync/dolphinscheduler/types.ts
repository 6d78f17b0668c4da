/** Wire shapes of the DolphinScheduler 3.2.2 REST API (the DolphinScheduler API specification), only the fields we read. */

export interface DsEnvelope<T> {
  code: number;
  msg: string;
  data: T;
  success?: boolean;
  failed?: boolean;
}

export interface PageInfo<T> {
  totalList: T[];
  total: number;
  totalPage: number;
  pageSize: number;
  currentPage: number;
}

export interface DsUserInfo {
  id: number;
  userName: string;
  userType: string;
  tenantCode?: string;
}

export interface DsProjectInfo {
  code: number;
  name: string;
  description?: string;
}

export interface StorageEntity {
  fullName: string;
  fileName: string;
  alias: string;
  directory: boolean;
  size: number;
  userName: string;
  updateTime?: string;
}

export interface DsProperty {
  prop: string;
  direct: 'IN' | 'OUT';
  type: string;
  value: string;
}

export interface DsTaskDefinition {
  code: number;
  version: number;
  name: string;
  description: string;
  taskType: string;
  taskParams: Record<string, unknown>;
  flag: 'YES' | 'NO';
  isCache: 'YES' | 'NO';
  taskPriority: string;
  workerGroup: string;
  environmentCode: number;
  failRetryTimes: number;
  /** Minutes. */
  failRetryInterval: number;
  timeoutFlag: 'OPEN' | 'CLOSE';
  timeoutNotifyStrategy: string | null;
  /** Minutes. */
  timeout: number;
  delayTime: number;
  cpuQuota: number;
  memoryMax: number;
  taskExecuteType: 'BATCH' | 'STREAM';
}

export interface DsRelation {
  name: string;
  preTaskCode: number;
  preTaskVersion: number;
  postTaskCode: number;
  postTaskVersion: number;
  conditionType: string;
  conditionParams: Record<string, unknown>;
}

export interface DsProcessDefinition {
  code: number;
  name: string;
  version: number;
  releaseState: 'ONLINE' | 'OFFLINE' | null;
  description: string;
  globalParams: string;
  locations: string | null;
  timeout: number;
  executionType: string;
  updateTime?: string;
  modifyBy?: string | null;
  userName?: string | null;
  scheduleReleaseState?: 'ONLINE' | 'OFFLINE' | null;
}

export interface DsDagData {
  processDefinition: DsProcessDefinition;
  processTaskRelationList: DsRelation[];
  taskDefinitionList: DsTaskDefinition[];
}

/** What create / update of a workflow definition sends (all JSON-valued fields as objects; the client stringifies). */
export interface DsDefinitionBody {
  name: string;
  description: string;
  globalParams: DsProperty[];
  locations: { taskCode: number; x: number; y: number }[];
  timeout: number;
  executionType: string;
  taskDefinitionJson: DsTaskDefinition[];
  taskRelationJson: DsRelation[];
}

export interface DsScheduleParam {
  startTime: string;
  endTime: string;
  crontab: string;
  timezoneId: string;
}

export interface DsSchedule extends DsScheduleParam {
  id: number;
  processDefinitionCode: number;
  releaseState: 'ONLINE' | 'OFFLINE';
  failureStrategy: string;
  warningType: string;
  processInstancePriority: string;
  workerGroup: string;
  tenantCode: string;
}

export interface DsProcessInstance {
  id: number;
  name: string;
  processDefinitionCode: number;
  processDefinitionVersion: number;
  state: string;
  commandType: string;
  scheduleTime: string | null;
  startTime: string | null;
  endTime: string | null;
  commandStartTime: string | null;
  runTimes: number;
  globalParams: string | null;
  executorName?: string | null;
  dagData?: DsDagData;
}

export interface DsTaskInstance {
  id: number;
  name: string;
  taskType: string;
  processInstanceId: number;
  taskCode: number;
  state: string;
  submitTime: string | null;
  startTime: string | null;
  endTime: string | null;
  retryTimes: number;
}

export interface DsStartRequest {
  processDefinitionCode: number;
  /** Complement only: `{complementStartDate, complementEndDate}` or `{complementScheduleDateList}`. */
  scheduleTime?: Record<string, string>;
  failureStrategy?: 'END' | 'CONTINUE';
  warningType?: 'NONE' | 'SUCCESS' | 'FAILURE' | 'ALL';
  execType?: 'START_PROCESS' | 'COMPLEMENT_DATA';
  startNodeList?: readonly number[];
  taskDependType?: 'TASK_ONLY' | 'TASK_PRE' | 'TASK_POST';
  runMode?: 'RUN_MODE_SERIAL' | 'RUN_MODE_PARALLEL';
  executionOrder?: 'DESC_ORDER' | 'ASC_ORDER';
  startParams?: Readonly<Record<string, string>>;
  dryRun?: 0 | 1;
}

export type DsExecuteType =
  'REPEAT_RUNNING' | 'RECOVER_SUSPENDED_PROCESS' | 'START_FAILURE_TASK_PROCESS' | 'STOP' | 'PAUSE';
