import { TASK_STATES, WORKFLOW_STATES, type DsApiVersion } from '../../sync/dolphinscheduler/api-version';
import {
  ParamError,
  duration,
  enumParam,
  int,
  opt,
  pageOf,
  paging,
  parseJsonParam,
  pathInt,
  req,
  type DsContext,
} from './context';
import { current, dagData, definitionOf } from './definitions';
import { projectOf } from './projects';
import { fireInstantsBetween } from '../../../shared/cron';
import { isValidZone } from '../../../shared/time/zone';
import { runSetOf, validTasks, versionOf } from './simulation';
import { DsFailure, FINISHED_TASK, FINISHED_WORKFLOW, type DsInstance, type DsTaskInstance } from './state';

/** Executors, process and task instances, logs and force success (spec §5.6-§5.9). */

const DEPEND = ['TASK_ONLY', 'TASK_PRE', 'TASK_POST'] as const;
const EXEC = ['START_PROCESS', 'COMPLEMENT_DATA'] as const;
const FAILURE = ['END', 'CONTINUE'] as const;
const WARNING = ['NONE', 'SUCCESS', 'FAILURE', 'ALL', 'GLOBAL'] as const;

const stamp = (ctx: DsContext, ms: number): string =>
  ctx.state.fmt(ms)!.replace(/[- :]/g, '') + String(ms % 1000).padStart(3, '0');

function newInstance(
  ctx: DsContext,
  init: Omit<DsInstance, 'id' | 'name' | 'runTimes' | 'state' | 'executorId'>,
): DsInstance {
  const d = ctx.state.definitions.get(init.processDefinitionCode)!;
  const id = ctx.state.nextId('instance');
  const i: DsInstance = {
    ...init,
    id,
    name: `${current(d).name}-1-${stamp(ctx, ctx.now)}${id}`,
    runTimes: 1,
    state: 'SUBMITTED_SUCCESS',
    executorId: ctx.user.id,
  };
  ctx.state.instances.set(id, i);
  return i;
}

/** 3.2 answers the trigger code; 3.3 the ids of the instances it created (spec §10). */
function startAnswer(ctx: DsContext, triggerCode: number): number | number[] {
  if (ctx.state.profile === '3.2') return triggerCode;
  return [...ctx.state.instances.values()].filter((i) => i.triggerCode === triggerCode).map((i) => i.id);
}

/** `startParams`: a JSON object; 3.3 also takes a Property[] (spec §10). */
function startParamsOf(ctx: DsContext): Record<string, string> {
  const text = opt(ctx, 'startParams');
  if (!text) return {};
  const raw = parseJsonParam<unknown>(text, 'startParams');
  if (Array.isArray(raw) && ctx.state.profile === '3.3')
    return Object.fromEntries(
      (raw as { prop?: unknown; value?: unknown }[]).map((p) => [String(p.prop), String(p.value ?? '')]),
    );
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new DsFailure('REQUEST_PARAMS_NOT_VALID_ERROR', ['startParams']);
  return raw as Record<string, string>;
}

