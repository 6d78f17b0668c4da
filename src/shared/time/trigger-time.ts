import { formatInstant, hostZone, instantOfWall, parseWall, wallMillis } from './zone';

/** `YYYY-MM-DD HH:mm:ss` of `date` in `timeZone` (IANA or `GMT±N`; undefined = the host's zone). */
export function formatTriggerTime(date: Date, timeZone?: string): string {
  return formatInstant(date.getTime(), timeZone ?? hostZone());
}

/**
 * The UTC offset in minutes of `timeZone` at the wall-clock time `triggerTime`
 * (`YYYY-MM-DD[ HH:mm[:ss]]`); a time in a DST gap or overlap resolves as Java's calendar does.
 */
export function utcOffsetAt(triggerTime: string, timeZone?: string): number {
  const f = parseWall(triggerTime);
  if (!f) throw new Error(`trigger time must be "YYYY-MM-DD HH:mm:ss", got "${triggerTime}"`);
  const wall = wallMillis(f);
  return Math.round((wall - instantOfWall(wall, timeZone ?? hostZone())) / 60_000);
}

/** Normalises `YYYY-MM-DD`, `YYYY-MM-DD HH:mm` or `YYYY-MM-DDTHH:mm:ss` to `YYYY-MM-DD HH:mm:ss`. */
export function normalizeTriggerTime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) throw new Error(`trigger time must be "YYYY-MM-DD HH:mm:ss", got "${text}"`);
  return `${m[1]} ${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}`;
}
