import { cronError, fireInstantsBetween } from '../../../shared/cron';
import { formatInstant, isValidZone } from '../../../shared/time/zone';
import { ParamError, enumParam, int, opt, pageOf, paging, pathInt, req, type DsContext } from './context';
import { current } from './definitions';
import { projectOf } from './projects';
import { DsFailure, type DsSchedule } from './state';

/**
 * Schedules: one per workflow, created OFFLINE, online only with an ONLINE workflow
 * (`SchedulerController`, `SchedulerServiceImpl` 3.2.2). The `schedule` JSON's start and end are
 * parsed and rendered in the server's JVM zone (`JSONUtils`, `ScheduleVO`), so a list answers the
 * strings that were sent; the Quartz trigger reads those strings as wall time of `timezoneId`
 * (`QuartzCornTriggerBuilder` + `DateUtils.transformTimezoneDate`).
 */

interface ScheduleParam {
  /** Instants of the start and end strings read in the server zone. */
  startTime?: number;
  endTime?: number;
  crontab: string;
  timezoneId: string;
}

/** `JSONUtils.parseObject(schedule, ScheduleParam.class)`: null when the JSON or a date does not parse. */
function readScheduleParam(ctx: DsContext, text: string): ScheduleParam | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const date = (v: unknown): number | undefined | null => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number') return v;
    return typeof v === 'string' ? (ctx.state.parseTime(v) ?? null) : null;
  };
  const startTime = date(r.startTime);
  const endTime = date(r.endTime);
  if (startTime === null || endTime === null) return null;
  return { startTime, endTime, crontab: String(r.crontab ?? ''), timezoneId: String(r.timezoneId ?? '') };
}

/** What `differSec` and the comparisons dereference: a missing date is a NullPointerException (the route's fallback code). */
function checkedTimes(p: ScheduleParam | null): { startTime: number; endTime: number } & ScheduleParam {
  if (!p || p.startTime === undefined || p.endTime === undefined)
    throw new ParamError('java.lang.NullPointerException');
  return p as { startTime: number; endTime: number } & ScheduleParam;
}

/** `TimeZone.getTimeZone(id)`: an unknown id is GMT. */
function zoneOf(id: string): string {
  return id && isValidZone(id) ? id : 'UTC';
}

const FAILURE = ['END', 'CONTINUE'] as const;
const WARNING = ['NONE', 'SUCCESS', 'FAILURE', 'ALL', 'GLOBAL'] as const;
const PRIORITY = ['HIGHEST', 'HIGH', 'MEDIUM', 'LOW', 'LOWEST'] as const;

export function scheduleView(ctx: DsContext, s: DsSchedule): unknown {
  const d = ctx.state.definitions.get(s.processDefinitionCode);
  return {
    id: s.id,
    processDefinitionCode: s.processDefinitionCode,
    processDefinitionName: d ? current(d).name : null,
    projectName: ctx.state.projects.get(s.projectCode)?.name ?? null,
    definitionDescription: d ? current(d).description : null,
    startTime: s.startTime,
    endTime: s.endTime,
    timezoneId: s.timezoneId,
    crontab: s.crontab,
    failureStrategy: s.failureStrategy,
    warningType: s.warningType,
    createTime: ctx.state.fmt(s.createTime),
    updateTime: ctx.state.fmt(s.updateTime),
    userId: s.userId,
    userName: ctx.state.users.get(s.userId)?.userName ?? null,
    releaseState: s.releaseState,
    warningGroupId: s.warningGroupId,
    processInstancePriority: s.processInstancePriority,
    workerGroup: s.workerGroup,
    tenantCode: s.tenantCode,
    environmentCode: s.environmentCode,
    environmentName: null,
  };
}

function checkTenant(code: string): void {
  if (code !== 'default') throw new DsFailure('TENANT_NOT_EXIST', [code]);
}

function applyParams(
  ctx: DsContext,
  s: DsSchedule,
  p: ScheduleParam & { startTime: number; endTime: number },
  failureDefault: 'END' | 'CONTINUE',
): void {
  s.startTime = ctx.state.fmt(p.startTime)!;
  s.endTime = ctx.state.fmt(p.endTime)!;
  s.crontab = p.crontab;
  s.timezoneId = p.timezoneId;
  s.failureStrategy = enumParam(ctx, 'failureStrategy', FAILURE, failureDefault);
  s.warningType = enumParam(ctx, 'warningType', WARNING, 'NONE');
  s.warningGroupId = int(ctx, 'warningGroupId', 1);
  s.processInstancePriority = enumParam(ctx, 'processInstancePriority', PRIORITY, 'MEDIUM');
  s.workerGroup = opt(ctx, 'workerGroup') || 'default';
  s.tenantCode = opt(ctx, 'tenantCode') || 'default';
  s.environmentCode = int(ctx, 'environmentCode', -1);
  s.updateTime = ctx.now;
}

