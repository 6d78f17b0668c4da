import type { DsApiVersion } from '../../sync/dolphinscheduler/api-version';

/**
 * The entries of DolphinScheduler's `Status` enum (dolphinscheduler-api `api/enums/Status.java`)
 * the emulator answers with: the code, the English template of 3.2.2 and, where the dev (3.3)
 * line renamed it ("process" -> "workflow"), the dev name and template. A test checks every entry
 * against the tables read from both versions' source (shared/oracles/dolphinscheduler).
 */
interface StatusEntry {
  code: number;
  en: string;
  /** [name, English template] on the dev / 3.3 line, when either differs. */
  dev?: readonly [string, string];
}

export const STATUS = {
  REQUEST_PARAMS_NOT_VALID_ERROR: { code: 10001, en: 'request parameter {0} is not valid' },
  DATA_IS_NOT_VALID: { code: 50017, en: 'data {0} not valid' },
  DESCRIPTION_TOO_LONG_ERROR: { code: 1400004, en: 'description is too long error' },
  PROCESS_DEFINITION_NAME_EXIST: {
    code: 10168,
    en: 'process definition name {0} already exists',
    dev: ['WORKFLOW_DEFINITION_NAME_EXIST', 'workflow definition name {0} already exists'],
  },
  PROCESS_NODE_S_PARAMETER_INVALID: {
    code: 50020,
    en: 'process node {0} parameter invalid',
    dev: ['WORKFLOW_NODE_S_PARAMETER_INVALID', 'workflow node {0} parameter invalid'],
  },
  CHECK_PROCESS_TASK_RELATION_ERROR: {
    code: 50036,
    en: 'check process task relation error',
    dev: ['CHECK_WORKFLOW_TASK_RELATION_ERROR', 'check workflow task relation error'],
  },
  TASK_DEFINE_NOT_EXIST: { code: 50030, en: 'task definition [{0}] does not exist' },
  PROCESS_NODE_HAS_CYCLE: {
    code: 50019,
    en: 'process node has cycle',
    dev: ['WORKFLOW_NODE_HAS_CYCLE', 'workflow node has cycle'],
  },
  PROCESS_DEFINE_NOT_EXIST: {
    code: 50003,
    en: 'process definition {0} does not exist',
    dev: ['WORKFLOW_DEFINITION_NOT_EXIST', 'workflow definition {0} does not exist'],
  },
  PROCESS_DEFINE_NOT_ALLOWED_EDIT: {
    code: 50008,
    en: 'process definition {0} does not allow edit',
    dev: ['WORKFLOW_DEFINITION_NOT_ALLOWED_EDIT', 'workflow definition {0} does not allow edit'],
  },
  PROCESS_DAG_IS_EMPTY: {
    code: 50035,
    en: 'process dag is empty',
    dev: ['WORKFLOW_DAG_IS_EMPTY', 'workflow dag is empty'],
  },
  USER_NO_OPERATION_PERM: { code: 30001, en: 'user has no operation privilege' },
  PROCESS_DEFINE_STATE_ONLINE: {
    code: 50021,
    en: 'process definition [{0}] is already online',
    dev: ['WORKFLOW_DEFINE_STATE_ONLINE', 'workflow definition [{0}] is already online'],
  },
  DELETE_PROCESS_DEFINITION_EXECUTING_FAIL: {
    code: 10163,
    en: 'delete process definition by code fail, for there are {0} process instances in executing using it',
    dev: [
      'DELETE_WORKFLOW_DEFINITION_EXECUTING_FAIL',
      'delete workflow definition by code fail, for there are {0} workflow instances in executing using it',
    ],
  },
  SCHEDULE_STATE_ONLINE: { code: 50023, en: 'the status of schedule {0} is already online' },
  USER_NAME_PASSWD_ERROR: { code: 10013, en: 'user name or password error' },
  USER_DISABLED: { code: 10148, en: 'The current user is disabled' },
  PROJECT_NOT_FOUND: { code: 10018, en: 'project {0} not found ' },
  PROJECT_NOT_EXIST: { code: 10190, en: 'This project was not found. Please refresh page.' },
  PROJECT_ALREADY_EXISTS: { code: 10019, en: 'project {0} already exists' },
  DELETE_PROJECT_ERROR_DEFINES_NOT_NULL: {
    code: 10137,
    en: 'please delete the process definitions in project first!',
    dev: [
      'DELETE_PROJECT_ERROR_DEFINES_NOT_NULL',
      'please delete the workflow definitions in project first!',
    ],
  },
  ILLEGAL_RESOURCE_PATH: { code: 20020, en: 'Resource file [{0}] is illegal' },
  VERIFY_PARAMETER_NAME_FAILED: { code: 1300009, en: 'The file name verify failed' },
  RESOURCE_FULL_NAME_TOO_LONG_ERROR: { code: 1300015, en: "resource's fullname is too long error" },
  RESOURCE_EXIST: { code: 20005, en: 'resource already exists' },
  RESOURCE_FILE_IS_EMPTY: { code: 10062, en: 'resource file is empty' },
  RESOURCE_SUFFIX_FORBID_CHANGE: { code: 20008, en: 'resource suffix not allowed to be modified' },
  INTERNAL_SERVER_ERROR_ARGS: { code: 10000, en: 'Internal Server Error: {0}' },
  RESOURCE_NOT_EXIST: { code: 20004, en: 'resource not exist' },
  RESOURCE_SUFFIX_NOT_SUPPORT_VIEW: { code: 20006, en: 'resource suffix do not support online viewing' },
  RESOURCE_FILE_NOT_EXIST: { code: 20012, en: 'resource file {0} not exists !' },
  TASK_TIMEOUT_PARAMS_ERROR: { code: 10002, en: 'task timeout parameter is not valid' },
  TENANT_NOT_EXIST: { code: 10017, en: 'tenant [{0}] not exists' },
  START_PROCESS_INSTANCE_ERROR: {
    code: 50014,
    en: 'start process instance error',
    dev: ['START_WORKFLOW_INSTANCE_ERROR', 'start workflow instance error'],
  },
  PROCESS_DEFINE_NOT_RELEASE: {
    code: 50004,
    en: 'process definition {0} process version {1} not online',
    dev: ['WORKFLOW_DEFINITION_NOT_RELEASE', 'workflow definition {0} workflow version {1} not online'],
  },
  START_NODE_NOT_EXIST_IN_LAST_PROCESS: {
    code: 10207,
    en: 'this node {0} does not exist in the latest process definition',
    dev: [
      'START_NODE_NOT_EXIST_IN_LAST_WORKFLOW',
      'this node {0} does not exist in the latest workflow definition',
    ],
  },
  SCHEDULE_TIME_NUMBER_EXCEED: { code: 1400003, en: 'The number of complement dates exceed 100.' },
  START_TIME_BIGGER_THAN_END_TIME_ERROR: { code: 80003, en: 'start time bigger than end time error' },
  PROCESS_INSTANCE_NOT_EXIST: {
    code: 50001,
    en: 'process instance {0} does not exist',
    dev: ['WORKFLOW_INSTANCE_NOT_EXIST', 'workflow instance {0} does not exist'],
  },
  EXECUTE_PROCESS_INSTANCE_ERROR: {
    code: 50015,
    en: 'execute process instance error',
    dev: ['EXECUTE_WORKFLOW_INSTANCE_ERROR', 'execute workflow instance error'],
  },
  SCHEDULE_START_TIME_END_TIME_SAME: { code: 10141, en: 'The start time must not be the same as the end' },
  SCHEDULE_ALREADY_EXISTS: {
    code: 10204,
    en: 'workflow {0} schedule {1} already exist, please update or delete it',
  },
  SCHEDULE_NOT_EXISTS: { code: 10203, en: 'schedule {0} does not exist' },
  SCHEDULE_CRON_ONLINE_FORBID_UPDATE: { code: 10023, en: 'online status does not allow update operations' },
  SCHEDULE_CRON_CHECK_FAILED: { code: 10024, en: 'scheduler crontab expression validation failure: {0}' },
  PARSE_TO_CRON_EXPRESSION_ERROR: { code: 10140, en: 'parse cron to cron expression error' },
  TASK_INSTANCE_NOT_FOUND: { code: 10008, en: 'task instance not found' },
  TASK_INSTANCE_HOST_IS_NULL: { code: 10191, en: 'task instance host is null' },
  TASK_INSTANCE_STATE_OPERATION_ERROR: {
    code: 10166,
    en: 'the status of task instance {0} is {1},Cannot perform force success operation',
  },
  USER_LOGIN_FAILURE: { code: 10043, en: 'user login failure' },
  PROCESS_INSTANCE_STATE_OPERATION_ERROR: {
    code: 50006,
    en: 'the status of process instance {0} is {1},Cannot perform {2} operation',
    dev: [
      'WORKFLOW_INSTANCE_STATE_OPERATION_ERROR',
      'the status of workflow instance {0} is {1},Cannot perform {2} operation',
    ],
  },
  CURRENT_LOGIN_USER_TENANT_NOT_EXIST: {
    code: 10181,
    en: 'the tenant of the currently login user is not specified',
  },
  ACCESS_TOKEN_NOT_EXIST: { code: 70015, en: 'access token not exist, tokenId {0}' },
  SIGN_OUT_ERROR: { code: 10123, en: 'sign out error' },
  GET_USER_INFO_ERROR: { code: 10098, en: 'get user info error' },
  CREATE_ACCESS_TOKEN_ERROR: { code: 70010, en: 'create access token error' },
  CREATE_PROJECT_ERROR: { code: 10048, en: 'create project error' },
  LOGIN_USER_QUERY_PROJECT_LIST_PAGING_ERROR: {
    code: 10049,
    en: 'login user query project list paging error',
  },
  QUERY_PROJECT_DETAILS_BY_CODE_ERROR: { code: 10047, en: 'query project details by code error' },
  DELETE_PROJECT_ERROR: { code: 10050, en: 'delete project error' },
  CREATE_RESOURCE_ERROR: { code: 10054, en: 'create resource error' },
  UPDATE_RESOURCE_ERROR: { code: 10055, en: 'update resource error' },
  QUERY_RESOURCES_LIST_PAGING: { code: 10057, en: 'query resources list paging' },
  QUERY_RESOURCES_LIST_ERROR: { code: 10056, en: 'query resources list error' },
  VERIFY_RESOURCE_BY_NAME_AND_TYPE_ERROR: { code: 10059, en: 'verify resource by name and type error' },
  VIEW_RESOURCE_FILE_ON_LINE_ERROR: { code: 10060, en: 'view resource file online error' },
  DOWNLOAD_RESOURCE_FILE_ERROR: { code: 10064, en: 'download resource file error' },
  DELETE_RESOURCE_ERROR: { code: 10058, en: 'delete resource error' },
  CREATE_PROCESS_DEFINITION_ERROR: {
    code: 10105,
    en: 'create process definition error',
    dev: ['CREATE_WORKFLOW_DEFINITION_ERROR', 'create workflow definition error'],
  },
  QUERY_PROCESS_DEFINITION_LIST_PAGING_ERROR: {
    code: 10122,
    en: 'query process definition list paging error',
    dev: ['QUERY_WORKFLOW_DEFINITION_LIST_PAGING_ERROR', 'query workflow definition list paging error'],
  },
  QUERY_PROCESS_DEFINITION_LIST: {
    code: 10110,
    en: 'query process definition list',
    dev: ['QUERY_WORKFLOW_DEFINITION_LIST', 'query workflow definition list'],
  },
  QUERY_DETAIL_OF_PROCESS_DEFINITION_ERROR: {
    code: 10109,
    en: 'query detail of process definition error',
    dev: ['QUERY_DETAIL_OF_WORKFLOW_DEFINITION_ERROR', 'query detail of workflow definition error'],
  },
  VERIFY_PROCESS_DEFINITION_NAME_UNIQUE_ERROR: {
    code: 10106,
    en: 'verify process definition name unique error',
    dev: ['VERIFY_WORKFLOW_DEFINITION_NAME_UNIQUE_ERROR', 'verify workflow definition name unique error'],
  },
  UPDATE_PROCESS_DEFINITION_ERROR: {
    code: 10107,
    en: 'update process definition error',
    dev: ['UPDATE_WORKFLOW_DEFINITION_ERROR', 'update workflow definition error'],
  },
  DELETE_PROCESS_DEFINE_BY_CODE_ERROR: {
    code: 50022,
    en: 'delete process definition by code error',
    dev: ['DELETE_WORKFLOW_DEFINE_BY_CODE_ERROR', 'delete workflow definition by code error'],
  },
  RELEASE_PROCESS_DEFINITION_ERROR: {
    code: 10108,
    en: 'release process definition error',
    dev: ['RELEASE_WORKFLOW_DEFINITION_ERROR', 'release workflow definition error'],
  },
  QUERY_PROCESS_DEFINITION_VERSIONS_ERROR: {
    code: 10154,
    en: 'query process definition versions error',
    dev: ['QUERY_WORKFLOW_DEFINITION_VERSIONS_ERROR', 'query workflow definition versions error'],
  },
  CREATE_SCHEDULE_ERROR: { code: 10076, en: 'create schedule error' },
  UPDATE_SCHEDULE_ERROR: { code: 10077, en: 'update schedule error' },
  PUBLISH_SCHEDULE_ONLINE_ERROR: { code: 10078, en: 'publish schedule online error' },
  OFFLINE_SCHEDULE_ERROR: { code: 10079, en: 'offline schedule error' },
  QUERY_SCHEDULE_LIST_PAGING_ERROR: { code: 10080, en: 'query schedule list paging error' },
  DELETE_SCHEDULE_BY_ID_ERROR: { code: 50024, en: 'delete schedule by id error' },
  PREVIEW_SCHEDULE_ERROR: { code: 10139, en: 'preview schedule error' },
  QUERY_PROCESS_INSTANCE_LIST_PAGING_ERROR: {
    code: 10113,
    en: 'query process instance list paging error',
    dev: ['QUERY_WORKFLOW_INSTANCE_LIST_PAGING_ERROR', 'query workflow instance list paging error'],
  },
  QUERY_PROCESS_INSTANCE_BY_ID_ERROR: {
    code: 10116,
    en: 'query process instance by id error',
    dev: ['QUERY_WORKFLOW_INSTANCE_BY_ID_ERROR', 'query workflow instance by id error'],
  },
  DELETE_PROCESS_INSTANCE_BY_ID_ERROR: {
    code: 10117,
    en: 'delete process instance by id error',
    dev: ['DELETE_WORKFLOW_INSTANCE_BY_ID_ERROR', 'delete workflow instance by id error'],
  },
  QUERY_TASK_LIST_BY_PROCESS_INSTANCE_ID_ERROR: {
    code: 10114,
    en: 'query task list by process instance id error',
    dev: ['QUERY_TASK_LIST_BY_WORKFLOW_INSTANCE_ID_ERROR', 'query task list by workflow instance id error'],
  },
  QUERY_TASK_LIST_PAGING_ERROR: { code: 10082, en: 'query task list paging error' },
  FORCE_TASK_SUCCESS_ERROR: { code: 10165, en: 'force task success error' },
  QUERY_TASK_INSTANCE_LOG_ERROR: { code: 10103, en: 'view task instance log error: {0}' },
  DOWNLOAD_TASK_INSTANCE_LOG_FILE_ERROR: { code: 10104, en: 'download task instance log file error' },
} as const satisfies Record<string, StatusEntry>;

