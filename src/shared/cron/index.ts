import cronstrue from 'cronstrue';
import { addDays } from '../run-dates';
import { formatInstant, instantOfWall, parseWall, wallFieldsAt, wallMillis, formatWall } from '../time/zone';
import { cronUtilsRefusal } from './cron-utils-check';
import { quartzTimeAfter } from './quartz-fire';
import { QuartzParseError, defaultMaxYear, parseQuartz, type QuartzCron } from './quartz-parse';

/**
 * Quartz cron as the engines that fire our schedules read it (EnOS and DolphinScheduler both use
 * 6/7-field Quartz crons): valid when cron-utils 9.1.6 (DolphinScheduler's check on create and
 * update) and Quartz 2.3.2 (which builds and fires the trigger) both accept it; fire times are
 * Quartz's, in the schedule's time zone, DST included. One implementation for the designer
 * preview, `bdp schedule`, the emulators, backfill and the runner.
 */

export type CronCycle = 'M' | 'W' | 'D' | 'H' | 'mi';

export const QUARTZ = 'Quartz 2.3.2';
export const CRON_UTILS = 'cron-utils 9.1.6';

const FIELD_NAMES = ['second', 'minute', 'hour', 'day-of-month', 'month', 'day-of-week', 'year'];

/**
 * The expression is refused; `engineMessage` is the refusing engine's own words, `field` the
 * field it is about (when it is about one).
 */
export class CronError extends Error {
  readonly field?: string;

  constructor(
    readonly engine: typeof QUARTZ | typeof CRON_UTILS,
    readonly engineMessage: string,
    expression?: string,
    fieldIndex?: number,
  ) {
    const text = fieldIndex === undefined ? undefined : expression?.trim().split(/\s+/)[fieldIndex];
    const field = fieldIndex === undefined ? undefined : FIELD_NAMES[fieldIndex];
    super(`${field && text !== undefined ? `${field} field "${text}": ` : ''}${engine}: ${engineMessage}`);
    this.name = 'CronError';
    this.field = field;
  }
}

/** A parsed expression. */
export interface Cron {
  source: string;
  quartz: QuartzCron;
  /** Quartz searches no further than this year (the year its class was loaded + 100). */
  maxYear: number;
}

/**
 * Parses `expression`. Throws {@link CronError} with cron-utils' refusal first (DolphinScheduler
 * checks with it first), else Quartz's.
 */
export function parseCron(expression: string, maxYear = defaultMaxYear()): Cron {
  const utils = cronUtilsRefusal(expression);
  let quartz: QuartzCron;
  try {
    quartz = parseQuartz(expression, maxYear);
  } catch (e) {
    if (utils && !utils.crashed) throw new CronError(CRON_UTILS, utils.message, expression, utils.field);
    if (e instanceof QuartzParseError) throw new CronError(QUARTZ, e.message, expression, e.field);
    throw e;
  }
  if (utils) throw new CronError(CRON_UTILS, utils.message, expression, utils.field);
  return { source: expression.trim(), quartz, maxYear };
}