export function startProcessInstance(ctx: DsContext): number | number[] {
  const project = projectOf(ctx);
  const code = int(ctx, 'processDefinitionCode');
  const scheduleTime = req(ctx, 'scheduleTime');
  const failureStrategy = enumParam(ctx, 'failureStrategy', FAILURE);
  enumParam(ctx, 'warningType', WARNING);
  const execType = enumParam(ctx, 'execType', EXEC, 'START_PROCESS');
  const dependType = enumParam(ctx, 'taskDependType', DEPEND, 'TASK_POST');
  const timeout = ctx.state.profile === '3.2' ? int(ctx, 'timeout', 86400) : 86400;
  if (timeout <= 0 || timeout > 86400) throw new DsFailure('TASK_TIMEOUT_PARAMS_ERROR');
  const tenant = opt(ctx, 'tenantCode') || 'default';
  if (tenant !== 'default') throw new DsFailure('TENANT_NOT_EXIST', [tenant]);
  const d = ctx.state.definitions.get(code);
  if (!d || d.projectCode !== project.code) throw new DsFailure('START_PROCESS_INSTANCE_ERROR');
  if (d.releaseState !== 'ONLINE') throw new DsFailure('PROCESS_DEFINE_NOT_RELEASE', [code, d.version]);
  const v = current(d);
  const startNodes = (opt(ctx, 'startNodeList') ?? '').split(',').filter(Boolean).map(Number);
  for (const n of startNodes)
    if (!v.tasks.some((t) => t.code === n)) throw new DsFailure('START_NODE_NOT_EXIST_IN_LAST_PROCESS', [n]);
  const startParams = startParamsOf(ctx);
  const triggerCode = ctx.state.nextCode();
  const base = {
    processDefinitionCode: code,
    processDefinitionVersion: d.version,
    projectCode: project.code,
    taskDependType: dependType,
    failureStrategy,
    runSet: runSetOf(v, startNodes, dependType),
    startParams,
    startTime: ctx.now,
    triggerCode,
    dryRun: int(ctx, 'dryRun', 0),
  };
  if (execType === 'START_PROCESS') {
    newInstance(ctx, {
      ...base,
      commandType: startNodes.length ? 'START_CURRENT_TASK_PROCESS' : 'START_PROCESS',
    });
    ctx.state.count('start');
    return startAnswer(ctx, triggerCode);
  }
  const dates = complementDates(ctx, d.code, scheduleTime);
  const order = enumParam(ctx, 'executionOrder', ['DESC_ORDER', 'ASC_ORDER'] as const, 'DESC_ORDER');
  if (order === 'DESC_ORDER') dates.reverse();
  const parallel =
    enumParam(ctx, 'runMode', ['RUN_MODE_SERIAL', 'RUN_MODE_PARALLEL'] as const, 'RUN_MODE_SERIAL') ===
    'RUN_MODE_PARALLEL';
  let previous: DsInstance | undefined;
  for (const date of dates) {
    previous = newInstance(ctx, {
      ...base,
      commandType: 'COMPLEMENT_DATA',
      scheduleTime: date,
      waitFor: parallel ? undefined : previous?.id,
    });
  }
  ctx.state.count('complement');
  return startAnswer(ctx, triggerCode);
}

function complementDates(ctx: DsContext, code: number, text: string): number[] {
  const raw = parseJsonParam<Record<string, string>>(text || '{}', 'scheduleTime');
  if (raw.complementScheduleDateList) {
    const list = raw.complementScheduleDateList.split(',').map((s) => ctx.state.parseTime(s.trim()));
    if (list.length > 100) throw new DsFailure('SCHEDULE_TIME_NUMBER_EXCEED');
    if (list.some((x) => x === undefined))
      throw new DsFailure('REQUEST_PARAMS_NOT_VALID_ERROR', ['scheduleTime']);
    return list as number[];
  }
  const from = ctx.state.parseTime(raw.complementStartDate ?? '');
  const to = ctx.state.parseTime(raw.complementEndDate ?? '');
  if (from === undefined || to === undefined)
    throw new DsFailure('REQUEST_PARAMS_NOT_VALID_ERROR', ['scheduleTime']);
  if (from > to) throw new DsFailure('START_TIME_BIGGER_THAN_END_TIME_ERROR');
  const schedule = [...ctx.state.schedules.values()].find(
    (s) => s.processDefinitionCode === code && s.releaseState === 'ONLINE',
  );
  const dates = schedule
    ? fireInstantsBetween(
        schedule.crontab,
        from,
        to,
        101,
        isValidZone(schedule.timezoneId) ? schedule.timezoneId : 'UTC',
      )
    : [];
  if (!schedule) for (let t = from; t <= to && dates.length <= 100; t += 86_400_000) dates.push(t);
  if (dates.length > 100) throw new DsFailure('SCHEDULE_TIME_NUMBER_EXCEED');
  return dates;
}

