import type { DsApiVersion } from '../../sync/dolphinscheduler/api-version';
import { canonicalJson } from '../../sync/common/canonical-json';
import { enumParam, int, opt, pageOf, paging, parseJsonParam, pathInt, req, type DsContext } from './context';
import { projectOf } from './projects';
import {
  DsFailure,
  FINISHED_WORKFLOW,
  type DsDefinition,
  type DsDefinitionVersion,
  type DsRelation,
  type DsTaskDefinition,
} from './state';

/** Workflow (process) definitions with versions and the ONLINE/OFFLINE rules (spec §5.3, §5.4, §6, §8). */

const KNOWN_TYPES = new Set([
  'SHELL',
  'PYTHON',
  'SQL',
  'DATAX',
  'HTTP',
  'DEPENDENT',
  'CONDITIONS',
  'SUB_PROCESS',
  'SWITCH',
  'SPARK',
  'FLINK',
  'PROCEDURE',
  'JAVA',
]);
const EXECUTION_TYPES = ['PARALLEL', 'SERIAL_WAIT', 'SERIAL_DISCARD', 'SERIAL_PRIORITY'] as const;

export function genTaskCodes(ctx: DsContext): number[] {
  const n = int(ctx, 'genNum');
  if (n < 1 || n > 100) throw new DsFailure('DATA_IS_NOT_VALID', [n]);
  return Array.from({ length: n }, () => ctx.state.nextCode());
}

const HTTP_METHODS: Readonly<Record<DsApiVersion, readonly string[]>> = {
  '3.2': ['GET', 'POST', 'HEAD', 'PUT', 'DELETE'],
  '3.3': ['GET', 'POST', 'PUT', 'DELETE'],
};

/** 3.3 HTTP check: method, parameter types PARAMETER/HEADERS and `connectTimeout > 0` (spec §10). */
function checkHttp33(p: Record<string, unknown>): boolean {
  const params = Array.isArray(p.httpParams) ? (p.httpParams as { httpParametersType?: unknown }[]) : [];
  return (
    HTTP_METHODS['3.3'].includes(String(p.httpMethod)) &&
    params.every((x) => x.httpParametersType === 'PARAMETER' || x.httpParametersType === 'HEADERS') &&
    Number(p.connectTimeout) > 0
  );
}

/** 3.3 DEPENDENT / CONDITIONS checks (spec §10); 3.2 lets both through. */
function checkDependence33(t: DsTaskDefinition, p: Record<string, unknown>): boolean {
  const dep = (p.dependence ?? {}) as { dependTaskList?: unknown[]; checkInterval?: unknown };
  const listed = Array.isArray(dep.dependTaskList) && dep.dependTaskList.length > 0;
  if (t.taskType === 'DEPENDENT')
    return listed && (dep.checkInterval == null || Number(dep.checkInterval) > 0);
  const result = (p.conditionResult ?? {}) as { successNode?: unknown[]; failedNode?: unknown[] };
  return listed && !!result.successNode?.length && !!result.failedNode?.length;
}

/** The plugin's `checkParameters` (spec §6.2, and §10 for the 3.3 line). */
function checkTask(t: DsTaskDefinition, profile: DsApiVersion): boolean {
  const p = (t.taskParams ?? {}) as Record<string, unknown>;
  const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';
  switch (t.taskType) {
    case 'SHELL':
    case 'PYTHON':
      return nonEmpty(p.rawScript);
    case 'HTTP':
      return nonEmpty(p.url) && (profile === '3.2' || checkHttp33(p));
    case 'DEPENDENT':
    case 'CONDITIONS':
      return profile === '3.2' || checkDependence33(t, p);
    case 'DATAX':
      return Number(p.customConfig) === 1
        ? nonEmpty(p.json)
        : !!p.dataSource && !!p.dataTarget && nonEmpty(p.sql) && nonEmpty(p.targetTable);
    case 'SQL':
      return !!p.datasource && nonEmpty(p.type) && nonEmpty(p.sql);
    case 'SUB_PROCESS':
      return Number(p.processDefinitionCode) > 0;
    default:
      return KNOWN_TYPES.has(t.taskType);
  }
}