/** The refusal message of an invalid expression (engine named), or null when both engines accept it. */
export function cronError(expression: string): string | null {
  try {
    parseCron(expression);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** A human description, e.g. "At 02:30". Returns the refusal when invalid. */
export function describeCron(expression: string): string {
  const err = cronError(expression);
  if (err) return `Invalid cron: ${err}`;
  try {
    return cronstrue.toString(expression, {
      use24HourTimeFormat: true,
      dayOfWeekStartIndexZero: false,
      verbose: false,
    });
  } catch (e) {
    return String(e);
  }
}

function parsed(cron: string | Cron): Cron {
  return typeof cron === 'string' ? parseCron(cron) : cron;
}

/** The next `count` fire instants (epoch ms) strictly after `after`, the cron read in `zone`. */
export function nextFireInstants(cron: string | Cron, after: number, count: number, zone = 'UTC'): number[] {
  const c = parsed(cron);
  const out: number[] = [];
  let t = after;
  while (out.length < count) {
    const next = quartzTimeAfter(c.quartz, t, zone, c.maxYear);
    if (next === null) break;
    out.push(next);
    t = next;
  }
  return out;
}

/** Fire instants at or after `from` and not after `to` (epoch ms), at most `limit`. */
export function fireInstantsBetween(
  cron: string | Cron,
  from: number,
  to: number,
  limit: number,
  zone = 'UTC',
): number[] {
  return nextFireInstants(cron, from - 1000, limit, zone).filter((t) => t <= to);
}

/**
 * The next `count` fire times strictly after the wall-clock time `from` (`YYYY-MM-DD HH:mm:ss`)
 * of `zone`, as wall-clock times of that zone.
 */
export function nextFireTimes(cron: string | Cron, from: string, count: number, zone = 'UTC'): string[] {
  const f = parseWall(from);
  if (!f) throw new Error(`from must be "YYYY-MM-DD HH:mm:ss", got "${from}"`);
  return nextFireInstants(cron, instantOfWall(wallMillis(f), zone), count, zone).map((t) =>
    formatInstant(t, zone),
  );
}

/** A fire time with the business date it processes (the trigger date - 1, spec §3.2). */
export interface FireTime {
  instant: number;
  /** Wall clock in the schedule's zone. */
  wall: string;
  businessDate: string;
}

export function fireTimesWithDates(
  cron: string | Cron,
  after: number,
  count: number,
  zone = 'UTC',
): FireTime[] {
  return nextFireInstants(cron, after, count, zone).map((instant) => {
    const wall = formatInstant(instant, zone);
    return { instant, wall, businessDate: addDays(wall.slice(0, 10), -1) };
  });
}

/**
 * Wall-clock times the cron names between `from` and `to` (wall clock of `zone`) that do not
 * exist in the zone — in a spring-forward gap — so Quartz skips them that day.
 */
export function skippedByDst(cron: string | Cron, from: string, to: string, zone: string): string[] {
  const c = parsed(cron);
  const start = parseWall(from);
  const end = parseWall(to);
  if (!start || !end || zone === 'UTC') return [];
  const limit = wallMillis(end);
  const out: string[] = [];
  for (let t = wallMillis(start); out.length < 10;) {
    const next = quartzTimeAfter(c.quartz, t, 'UTC', c.maxYear);
    if (next === null || next > limit) break;
    const real = wallFieldsAt(instantOfWall(next, zone), zone);
    if (wallMillis(real) !== next) out.push(formatWall(wallFieldsAt(next, 'UTC')));
    t = next;
  }
  return out;
}

/** Time-picker values for {@link cronForCycle}; dayOfWeek uses Quartz numbering 1=SUN..7=SAT. */
export interface CycleTime {
  minute?: number;
  hour?: number;
  dayOfMonth?: number;
  dayOfWeek?: number;
}

/**
 * The cron the EnOS time picker produces for a Scheduling Cycle:
 * `mi` -> `0 0/1 * * * ? *`; `H` -> `0 <m> 0/1 * * ? *`; `D` -> `0 <m> <h> * * ? *`;
 * `W` -> `0 <m> <h> ? * <dow> *`; `M` -> `0 <m> <h> <dom> * ? *`.
 */
export function cronForCycle(cycle: CronCycle, time: CycleTime = {}): string {
  const { minute = 0, hour = 0, dayOfMonth = 1, dayOfWeek = 2 } = time;
  switch (cycle) {
    case 'mi':
      return '0 0/1 * * * ? *';
    case 'H':
      return `0 ${minute} 0/1 * * ? *`;
    case 'D':
      return `0 ${minute} ${hour} * * ? *`;
    case 'W':
      return `0 ${minute} ${hour} ? * ${dayOfWeek} *`;
    case 'M':
      return `0 ${minute} ${hour} ${dayOfMonth} * ? *`;
  }
}
