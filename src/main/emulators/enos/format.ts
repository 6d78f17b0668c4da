/** Date rendering in the emulator's fixed-offset server zone (EnOS servers run on offsets such as GMT+8). */
export interface ZoneFormat {
  /** `GMT+8` */
  readonly name: string;
  readonly offsetMinutes: number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function parts(ms: number, zone: ZoneFormat): Date {
  return new Date(ms + zone.offsetMinutes * 60_000);
}

/** `yyyy-MM-dd` */
export function formatDate(ms: number, zone: ZoneFormat): string {
  const d = parts(ms, zone);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `yyyy-MM-dd HH:mm:ss` */
export function formatDateTime(ms: number, zone: ZoneFormat): string {
  const d = parts(ms, zone);
  return `${formatDate(ms, zone)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `yyyy-MM-dd HH:mm:ss.S` as Java's Timestamp.toString prints it (`.0` for whole seconds). */
export function formatTimestamp(ms: number, zone: ZoneFormat): string {
  const frac = ((ms % 1000) + 1000) % 1000;
  return `${formatDateTime(ms, zone)}.${frac === 0 ? '0' : pad(frac, 3).replace(/0+$/, '')}`;
}

/** `yyyyMMddHHmmss`, the time suffix of instance ids. */
export function formatIdSuffix(ms: number, zone: ZoneFormat): string {
  return formatDateTime(ms, zone).replace(/\D/g, '');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Java `Date.toString()` style, e.g. `Tue Feb 02 17:35:00 GMT+08:00 2021`. */
export function formatJavaDate(ms: number, zone: ZoneFormat): string {
  const d = parts(ms, zone);
  const sign = zone.offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(zone.offsetMinutes);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} GMT${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)} ${d.getUTCFullYear()}`;
}

/** Parses `GMT+8`, `GMT-5:30`. */
export function parseZone(name: string): ZoneFormat {
  const m = /^GMT([+-])(\d{1,2})(?::(\d{2}))?$/.exec(name);
  if (!m) return { name: 'GMT+0', offsetMinutes: 0 };
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return { name, offsetMinutes: m[1] === '-' ? -minutes : minutes };
}
