/** Minutes east of UTC for a `GMT+8` / `GMT-5:30` zone name; 0 when unparsable. */
export function zoneOffsetMinutes(zone: string): number {
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone.trim());
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * Epoch ms of a service time `yyyy-MM-dd HH:mm:ss[.S]` (or `yyyy-MM-dd`) read in the server
 * zone; undefined for null, empty or unparsable values.
 */
export function parseEnosTime(value: string | null | undefined, offsetMinutes: number): number | undefined {
  const m = value
    ? /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value.trim())
    : null;
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m;
  const ms = Number(frac.padEnd(3, '0'));
  return (
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) -
    offsetMinutes * 60_000
  );
}