function instanceOf(ctx: DsContext, id: number): DsInstance {
  const i = ctx.state.instances.get(id);
  if (!i || i.projectCode !== pathInt(ctx, 'pc')) throw new DsFailure('PROCESS_INSTANCE_NOT_EXIST', [id]);
  return i;
}

export function execute(ctx: DsContext): null {
  projectOf(ctx);
  const i = instanceOf(ctx, int(ctx, 'processInstanceId'));
  const type = enumParam(ctx, 'executeType', [
    'NONE',
    'REPEAT_RUNNING',
    'RECOVER_SUSPENDED_PROCESS',
    'START_FAILURE_TASK_PROCESS',
    'STOP',
    'PAUSE',
    'EXECUTE_TASK',
  ] as const);
  const refuse = (): never => {
    throw new DsFailure('EXECUTE_PROCESS_INSTANCE_ERROR');
  };
  const rerunWhere = (pred: (t: DsTaskInstance) => boolean, commandType: string): void => {
    for (const t of validTasks(ctx.state, i.id)) if (pred(t)) t.valid = false;
    i.state = 'SUBMITTED_SUCCESS';
    i.commandType = commandType;
    i.startTime = ctx.now;
    i.endTime = undefined;
    i.runTimes++;
  };
  switch (type) {
    case 'REPEAT_RUNNING':
      if (!FINISHED_WORKFLOW.has(i.state)) refuse();
      rerunWhere(() => true, 'REPEAT_RUNNING');
      break;
    case 'START_FAILURE_TASK_PROCESS':
      if (i.state !== 'FAILURE') refuse();
      rerunWhere(
        (t) => t.state === 'FAILURE' || t.state === 'KILL' || t.state === 'NEED_FAULT_TOLERANCE',
        'START_FAILURE_TASK_PROCESS',
      );
      break;
    case 'RECOVER_SUSPENDED_PROCESS':
      if (i.state !== 'PAUSE' && i.state !== 'STOP') refuse();
      rerunWhere((t) => t.state === 'KILL' || t.state === 'PAUSE', 'RECOVER_SUSPENDED_PROCESS');
      break;
    case 'PAUSE':
      if (i.state !== 'RUNNING_EXECUTION') refuse();
      i.state = 'READY_PAUSE';
      break;
    case 'STOP':
      if (!stoppable(ctx).has(i.state)) refuse();
      i.state = 'READY_STOP';
      break;
    default:
      refuse();
  }
  ctx.state.count(`execute:${type}`);
  return null;
}

/** States STOP accepts: 3.3 also READY_STOP, SERIAL_WAIT and WAIT_TO_RUN (spec §5.6, §10). */
function stoppable(ctx: DsContext): ReadonlySet<string> {
  return new Set(
    ctx.state.profile === '3.3'
      ? ['RUNNING_EXECUTION', 'READY_PAUSE', 'READY_STOP', 'SERIAL_WAIT', 'WAIT_TO_RUN']
      : ['RUNNING_EXECUTION', 'READY_PAUSE'],
  );
}

/** An optional state filter by name, among the states of the played line (spec §7, §10). */
function stateFilter(
  ctx: DsContext,
  states: Readonly<Record<DsApiVersion, readonly string[]>>,
): string | undefined {
  const v = opt(ctx, 'stateType');
  if (!v) return undefined;
  if (!states[ctx.state.profile].includes(v))
    throw new ParamError(`Failed to convert 'stateType' value '${v}'`);
  return v;
}