export type StatusName = keyof typeof STATUS;

/** The name, code and template a profile answers with. */
export function statusOf(
  name: StatusName,
  profile: DsApiVersion,
): { name: string; code: number; template: string } {
  const s: StatusEntry = STATUS[name];
  if (profile === '3.3' && s.dev) return { name: s.dev[0], code: s.code, template: s.dev[1] };
  return { name, code: s.code, template: s.en };
}

/**
 * `java.text.MessageFormat.format` as DolphinScheduler calls it for messages: `{n}` takes
 * argument n (numbers with grouping, `1,234`; a missing argument leaves `{n}` as written), a
 * quote starts a literal section and `''` is a quote.
 */
export function javaMessageFormat(template: string, args: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === "'") {
      if (template[i + 1] === "'") {
        out += "'";
        i++;
        continue;
      }
      const end = template.indexOf("'", i + 1);
      out += template.slice(i + 1, end === -1 ? undefined : end);
      i = end === -1 ? template.length : end;
      continue;
    }
    const m = c === '{' ? /^\{(\d+)\}/.exec(template.slice(i)) : null;
    if (m) {
      const n = Number(m[1]);
      out += n < args.length ? formatArg(args[n]) : m[0];
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

function formatArg(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : String(v);
  return v === null || v === undefined ? 'null' : String(v);
}
