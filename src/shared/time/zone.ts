/**
 * Time zones without the host's zone: wall-clock fields of an instant in an IANA zone, and the
 * instant of a wall-clock time resolved the way Java's `GregorianCalendar` does (Quartz and
 * DolphinScheduler compute with it): a time in a spring-forward gap is read with the offset
 * before the change (so it lands after the gap), an ambiguous time in a fall-back overlap is the
 * later instant. Pure: only `Intl`, which both the browser and Node have.
 */

export interface WallFields {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const HOUR_MS = 3_600_000;

/** `GMT+8` (allowed in bdp.yaml, as EnOS names zones) becomes `Etc/GMT-8`, whose sign is reversed. */
export function toIanaZone(zone: string): string {
  const m = /^GMT([+-])(\d{1,2})$/.exec(zone);
  if (!m) return zone;
  return `Etc/GMT${m[1] === '+' ? '-' : '+'}${m[2]}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: toIanaZone(zone),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is an IANA name (or `GMT±N`) this runtime knows. */
export function isValidZone(zone: string): boolean {
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
}

/** The host's IANA zone. */
export function hostZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const offsetCache = new Map<string, number>();

/**
 * The zone's UTC offset in ms at `instant`. Cached per zone and minute: every real transition
 * falls on a whole minute.
 */
export function offsetAt(instant: number, zone: string): number {
  if (zone === 'UTC') return 0;
  const minute = Math.floor(instant / 60_000);
  const key = `${zone}|${minute}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const at = minute * 60_000;
  const f: WallFields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  for (const p of formatterOf(zone).formatToParts(new Date(at))) {
    if (p.type in f) f[p.type as keyof WallFields] = Number(p.value);
  }
  const offset = wallMillis(f) - at;
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** Wall-clock fields of `instant` in `zone`. */
export function wallFieldsAt(instant: number, zone: string): WallFields {
  const d = new Date(instant + offsetAt(instant, zone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** Wall-clock fields as if they were UTC: the "local millis" both directions work with. Lenient: out-of-range fields carry over, as in Java's lenient calendar. */
export function wallMillis(f: WallFields): number {
  const d = new Date(0);
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour, f.minute, f.second, f.millisecond);
  return d.getTime();
}

/**
 * The instant of wall time `wall` (local millis, see {@link wallMillis}) in `zone`, resolved as
 * Java's calendar resolves it: the offset of the last transition whose *wall* time (its instant
 * plus the new offset) is not after `wall`.
 */
export function instantOfWall(wall: number, zone: string): number {
  if (zone === 'UTC') return wall;
  const lo = wall - 15 * HOUR_MS;
  const hi = wall + 15 * HOUR_MS;
  const before = offsetAt(lo, zone);
  const after = offsetAt(hi, zone);
  if (before === after) return wall - before;
  const change = transitionBetween(lo, hi, after, zone);
  return wall >= change + after ? wall - after : wall - before;
}

/** The first instant (whole second) in (lo, hi] whose offset is `after`. */
function transitionBetween(lo: number, hi: number, after: number, zone: string): number {
  let a = Math.floor(lo / 1000);
  let b = Math.ceil(hi / 1000);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(mid * 1000, zone) === after) b = mid;
    else a = mid;
  }
  return b * 1000;
}

/** `YYYY-MM-DD HH:mm:ss` */
export function formatWall(f: WallFields): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(f.year, 4)}-${p(f.month)}-${p(f.day)} ${p(f.hour)}:${p(f.minute)}:${p(f.second)}`;
}

/** `YYYY-MM-DD HH:mm:ss` of `instant` in `zone`. */
export function formatInstant(instant: number, zone: string): string {
  return formatWall(wallFieldsAt(instant, zone));
}

const WALL_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses `YYYY-MM-DD[ HH:mm[:ss]]` into wall fields; undefined when it is not that shape. */
export function parseWall(text: string): WallFields | undefined {
  const m = WALL_TEXT.exec(text.trim());
  if (!m) return undefined;
  return {
    year: +m[1],
    month: +m[2],
    day: +m[3],
    hour: +(m[4] ?? 0),
    minute: +(m[5] ?? 0),
    second: +(m[6] ?? 0),
    millisecond: 0,
  };
}

/** The instant of the wall-clock text `YYYY-MM-DD[ HH:mm[:ss]]` in `zone`; undefined when malformed. */
export function instantOfWallText(text: string, zone: string): number | undefined {
  const f = parseWall(text);
  return f === undefined ? undefined : instantOfWall(wallMillis(f), zone);
}
