import { cronError, nextFireTimes } from '../../../../shared/cron';
import { formatTriggerTime, utcOffsetAt } from '../../../runner/trigger-time';
import {
  enumParam,
  fmt,
  int,
  opt,
  pageOf,
  paging,
  parseDate,
  parseJsonParam,
  pathInt,
  req,
  type DsContext,
} from './context';
import { current, definitionOf } from './definitions';
import { projectOf } from './projects';
import { DsFailure, type DsSchedule } from './state';

/** Schedules: one per workflow, created OFFLINE, online only with an ONLINE workflow (spec §5.5, §8). */

interface ScheduleParam {
  startTime: number;
  endTime: number;
  crontab: string;
  timezoneId: string;
}

function parseSchedule(text: string, badCron: number): ScheduleParam {
  const raw = parseJsonParam<Record<string, unknown>>(text, 'schedule');
  const timezoneId = String(raw.timezoneId ?? 'UTC');
  if (!validZone(timezoneId)) throw new DsFailure(10001, 'request parameter schedule is not valid');
  const startTime = parseInZone(String(raw.startTime ?? ''), timezoneId);
  const endTime = parseInZone(String(raw.endTime ?? ''), timezoneId);
  if (startTime === undefined || endTime === undefined)
    throw new DsFailure(10001, 'request parameter schedule is not valid');
  if (startTime === endTime) throw new DsFailure(10141, 'The start time must not be the same as the end');
  if (startTime > endTime) throw new DsFailure(80003, 'start time bigger than end time error');
  const crontab = String(raw.crontab ?? '');
  if (cronError(crontab))
    throw new DsFailure(
      badCron,
      badCron === 10001 ? 'request parameter schedule is not valid' : `${crontab} verify failure`,
    );
  return { startTime, endTime, crontab, timezoneId };
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A `yyyy-MM-dd HH:mm:ss` wall-clock time of `zone` as epoch ms. */
function parseInZone(text: string, zone: string): number | undefined {
  const wall = parseDate(text);
  return wall === undefined ? undefined : wall - utcOffsetAt(text.trim(), zone) * 60_000;
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
    createTime: fmt(s.createTime),
    updateTime: fmt(s.updateTime),
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
  if (code !== 'default') throw new DsFailure(10017, `tenant [${code}] not exists`);
}

function applyParams(
  ctx: DsContext,
  s: DsSchedule,
  p: ScheduleParam,
  failureDefault: 'END' | 'CONTINUE',
): void {
  s.startTime = fmt(p.startTime)!;
  s.endTime = fmt(p.endTime)!;
  s.crontab = p.crontab;
  s.timezoneId = p.timezoneId;
  s.failureStrategy = enumParam(ctx, 'failureStrategy', FAILURE, failureDefault);
  s.warningType = enumParam(ctx, 'warningType', WARNING, 'NONE');
  s.warningGroupId = int(ctx, 'warningGroupId', 1);
  s.processInstancePriority = enumParam(ctx, 'processInstancePriority', PRIORITY, 'MEDIUM');
  s.workerGroup = opt(ctx, 'workerGroup') || 'default';
  s.tenantCode = opt(ctx, 'tenantCode') || 'default';
  s.environmentCode = int(ctx, 'environmentCode', -1);
  checkTenant(s.tenantCode);
  s.updateTime = ctx.now;
}

export function createSchedule(ctx: DsContext): unknown {
  const project = projectOf(ctx, 10018);
  const code = int(ctx, 'processDefinitionCode');
  const d = definitionOf(ctx, code);
  const p = parseSchedule(req(ctx, 'schedule'), 10001);
  if (d.releaseState !== 'ONLINE')
    throw new DsFailure(50004, `process definition ${code} process version ${d.version} not online`);
  if ([...ctx.state.schedules.values()].some((s) => s.processDefinitionCode === code))
    throw new DsFailure(
      10204,
      `workflow ${code} schedule ${current(d).name} already exist, please update or delete it`,
    );
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
  if (!s || s.projectCode !== pathInt(ctx, 'pc')) throw new DsFailure(10203, `schedule ${id} does not exist`);
  return s;
}

export function updateSchedule(ctx: DsContext): unknown {
  projectOf(ctx, 10018);
  const s = scheduleOf(ctx);
  if (s.releaseState === 'ONLINE')
    throw new DsFailure(10023, `online status does not allow update operations`);
  applyParams(ctx, s, parseSchedule(req(ctx, 'schedule'), 10024), 'END');
  ctx.state.count('updateSchedule');
  return scheduleView(ctx, s);
}

export function scheduleOnline(ctx: DsContext): boolean {
  projectOf(ctx);
  const s = ctx.state.schedules.get(pathInt(ctx, 'id'));
  if (!s || s.releaseState === 'ONLINE') return true;
  const d = ctx.state.definitions.get(s.processDefinitionCode);
  if (!d || d.releaseState !== 'ONLINE')
    throw new DsFailure(
      50004,
      `process definition ${s.processDefinitionCode} process version ${d?.version ?? 0} not online`,
    );
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
  if (s.releaseState === 'ONLINE')
    throw new DsFailure(50023, `the status of schedule ${s.id} is already online`);
  ctx.state.schedules.delete(s.id);
  return null;
}

/** Up to 5 fire times from max(now, start) to end (spec §5.5). */
export function previewSchedule(ctx: DsContext): string[] {
  const p = parseSchedule(req(ctx, 'schedule'), 10140);
  return fireTimesBetween(p.crontab, Math.max(ctx.now, p.startTime), p.endTime, 5, p.timezoneId).map((ms) =>
    formatTriggerTime(new Date(ms), p.timezoneId),
  );
}

/** Fire times of `cron`, read as wall-clock times of `zone`, within [from, to] (inclusive), at most `limit`. */
export function fireTimesBetween(
  cron: string,
  from: number,
  to: number,
  limit: number,
  zone = 'UTC',
): number[] {
  const out: number[] = [];
  for (const t of nextFireTimes(cron, formatTriggerTime(new Date(from - 1000), zone), limit + 1)) {
    const ms = parseInZone(t, zone)!;
    if (ms > to) break;
    out.push(ms);
  }
  return out.slice(0, limit);
}
