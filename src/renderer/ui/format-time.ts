/**
 * The one way the app writes a point in time: `2026-11-24 19:34:00 GMT+8` — the date and 24-hour
 * time as DolphinScheduler and the EnOS console show them, and always the zone it is in (this
 * machine's unless one is given, e.g. the workspace's or the server's).
 */
export function formatDateTime(ms: number, timeZone?: string): string {
  const p = partsOf(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.zone}`;
}

/** `19:34:00` — for columns whose header carries the zone (see `zoneLabel`). */
export function formatClock(ms: number, timeZone?: string): string {
  const p = partsOf(ms, timeZone);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** `2026-11-24`: the calendar date at `ms` in the zone. */
export function formatDate(ms: number, timeZone?: string): string {
  const p = partsOf(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The business date (`${cal_dt}`) of a run triggered at `ms`: the day before the trigger date, in the zone. */
export function businessDateAt(ms: number, timeZone?: string): string {
  const [y, m, d] = formatDate(ms, timeZone).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** `GMT+8` (or `UTC`): the zone's offset at `ms`, as the times above are labelled. */
export function zoneLabel(timeZone?: string, ms = Date.now()): string {
  return partsOf(ms, timeZone).zone;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function partsOf(
  ms: number,
  timeZone?: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'zone', string> {
  const key = timeZone ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    formats.set(key, format);
  }
  const out: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) out[part.type] = part.value;
  const zone = out.timeZoneName === 'GMT' || out.timeZoneName === 'GMT+0' ? 'UTC' : out.timeZoneName;
  return {
    year: out.year,
    month: out.month,
    day: out.day,
    hour: out.hour,
    minute: out.minute,
    second: out.second,
    zone,
  };
}