/** `WorkflowExecutionStatus.toString()` as 3.2.2 puts it in `/tasks` (spec §5.7 quirk). */
const STATE_CODE: Record<string, [number, string]> = {
  SUBMITTED_SUCCESS: [0, 'submit success'],
  RUNNING_EXECUTION: [1, 'running'],
  READY_PAUSE: [2, 'ready pause'],
  PAUSE: [3, 'pause'],
  READY_STOP: [4, 'ready stop'],
  STOP: [5, 'stop'],
  FAILURE: [6, 'failure'],
  SUCCESS: [7, 'success'],
  SERIAL_WAIT: [14, 'serial wait'],
};

function instanceView(ctx: DsContext, i: DsInstance, withDag = false): Record<string, unknown> {
  const d = ctx.state.definitions.get(i.processDefinitionCode);
  const v = versionOf(ctx.state, i);
  const user = ctx.state.users.get(i.executorId);
  return {
    id: i.id,
    processDefinitionCode: i.processDefinitionCode,
    processDefinitionVersion: i.processDefinitionVersion,
    projectCode: i.projectCode,
    name: i.name,
    state: i.state,
    stateHistory: null,
    recovery: 'NO',
    startTime: ctx.state.fmt(i.startTime),
    endTime: ctx.state.fmt(i.endTime),
    runTimes: i.runTimes,
    host: '127.0.0.1:5678',
    commandType: i.commandType,
    commandParam: JSON.stringify(
      i.runSet.length && v && i.runSet.length < v.tasks.length ? { StartNodeList: i.runSet.join(',') } : {},
    ),
    taskDependType: i.taskDependType,
    failureStrategy: i.failureStrategy,
    warningType: 'NONE',
    warningGroupId: 0,
    scheduleTime: ctx.state.fmt(i.scheduleTime),
    commandStartTime: ctx.state.fmt(i.startTime),
    globalParams: JSON.stringify(
      Object.entries({ ...globalParamsOf(v?.globalParams), ...i.startParams }).map(([prop, value]) => ({
        prop,
        direct: 'IN',
        type: 'VARCHAR',
        value,
      })),
    ),
    executorId: i.executorId,
    executorName: user?.userName ?? null,
    tenantCode: 'default',
    queue: 'default',
    isSubProcess: 'NO',
    historyCmd: i.commandType,
    duration: duration(i.startTime, i.endTime ?? ctx.now),
    processInstancePriority: 'MEDIUM',
    workerGroup: 'default',
    environmentCode: -1,
    timeout: 0,
    varPool: '[]',
    nextProcessInstanceId: 0,
    dryRun: i.dryRun,
    testFlag: 0,
    restartTime: ctx.state.fmt(i.startTime),
    complementData: i.commandType === 'COMPLEMENT_DATA',
    blocked: false,
    cmdTypeIfComplement: i.commandType === 'COMPLEMENT_DATA' ? 'COMPLEMENT_DATA' : 'START_PROCESS',
    ...(withDag && d
      ? { dagData: dagData(ctx, d, i.processDefinitionVersion), locations: v?.locations ?? null }
      : {}),
  };
}

function globalParamsOf(text: string | undefined): Record<string, string> {
  try {
    return Object.fromEntries(
      (JSON.parse(text ?? '[]') as { prop: string; value: string }[]).map((p) => [p.prop, p.value]),
    );
  } catch {
    return {};
  }
}