export function createSchedule(ctx: DsContext): unknown {
  const project = projectOf(ctx, 10018);
  const code = int(ctx, 'processDefinitionCode');
  const d = ctx.state.definitions.get(code);
  if (!d) throw new ParamError('java.lang.NullPointerException'); // checkProcessDefinitionValid dereferences it
  if (d.projectCode !== project.code) throw new DsFailure('PROCESS_DEFINE_NOT_EXIST', [code]);
  if (d.releaseState !== 'ONLINE') throw new DsFailure('PROCESS_DEFINE_NOT_RELEASE', [code, d.version]);
  const existing = [...ctx.state.schedules.values()].find((s) => s.processDefinitionCode === code);
  if (existing) throw new DsFailure('SCHEDULE_ALREADY_EXISTS', [code, existing.id], false);
  checkTenant(opt(ctx, 'tenantCode') || 'default');
  const p = checkedTimes(readScheduleParam(ctx, req(ctx, 'schedule')));
  if (p.startTime === p.endTime) throw new DsFailure('SCHEDULE_START_TIME_END_TIME_SAME', [], false);
  if (p.startTime > p.endTime) throw new DsFailure('START_TIME_BIGGER_THAN_END_TIME_ERROR', [], false);
  if (cronError(p.crontab)) throw new DsFailure('REQUEST_PARAMS_NOT_VALID_ERROR', [p.crontab], false);
  const s = {
    id: ctx.state.nextId('schedule'),
    processDefinitionCode: code,
    projectCode: project.code,
    releaseState: 'OFFLINE',
    userId: ctx.user.id,
    createTime: ctx.now,
  } as DsSchedule;
  applyParams(ctx, s, p, 'CONTINUE');
  ctx.state.schedules.set(s.id, s);
  ctx.state.count('createSchedule');
  return scheduleView(ctx, s);
}

function scheduleOf(ctx: DsContext): DsSchedule {
  const id = pathInt(ctx, 'id');
  const s = ctx.state.schedules.get(id);
  if (!s || s.projectCode !== pathInt(ctx, 'pc')) throw new DsFailure('SCHEDULE_NOT_EXISTS', [id]);
  return s;
}

export function updateSchedule(ctx: DsContext): unknown {
  projectOf(ctx, 10018);
  const id = pathInt(ctx, 'id');
  const s = ctx.state.schedules.get(id);
  if (!s) throw new DsFailure('SCHEDULE_NOT_EXISTS', [id], false);
  const d = ctx.state.definitions.get(s.processDefinitionCode);
  if (!d || d.projectCode !== pathInt(ctx, 'pc'))
    throw new DsFailure('PROCESS_DEFINE_NOT_EXIST', [String(s.processDefinitionCode)], false);
  if (s.releaseState === 'ONLINE') throw new DsFailure('SCHEDULE_CRON_ONLINE_FORBID_UPDATE', [], false);
  checkTenant(opt(ctx, 'tenantCode') || 'default');
  const text = req(ctx, 'schedule');
  const raw = readScheduleParam(ctx, text);
  if (!raw) throw new DsFailure('PARSE_TO_CRON_EXPRESSION_ERROR', [], false);
  const p = checkedTimes(raw);
  if (p.startTime === p.endTime) throw new DsFailure('SCHEDULE_START_TIME_END_TIME_SAME', [], false);
  if (p.startTime > p.endTime) throw new DsFailure('START_TIME_BIGGER_THAN_END_TIME_ERROR', [], false);
  if (cronError(p.crontab)) throw new DsFailure('SCHEDULE_CRON_CHECK_FAILED', [p.crontab], false);
  applyParams(ctx, s, p, 'END');
  ctx.state.count('updateSchedule');
  return scheduleView(ctx, s);
}

export function scheduleOnline(ctx: DsContext): boolean {
  projectOf(ctx);
  const s = ctx.state.schedules.get(pathInt(ctx, 'id'));
  if (!s || s.releaseState === 'ONLINE') return true;
  const d = ctx.state.definitions.get(s.processDefinitionCode);
  if (!d || d.releaseState !== 'ONLINE')
    throw new DsFailure('PROCESS_DEFINE_NOT_RELEASE', [s.processDefinitionCode, d?.version ?? 0]);
  s.releaseState = 'ONLINE';
  ctx.state.count('scheduleOnline');
  return true;
}

export function scheduleOffline(ctx: DsContext): boolean {
  projectOf(ctx);
  const s = ctx.state.schedules.get(pathInt(ctx, 'id'));
  if (s?.releaseState === 'ONLINE') {
    s.releaseState = 'OFFLINE';
    ctx.state.count('scheduleOffline');
  }
  return true;
}

export function listSchedules(ctx: DsContext): unknown {
  const project = projectOf(ctx, 10018);
  const { pageNo, pageSize } = paging(ctx);
  const code = int(ctx, 'processDefinitionCode', 0);
  const items = [...ctx.state.schedules.values()]
    .filter((s) => s.projectCode === project.code && (code === 0 || s.processDefinitionCode === code))
    .map((s) => scheduleView(ctx, s));
  return pageOf(items, pageNo, pageSize);
}

export function deleteSchedule(ctx: DsContext): null {
  projectOf(ctx);
  const s = scheduleOf(ctx);
  if (s.releaseState === 'ONLINE') throw new DsFailure('SCHEDULE_STATE_ONLINE', [s.id]);
  ctx.state.schedules.delete(s.id);
  return null;
}

/**
 * Up to 5 fire times after max(now, start) up to end, in `timezoneId` (`previewSchedule`). Its
 * start and end are the strings read in the server zone, unlike the trigger's; DolphinScheduler
 * computes them with cron-utils, we with the Quartz reading that fires them (docs/decisions.md).
 */
export function previewSchedule(ctx: DsContext): string[] {
  const p = checkedTimes(readScheduleParam(ctx, req(ctx, 'schedule')));
  if (cronError(p.crontab)) throw new DsFailure('PARSE_TO_CRON_EXPRESSION_ERROR', [], false);
  const zone = zoneOf(p.timezoneId);
  const from = Math.max(ctx.now, p.startTime);
  return fireInstantsBetween(p.crontab, Math.floor(from / 1000) * 1000 + 1000, p.endTime, 5, zone).map((t) =>
    formatInstant(t, zone),
  );
}
