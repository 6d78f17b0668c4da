import { LenientCalendar, daysInMonth } from './lenient-calendar';
import {
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  HOUR,
  MINUTE,
  MONTH,
  NO_SPEC,
  SECOND,
  YEAR,
  type QuartzCron,
} from './quartz-parse';

/**
 * The next fire time strictly after `after` (epoch ms), searched the way Quartz 2.3.2's
 * `CronExpression.getTimeAfter` searches, on a lenient calendar of `zone`: field by field from
 * the second up, restarting whenever a field rolls over. Following its order of steps is what
 * makes DST agree with the engine that fires the schedule — a wall time in the spring-forward
 * gap is skipped that day; in the fall-back overlap only the later of the two instants fires —
 * and what reproduces its day-rule quirks (`30W` in February, `L-n` with `W`). Null when nothing
 * fires up to `maxYear`.
 */
export function quartzTimeAfter(c: QuartzCron, after: number, zone: string, maxYear: number): number | null {
  const sets = c.sets;
  if (sets.some((s, i) => s.length === 0 && i !== DAY_OF_MONTH && i !== DAY_OF_WEEK)) return null; // Quartz throws here
  const afterTime = after + 1000;
  const cl = new LenientCalendar(zone, afterTime);
  cl.set('millisecond', 0);
  const domSpecified = !sets[DAY_OF_MONTH].includes(NO_SPEC);
  const dowSpecified = !sets[DAY_OF_WEEK].includes(NO_SPEC);
  const toMidnight = (day: number, month: number): void => {
    cl.set('second', 0);
    cl.set('minute', 0);
    cl.set('hour', 0);
    cl.set('day', day);
    cl.set('month', month);
  };

  // Quartz loops until a time fits; the guard only stops expressions that never fit (Quartz hangs on `0W`).
  for (let guard = 0; guard < 200_000; guard++) {
    if (cl.get('year') > 2999) return null;

    let sec = cl.get('second');
    let min = cl.get('minute');
    const nextSec = ceiling(sets[SECOND], sec);
    if (nextSec !== undefined) sec = nextSec;
    else {
      sec = sets[SECOND][0];
      min++;
      cl.set('minute', min);
    }
    cl.set('second', sec);

    min = cl.get('minute');
    let hr = cl.get('hour');
    const nextMin = ceiling(sets[MINUTE], min);
    if (nextMin === undefined || nextMin !== min) {
      if (nextMin === undefined) hr++;
      cl.set('second', 0);
      cl.set('minute', nextMin ?? sets[MINUTE][0]);
      setHour(cl, hr);
      continue;
    }
    cl.set('minute', min);

    hr = cl.get('hour');
    let day = cl.get('day');
    const nextHour = ceiling(sets[HOUR], hr);
    if (nextHour === undefined || nextHour !== hr) {
      if (nextHour === undefined) day++;
      cl.set('second', 0);
      cl.set('minute', 0);
      cl.set('day', day);
      setHour(cl, nextHour ?? sets[HOUR][0]);
      continue;
    }
    cl.set('hour', hr);

    day = cl.get('day');
    let mon = cl.get('month');
    if (domSpecified && !dowSpecified) {
      const wanted = dayOfMonthRule(c, cl, { day, mon, sec, min, hr }, zone, afterTime);
      if (wanted.day !== day || wanted.mon !== mon || wanted.yearRolled) {
        toMidnight(wanted.day, wanted.mon);
        continue;
      }
    } else if (dowSpecified && !domSpecified) {
      const move = dayOfWeekRule(c, cl, day, mon);
      if (move) {
        toMidnight(move.day, move.mon);
        continue;
      }
    } else {
      return null; // Quartz refuses both (or neither) day fields at parse time
    }
    cl.set('day', day);

    mon = cl.get('month');
    let year = cl.get('year');
    if (year > maxYear) return null;
    const nextMonth = ceiling(sets[MONTH], mon);
    if (nextMonth === undefined || nextMonth !== mon) {
      if (nextMonth === undefined) year++;
      toMidnight(1, nextMonth ?? sets[MONTH][0]);
      cl.set('year', year);
      continue;
    }
    cl.set('month', mon);

    year = cl.get('year');
    const nextYear = ceiling(sets[YEAR], year);
    if (nextYear === undefined) return null;
    if (nextYear !== year) {
      toMidnight(1, 1);
      cl.set('year', nextYear);
      continue;
    }
    cl.set('year', year);
    return cl.time();
  }
  return null;
}

/** Quartz's `setCalendarHour`: an hour swallowed by a DST gap is replaced by the one after it. */
function setHour(cl: LenientCalendar, hour: number): void {
  cl.set('hour', hour);
  if (cl.get('hour') !== hour && hour !== 24) cl.set('hour', hour + 1);
}