const TASK_KEYS = [
  'name',
  'description',
  'taskType',
  'taskParams',
  'flag',
  'failRetryTimes',
  'failRetryInterval',
  'timeoutFlag',
  'timeoutNotifyStrategy',
  'timeout',
  'delayTime',
  'taskPriority',
  'workerGroup',
  'environmentCode',
  'isCache',
  'cpuQuota',
  'memoryMax',
  'taskExecuteType',
];
const taskKey = (t: DsTaskDefinition): string =>
  canonicalJson(Object.fromEntries(TASK_KEYS.map((k) => [k, t[k] ?? null])));

function normalizeTask(raw: Record<string, unknown>): DsTaskDefinition {
  const params =
    typeof raw.taskParams === 'string'
      ? parseJsonParam<Record<string, unknown>>(raw.taskParams, 'taskDefinitionJson')
      : (raw.taskParams as Record<string, unknown>);
  return {
    ...raw,
    code: Number(raw.code ?? 0),
    version: Number(raw.version ?? 0),
    name: String(raw.name ?? ''),
    description: String(raw.description ?? ''),
    taskType: String(raw.taskType ?? ''),
    taskParams: params ?? {},
    flag: String(raw.flag ?? 'YES'),
    failRetryTimes: Number(raw.failRetryTimes ?? 0),
    failRetryInterval: Number(raw.failRetryInterval ?? 1),
    timeoutFlag: String(raw.timeoutFlag ?? 'CLOSE'),
    timeoutNotifyStrategy: raw.timeoutNotifyStrategy ? String(raw.timeoutNotifyStrategy) : null,
    timeout: Number(raw.timeout ?? 0),
    delayTime: Number(raw.delayTime ?? 0),
    taskPriority: raw.taskPriority ?? 'MEDIUM',
    workerGroup: raw.workerGroup ?? 'default',
    environmentCode: Number(raw.environmentCode ?? -1),
    isCache: raw.isCache ?? 'NO',
    cpuQuota: Number(raw.cpuQuota ?? -1),
    memoryMax: Number(raw.memoryMax ?? -1),
    taskExecuteType: raw.taskExecuteType ?? 'BATCH',
  };
}

/** Every saved version of a task code across the project, newest last. */
function taskVersions(ctx: DsContext, projectCode: number, code: number): DsTaskDefinition[] {
  const out: DsTaskDefinition[] = [];
  for (const d of ctx.state.definitions.values()) {
    if (d.projectCode !== projectCode) continue;
    for (const v of d.versions.values()) for (const t of v.tasks) if (t.code === code) out.push(t);
  }
  return out.sort((a, b) => a.version - b.version);
}

interface ParsedDefinition {
  name: string;
  description: string;
  globalParams: string;
  locations: string;
  timeout: number;
  executionType: string;
  tasks: DsTaskDefinition[];
  relations: DsRelation[];
}