function taskView(ctx: DsContext, t: DsTaskInstance): Record<string, unknown> {
  const i = ctx.state.instances.get(t.processInstanceId);
  return {
    id: t.id,
    name: t.name,
    taskType: t.taskType,
    processInstanceId: t.processInstanceId,
    processInstanceName: i?.name ?? null,
    projectCode: i?.projectCode ?? null,
    taskCode: t.taskCode,
    taskDefinitionVersion: t.taskDefinitionVersion,
    state: t.state,
    firstSubmitTime: ctx.state.fmt(t.submitTime),
    submitTime: ctx.state.fmt(t.submitTime),
    startTime: ctx.state.fmt(t.startTime),
    endTime: ctx.state.fmt(t.endTime),
    host: '127.0.0.1:1234',
    executePath: `/tmp/dolphinscheduler/exec/process/${t.processInstanceId}/${t.id}`,
    logPath: `/opt/ds/worker/logs/${t.processInstanceId}/${t.id}.log`,
    retryTimes: t.retryTimes,
    maxRetryTimes: 0,
    flag: t.valid ? 'YES' : 'NO',
    duration: duration(t.startTime, t.endTime ?? ctx.now),
    executorName: i ? (ctx.state.users.get(i.executorId)?.userName ?? null) : null,
    taskExecuteType: 'BATCH',
    taskComplete: FINISHED_TASK.has(t.state),
    dependTask: t.taskType === 'DEPENDENT',
    subProcess: t.taskType === 'SUB_PROCESS',
  };
}

export function listInstances(ctx: DsContext): unknown {
  const project = projectOf(ctx);
  const { pageNo, pageSize } = paging(ctx);
  const code = int(ctx, 'processDefineCode', 0);
  const search = opt(ctx, 'searchVal') ?? '';
  const stateType = stateFilter(ctx, WORKFLOW_STATES);
  const from = opt(ctx, 'startDate');
  const to = opt(ctx, 'endDate');
  const fromMs = from ? ctx.state.parseTime(from) : undefined;
  const toMs = to ? ctx.state.parseTime(to) : undefined;
  if ((from && fromMs === undefined) || (to && toMs === undefined))
    throw new DsFailure('REQUEST_PARAMS_NOT_VALID_ERROR', ['startDate']);
  const items = [...ctx.state.instances.values()]
    .filter((i) => i.projectCode === project.code && (code === 0 || i.processDefinitionCode === code))
    .filter((i) => i.name.includes(search) && (!stateType || i.state === stateType))
    .filter(
      (i) => (fromMs === undefined || i.startTime >= fromMs) && (toMs === undefined || i.startTime <= toMs),
    )
    .sort((a, b) => b.startTime - a.startTime || b.id - a.id)
    .map((i) => instanceView(ctx, i));
  return pageOf(items, pageNo, pageSize);
}

export function getInstance(ctx: DsContext): unknown {
  projectOf(ctx);
  return instanceView(ctx, instanceOf(ctx, pathInt(ctx, 'id')), true);
}

export function instanceTasks(ctx: DsContext): unknown {
  projectOf(ctx);
  const i = instanceOf(ctx, pathInt(ctx, 'id'));
  const [code, desc] = STATE_CODE[i.state] ?? [0, i.state];
  return {
    processInstanceState:
      ctx.state.profile === '3.3' ? i.state : `WorkflowExecutionStatus{code=${code}, desc='${desc}'}`,
    taskList: validTasks(ctx.state, i.id).map((t) => taskView(ctx, t)),
  };
}

export function instancesByTrigger(ctx: DsContext): unknown {
  const project = projectOf(ctx);
  const code = int(ctx, 'triggerCode');
  return [...ctx.state.instances.values()]
    .filter((i) => i.projectCode === project.code && i.triggerCode === code)
    .map((i) => instanceView(ctx, i));
}

export function deleteInstance(ctx: DsContext): null {
  projectOf(ctx);
  const i = instanceOf(ctx, pathInt(ctx, 'id'));
  if (!FINISHED_WORKFLOW.has(i.state))
    throw new DsFailure('PROCESS_INSTANCE_STATE_OPERATION_ERROR', [i.id, i.state, 'delete']);
  ctx.state.instances.delete(i.id);
  for (const t of [...ctx.state.taskInstances.values()])
    if (t.processInstanceId === i.id) ctx.state.taskInstances.delete(t.id);
  return null;
}

