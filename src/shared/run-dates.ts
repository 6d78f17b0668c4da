import { formatTriggerTime } from './time/trigger-time';
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(date: string): Date {
  const m = DATE.exec(date);
  if (!m) throw new Error(`"${date}" is not a YYYY-MM-DD date`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== date) throw new Error(`"${date}" is not a calendar date`);
  return d;
}

/** `date` moved by `days` calendar days (`YYYY-MM-DD`, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The trigger time whose business date is `businessDate`: the next day at 00:00:00 (spec §3.2). */
export function triggerTimeOfBusinessDate(businessDate: string): string {
  return `${addDays(businessDate, 1)} 00:00:00`;
}

/** Every date from `from` to `to` inclusive, in `order`. Throws when `to` is before `from` or the range exceeds `max` days. */
export function businessDatesBetween(
  from: string,
  to: string,
  order: 'asc' | 'desc' = 'asc',
  max = 366,
): string[] {
  const start = parse(from).getTime();
  const end = parse(to).getTime();
  if (end < start) throw new Error(`the range ends (${to}) before it starts (${from})`);
  const count = Math.round((end - start) / 86_400_000) + 1;
  if (count > max) throw new Error(`the range has ${count} days; at most ${max} are allowed`);
  const dates = Array.from({ length: count }, (_, i) => addDays(from, i));
  return order === 'desc' ? dates.reverse() : dates;
}

/**
 * The business date of a trigger now, `YYYY-MM-DD`: yesterday in `timeZone` (the workspace's;
 * default the host's), the date `bdp run` and a pre-run without a date use.
 */
export function yesterday(now: Date = new Date(), timeZone?: string): string {
  return addDays(formatTriggerTime(now, timeZone).slice(0, 10), -1);
}