/** Validation order of create/update (spec §5.4). */
function parseDefinition(ctx: DsContext, projectCode: number, ownCode: number): ParsedDefinition {
  const name = req(ctx, 'name');
  const tasksText = req(ctx, 'taskDefinitionJson');
  const relationsText = req(ctx, 'taskRelationJson');
  const description = opt(ctx, 'description') ?? '';
  if ([...description].length > 255) throw new DsFailure('DESCRIPTION_TOO_LONG_ERROR');
  const clash = [...ctx.state.definitions.values()].find(
    (d) => d.projectCode === projectCode && d.code !== ownCode && current(d).name === name,
  );
  if (clash) throw new DsFailure('PROCESS_DEFINITION_NAME_EXIST', [name]);
  const rawTasks = parseJsonParam<unknown>(tasksText, 'taskDefinitionJson');
  if (!Array.isArray(rawTasks) || rawTasks.length === 0)
    throw new DsFailure('DATA_IS_NOT_VALID', [tasksText]);
  const tasks = rawTasks.map((t) => normalizeTask(t as Record<string, unknown>));
  for (const t of tasks)
    if (!checkTask(t, ctx.state.profile)) throw new DsFailure('PROCESS_NODE_S_PARAMETER_INVALID', [t.name]);
  for (const t of tasks) if (t.code === 0) t.code = ctx.state.nextCode();
  const rawRelations = parseJsonParam<unknown>(relationsText, 'taskRelationJson');
  if (!Array.isArray(rawRelations) || rawRelations.length === 0)
    throw new DsFailure('DATA_IS_NOT_VALID', [relationsText]);
  const codes = new Set(tasks.map((t) => t.code));
  const relations: DsRelation[] = rawRelations.map((r) => {
    const x = r as Record<string, unknown>;
    return {
      name: String(x.name ?? ''),
      preTaskCode: Number(x.preTaskCode ?? 0),
      preTaskVersion: 0,
      postTaskCode: Number(x.postTaskCode ?? 0),
      postTaskVersion: 0,
      conditionType: String(x.conditionType ?? 'NONE'),
      conditionParams: x.conditionParams ?? {},
    };
  });
  for (const r of relations) {
    if (r.postTaskCode === 0) throw new DsFailure('CHECK_PROCESS_TASK_RELATION_ERROR');
    if (!codes.has(r.postTaskCode)) throw new DsFailure('TASK_DEFINE_NOT_EXIST', [r.postTaskCode]);
    if (r.preTaskCode !== 0 && !codes.has(r.preTaskCode))
      throw new DsFailure('REQUEST_PARAMS_NOT_VALID_ERROR', ['taskRelationJson']);
  }
  if (hasCycle(relations)) throw new DsFailure('PROCESS_NODE_HAS_CYCLE');
  // Task versions: equal to a saved (code, version) -> unchanged; else max + 1.
  for (const t of tasks) {
    const saved = taskVersions(ctx, projectCode, t.code);
    const same =
      saved.find((s) => s.version === t.version && taskKey(s) === taskKey(t)) ??
      saved.find((s) => taskKey(s) === taskKey(t));
    t.version = same ? same.version : (saved[saved.length - 1]?.version ?? 0) + 1;
  }
  const byCode = new Map(tasks.map((t) => [t.code, t.version]));
  for (const r of relations) {
    r.preTaskVersion = r.preTaskCode === 0 ? 0 : (byCode.get(r.preTaskCode) ?? 0);
    r.postTaskVersion = byCode.get(r.postTaskCode) ?? 0;
  }
  return {
    name,
    description,
    globalParams: opt(ctx, 'globalParams') || '[]',
    locations: opt(ctx, 'locations') ?? '',
    timeout: int(ctx, 'timeout', 0),
    executionType: enumParam(ctx, 'executionType', EXECUTION_TYPES, 'PARALLEL'),
    tasks,
    relations,
  };
}

function hasCycle(relations: readonly DsRelation[]): boolean {
  const next = new Map<number, number[]>();
  for (const r of relations)
    if (r.preTaskCode !== 0) next.set(r.preTaskCode, [...(next.get(r.preTaskCode) ?? []), r.postTaskCode]);
  const state = new Map<number, 1 | 2>();
  const visit = (n: number): boolean => {
    if (state.get(n) === 1) return true;
    if (state.get(n) === 2) return false;
    state.set(n, 1);
    for (const m of next.get(n) ?? []) if (visit(m)) return true;
    state.set(n, 2);
    return false;
  };
  return [...next.keys()].some(visit);
}

/** What decides whether an update is a no-op: fields, tasks (by their content) and edges. */
function contentKey(v: ParsedDefinition): string {
  return canonicalJson({
    name: v.name,
    description: v.description,
    globalParams: v.globalParams,
    locations: v.locations,
    timeout: v.timeout,
    executionType: v.executionType,
    tasks: v.tasks.map((t) => [t.code, t.version]),
    relations: v.relations.map((r) => [r.name, r.preTaskCode, r.postTaskCode, r.conditionType]),
  });
}

export function current(d: DsDefinition): DsDefinitionVersion {
  return d.versions.get(d.version)!;
}