export function listTaskInstances(ctx: DsContext): unknown {
  const project = projectOf(ctx);
  const { pageNo, pageSize } = paging(ctx);
  const instanceId = int(ctx, 'processInstanceId', 0);
  const name = opt(ctx, 'taskName');
  const search = opt(ctx, 'searchVal') ?? '';
  const stateType = stateFilter(ctx, TASK_STATES);
  const items = [...ctx.state.taskInstances.values()]
    .filter((t) => ctx.state.instances.get(t.processInstanceId)?.projectCode === project.code)
    .filter(
      (t) =>
        (instanceId === 0 || t.processInstanceId === instanceId) &&
        (!name || t.name === name) &&
        t.name.includes(search),
    )
    .filter((t) => !stateType || t.state === stateType)
    .sort((a, b) => b.submitTime - a.submitTime || b.id - a.id)
    .map((t) => taskView(ctx, t));
  return pageOf(items, pageNo, pageSize);
}

export function forceSuccess(ctx: DsContext): null {
  const project = projectOf(ctx);
  const t = ctx.state.taskInstances.get(pathInt(ctx, 'id'));
  if (!t) throw new DsFailure('TASK_INSTANCE_NOT_FOUND');
  const i = ctx.state.instances.get(t.processInstanceId)!;
  if (i.projectCode !== project.code)
    throw new DsFailure('INTERNAL_SERVER_ERROR_ARGS', ['the task instance does not belong to the project']);
  if (!FINISHED_WORKFLOW.has(i.state))
    throw new DsFailure('INTERNAL_SERVER_ERROR_ARGS', [
      'The workflow instance is not finished, cannot force success the task instance',
    ]);
  if (!['FAILURE', 'NEED_FAULT_TOLERANCE', 'KILL'].includes(t.state))
    throw new DsFailure('TASK_INSTANCE_STATE_OPERATION_ERROR', [t.id, t.state]);
  t.state = 'FORCED_SUCCESS';
  t.endTime = ctx.now;
  const tasks = validTasks(ctx.state, i.id);
  const v = versionOf(ctx.state, i);
  const complete = !!v && i.runSet.every((c) => tasks.some((x) => x.taskCode === c));
  const stillFailed = tasks.some((x) => ['FAILURE', 'KILL', 'NEED_FAULT_TOLERANCE'].includes(x.state));
  if ((i.state === 'FAILURE' || i.state === 'STOP') && complete && !stillFailed) i.state = 'SUCCESS';
  ctx.state.count('forceSuccess');
  return null;
}

function logTask(ctx: DsContext): DsTaskInstance {
  const t = ctx.state.taskInstances.get(int(ctx, 'taskInstanceId'));
  if (!t) throw new DsFailure('TASK_INSTANCE_NOT_FOUND');
  if (t.startTime === undefined) throw new DsFailure('TASK_INSTANCE_HOST_IS_NULL');
  return t;
}

/** Lines [skip, skip+limit), each ended by `\r\n`; the header first when skip is 0 (spec §5.9). */
export function logDetail(ctx: DsContext): { lineNum: number; message: string } {
  const t = logTask(ctx);
  const skip = int(ctx, 'skipLineNum');
  const limit = int(ctx, 'limit');
  const lines = t.log.slice(skip, skip + limit);
  let message = lines.map((l) => `${l}\r\n`).join('');
  if (skip === 0)
    message = `[LOG-PATH]: /opt/ds/worker/logs/${t.processInstanceId}/${t.id}.log, [HOST]:  127.0.0.1:1234\n${message}`;
  return { lineNum: lines.length, message: lines.length === 0 && skip > 0 ? '' : message };
}

export function downloadLog(ctx: DsContext): { bytes: Buffer; fileName: string } {
  const t = logTask(ctx);
  const text = `[LOG-PATH]: /opt/ds/worker/logs/${t.processInstanceId}/${t.id}.log, [HOST]:  127.0.0.1:1234\n${t.log.join('\n')}\n`;
  return { bytes: Buffer.from(text), fileName: `${ctx.now}.log` };
}

export { definitionOf };