/** The smallest value >= `v` (Java's `tailSet(v).first()`), or undefined. */
function ceiling(sorted: number[], v: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo] : undefined;
}

interface Cursor {
  day: number;
  mon: number;
  sec: number;
  min: number;
  hr: number;
}

/**
 * The day-of-month step: the day (and month, 1-based, possibly 13) the search moves to. Equal to
 * the cursor when today fits. `yearRolled` marks the `L` rule's move into January, which Quartz
 * makes with `add(YEAR, 1)` and always treats as a move.
 */
function dayOfMonthRule(
  c: QuartzCron,
  cl: LenientCalendar,
  at: Cursor,
  zone: string,
  afterTime: number,
): { day: number; mon: number; yearRolled: boolean } {
  const days = c.sets[DAY_OF_MONTH];
  const { day } = at;
  let { mon } = at;
  const year = cl.get('year');
  if (c.lastDayOfMonth) {
    const target = daysInMonth(mon, year) - c.lastDayOffset;
    if (!c.nearestWeekday) {
      if (day > target) {
        mon++;
        if (mon > 12) {
          cl.addYears(1);
          return { day: 1, mon: 1, yearRolled: true };
        }
        return { day: 1, mon, yearRolled: false };
      }
      return { day: target, mon, yearRolled: false };
    }
    const fit = nearestWeekdayOf(target, mon, year, zone, at);
    return fit.before(afterTime)
      ? { day: 1, mon: mon + 1, yearRolled: false }
      : { day: fit.day, mon, yearRolled: false };
  }
  if (c.nearestWeekday) {
    const fit = nearestWeekdayOf(days[0], mon, year, zone, at);
    return fit.before(afterTime)
      ? { day: days[0], mon: mon + 1, yearRolled: false }
      : { day: fit.day, mon, yearRolled: false };
  }
  const next = ceiling(days, day);
  if (next !== undefined) {
    return next > daysInMonth(mon, year)
      ? { day: days[0], mon: mon + 1, yearRolled: false }
      : { day: next, mon, yearRolled: false };
  }
  return { day: days[0], mon: mon + 1, yearRolled: false };
}

/**
 * Quartz's `W` step on a scratch calendar: the weekday of `day` is read after lenient
 * normalisation (so `30W` in February looks at early March), the day is moved off the weekend,
 * and the result is compared with the search start at the cursor's time of day.
 */
function nearestWeekdayOf(
  day: number,
  mon: number,
  year: number,
  zone: string,
  at: Cursor,
): { day: number; before: (t: number) => boolean } {
  const scratch = new LenientCalendar(zone, 0);
  scratch.set('second', 0);
  scratch.set('minute', 0);
  scratch.set('hour', 0);
  scratch.set('day', day);
  scratch.set('month', mon);
  scratch.set('year', year);
  const lastDay = daysInMonth(mon, year);
  const dow = scratch.dayOfWeek();
  if (dow === 7 && day === 1) day += 2;
  else if (dow === 7) day -= 1;
  else if (dow === 1 && day === lastDay) day -= 2;
  else if (dow === 1) day += 1;
  scratch.set('second', at.sec);
  scratch.set('minute', at.min);
  scratch.set('hour', at.hr);
  scratch.set('day', day);
  scratch.set('month', mon);
  const time = scratch.time();
  return { day, before: (t) => time < t };
}

/** The day-of-week step: where the search moves to, or null when today fits. */
function dayOfWeekRule(
  c: QuartzCron,
  cl: LenientCalendar,
  day: number,
  mon: number,
): { day: number; mon: number } | null {
  const dows = c.sets[DAY_OF_WEEK];
  const year = cl.get('year');
  const current = cl.dayOfWeek();
  const lastDay = daysInMonth(mon, year);
  const forward = (wanted: number): number =>
    current < wanted ? wanted - current : current > wanted ? wanted + 7 - current : 0;
  if (c.lastDayOfWeek) {
    let add = forward(dows[0]);
    if (day + add > lastDay) return { day: 1, mon: mon + 1 };
    while (day + add + 7 <= lastDay) add += 7;
    return add > 0 ? { day: day + add, mon } : null;
  }
  if (c.nthDayOfWeek !== 0) {
    const shift = forward(dows[0]);
    let d = day + shift;
    const weekOfMonth = Math.floor(d / 7) + (d % 7 > 0 ? 1 : 0);
    const add = (c.nthDayOfWeek - weekOfMonth) * 7;
    d += add;
    if (add < 0 || d > lastDay) return { day: 1, mon: mon + 1 };
    return add > 0 || shift > 0 ? { day: d, mon } : null;
  }
  const add = forward(ceiling(dows, current) ?? dows[0]);
  if (day + add > lastDay) return { day: 1, mon: mon + 1 };
  return add > 0 ? { day: day + add, mon } : null;
}