function definitionView(ctx: DsContext, d: DsDefinition): Record<string, unknown> {
  const v = current(d);
  const project = ctx.state.projects.get(d.projectCode);
  const schedule = [...ctx.state.schedules.values()].find((s) => s.processDefinitionCode === d.code);
  let globalParamMap: Record<string, string> | null;
  try {
    const list = JSON.parse(v.globalParams) as { prop: string; value: string }[];
    globalParamMap = Object.fromEntries(list.map((p) => [p.prop, p.value]));
  } catch {
    globalParamMap = null;
  }
  return {
    id: d.id,
    code: d.code,
    name: v.name,
    version: d.version,
    releaseState: d.releaseState,
    projectCode: d.projectCode,
    description: v.description,
    globalParams: v.globalParams,
    globalParamList: null,
    globalParamMap,
    createTime: ctx.state.fmt(d.createTime),
    updateTime: ctx.state.fmt(d.updateTime),
    flag: 'YES',
    userId: d.userId,
    userName: ctx.state.users.get(d.userId)?.userName ?? null,
    projectName: project?.name ?? null,
    locations: v.locations,
    scheduleReleaseState: schedule?.releaseState ?? null,
    schedule: null,
    timeout: v.timeout,
    modifyBy: ctx.state.users.get(d.userId)?.userName ?? null,
    warningGroupId: null,
    executionType: v.executionType,
  };
}

export function dagData(ctx: DsContext, d: DsDefinition, version = d.version): unknown {
  const v = d.versions.get(version)!;
  return {
    processDefinition: definitionView(ctx, d),
    processTaskRelationList: v.relations.map((r, i) => ({
      id: i + 1,
      ...r,
      processDefinitionCode: d.code,
      processDefinitionVersion: version,
      projectCode: d.projectCode,
      createTime: ctx.state.fmt(v.operateTime),
      updateTime: ctx.state.fmt(v.operateTime),
      operator: d.userId,
      operateTime: ctx.state.fmt(v.operateTime),
    })),
    taskDefinitionList: v.tasks.map((t) => ({
      id: t.code % 100000,
      ...t,
      projectCode: d.projectCode,
      userId: d.userId,
      userName: ctx.state.users.get(d.userId)?.userName ?? null,
      createTime: ctx.state.fmt(v.operateTime),
      updateTime: ctx.state.fmt(v.operateTime),
      modifyBy: null,
      operator: d.userId,
      operateTime: ctx.state.fmt(v.operateTime),
    })),
  };
}

export function definitionOf(ctx: DsContext, code = pathInt(ctx, 'code')): DsDefinition {
  const d = ctx.state.definitions.get(code);
  if (!d || d.projectCode !== pathInt(ctx, 'pc')) throw new DsFailure('PROCESS_DEFINE_NOT_EXIST', [code]);
  return d;
}

export function createDefinition(ctx: DsContext): unknown {
  const project = projectOf(ctx, 10018);
  const parsed = parseDefinition(ctx, project.code, 0);
  const code = ctx.state.nextCode();
  const d: DsDefinition = {
    id: ctx.state.nextId('definition'),
    code,
    projectCode: project.code,
    userId: ctx.user.id,
    releaseState: 'OFFLINE',
    version: 1,
    versions: new Map([[1, { version: 1, ...parsed, operateTime: ctx.now }]]),
    createTime: ctx.now,
    updateTime: ctx.now,
  };
  ctx.state.definitions.set(code, d);
  ctx.state.count('createDefinition');
  return definitionView(ctx, d);
}

export function updateDefinition(ctx: DsContext): unknown {
  projectOf(ctx, 10018);
  const d = definitionOf(ctx);
  if (d.releaseState === 'ONLINE') throw new DsFailure('PROCESS_DEFINE_NOT_ALLOWED_EDIT', [current(d).name]);
  const parsed = parseDefinition(ctx, d.projectCode, d.code);
  const release = enumParam(ctx, 'releaseState', ['ONLINE', 'OFFLINE'] as const, 'OFFLINE');
  const before = current(d);
  const same = contentKey(before) === contentKey(parsed);
  if (!same) {
    const version = Math.max(...d.versions.keys()) + 1;
    d.versions.set(version, { version, ...parsed, operateTime: ctx.now });
    d.version = version;
    d.updateTime = ctx.now;
    ctx.state.count('updateDefinition');
  }
  if (release === 'ONLINE') releaseOnline(d);
  return definitionView(ctx, d);
}

function releaseOnline(d: DsDefinition): void {
  if (d.releaseState === 'ONLINE') return;
  if (current(d).relations.length === 0) throw new DsFailure('PROCESS_DAG_IS_EMPTY');
  d.releaseState = 'ONLINE';
}

