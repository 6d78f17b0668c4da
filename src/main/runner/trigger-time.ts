/** Wall-clock fields of `date` in `timeZone` (IANA; undefined = the host's zone). */
function wallClock(date: Date, timeZone: string | undefined): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  if (timeZone === undefined) {
    return { y: date.getFullYear(), m: date.getMonth() + 1, d: date.getDate(), h: date.getHours(), mi: date.getMinutes(), s: date.getSeconds() };
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: toIana(timeZone),
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour') % 24, mi: get('minute'), s: get('second') };
}

/** `GMT+8` (allowed in bdp.yaml) becomes `Etc/GMT-8`, whose sign convention is reversed. */
function toIana(zone: string): string {
  const m = /^GMT([+-])(\d{1,2})$/.exec(zone);
  if (!m) return zone;
  return `Etc/GMT${m[1] === '+' ? '-' : '+'}${m[2]}`;
}

/** `YYYY-MM-DD HH:mm:ss` of `date` in `timeZone`. */
export function formatTriggerTime(date: Date, timeZone?: string): string {
  const f = wallClock(date, timeZone);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${f.y}-${p(f.m)}-${p(f.d)} ${p(f.h)}:${p(f.mi)}:${p(f.s)}`;
}

/**
 * The UTC offset in minutes of `timeZone` at the wall-clock time `triggerTime`
 * (`YYYY-MM-DD HH:mm[:ss]`). Two passes settle the offset around DST changes.
 */
export function utcOffsetAt(triggerTime: string, timeZone?: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(triggerTime.trim());
  if (!m) throw new Error(`trigger time must be "YYYY-MM-DD HH:mm:ss", got "${triggerTime}"`);
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  const offsetAt = (ms: number): number => {
    const f = wallClock(new Date(ms), timeZone);
    return Math.round((Date.UTC(f.y, f.m - 1, f.d, f.h, f.mi, f.s) - ms) / 60_000);
  };
  const first = offsetAt(asUtc);
  return offsetAt(asUtc - first * 60_000);
}

/** Normalises `YYYY-MM-DD`, `YYYY-MM-DD HH:mm` or `YYYY-MM-DDTHH:mm:ss` to `YYYY-MM-DD HH:mm:ss`. */
export function normalizeTriggerTime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) throw new Error(`trigger time must be "YYYY-MM-DD HH:mm:ss", got "${text}"`);
  return `${m[1]} ${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}`;
}