export function releaseDefinition(ctx: DsContext): boolean {
  projectOf(ctx);
  const d = definitionOf(ctx);
  const state = enumParam(ctx, 'releaseState', ['ONLINE', 'OFFLINE'] as const);
  if (state === 'ONLINE') releaseOnline(d);
  else if (d.releaseState === 'ONLINE') {
    d.releaseState = 'OFFLINE';
    for (const s of ctx.state.schedules.values())
      if (s.processDefinitionCode === d.code) s.releaseState = 'OFFLINE';
  }
  ctx.state.count(`release${state}`);
  return true;
}

export function getDefinition(ctx: DsContext): unknown {
  projectOf(ctx);
  return dagData(ctx, definitionOf(ctx));
}

export function definitionByName(ctx: DsContext): unknown {
  const project = projectOf(ctx);
  const name = req(ctx, 'name');
  const d = [...ctx.state.definitions.values()].find(
    (x) => x.projectCode === project.code && current(x).name === name,
  );
  if (!d) throw new DsFailure('PROCESS_DEFINE_NOT_EXIST', [name]);
  return dagData(ctx, d);
}

function projectDefinitions(ctx: DsContext): DsDefinition[] {
  const project = projectOf(ctx);
  return [...ctx.state.definitions.values()].filter((d) => d.projectCode === project.code);
}

export function listDefinitions(ctx: DsContext): unknown {
  const { pageNo, pageSize } = paging(ctx);
  const search = opt(ctx, 'searchVal') ?? '';
  const items = projectDefinitions(ctx)
    .filter((d) => current(d).name.includes(search))
    .sort((a, b) => b.updateTime - a.updateTime)
    .map((d) => definitionView(ctx, d));
  return pageOf(items, pageNo, pageSize);
}

export function allDefinitions(ctx: DsContext): unknown {
  return projectDefinitions(ctx).map((d) => dagData(ctx, d));
}

export function simpleList(ctx: DsContext): unknown {
  return projectDefinitions(ctx).map((d) => ({
    id: d.id,
    code: d.code,
    name: current(d).name,
    projectCode: d.projectCode,
  }));
}

export function verifyDefinitionName(ctx: DsContext): null {
  const project = projectOf(ctx);
  const name = req(ctx, 'name');
  const own = int(ctx, 'code', 0);
  if (
    [...ctx.state.definitions.values()].some(
      (d) => d.projectCode === project.code && d.code !== own && current(d).name === name,
    )
  )
    throw new DsFailure('PROCESS_DEFINITION_NAME_EXIST', [name]);
  return null;
}

export function deleteDefinition(ctx: DsContext): null {
  projectOf(ctx);
  const d = definitionOf(ctx);
  const name = current(d).name;
  if (d.userId !== ctx.user.id && ctx.user.userType !== 'ADMIN_USER')
    throw new DsFailure('USER_NO_OPERATION_PERM');
  if (d.releaseState === 'ONLINE') throw new DsFailure('PROCESS_DEFINE_STATE_ONLINE', [name]);
  const running = [...ctx.state.instances.values()].filter(
    (i) => i.processDefinitionCode === d.code && !FINISHED_WORKFLOW.has(i.state),
  );
  if (running.length) throw new DsFailure('DELETE_PROCESS_DEFINITION_EXECUTING_FAIL', [running.length]);
  const schedule = [...ctx.state.schedules.values()].find((s) => s.processDefinitionCode === d.code);
  if (schedule?.releaseState === 'ONLINE') throw new DsFailure('SCHEDULE_STATE_ONLINE', [schedule.id]);
  if (schedule) ctx.state.schedules.delete(schedule.id);
  for (const i of [...ctx.state.instances.values()]) {
    if (i.processDefinitionCode !== d.code) continue;
    ctx.state.instances.delete(i.id);
    for (const t of [...ctx.state.taskInstances.values()])
      if (t.processInstanceId === i.id) ctx.state.taskInstances.delete(t.id);
  }
  ctx.state.definitions.delete(d.code);
  ctx.state.count('deleteDefinition');
  return null;
}

export function definitionVersions(ctx: DsContext): unknown {
  projectOf(ctx);
  const d = definitionOf(ctx);
  const { pageNo, pageSize } = paging(ctx);
  const items = [...d.versions.values()]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      ...definitionView(ctx, d),
      version: v.version,
      name: v.name,
      operateTime: ctx.state.fmt(v.operateTime),
    }));
  return pageOf(items, pageNo, pageSize);
}
