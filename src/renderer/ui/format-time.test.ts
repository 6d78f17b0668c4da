import { describe, expect, it } from 'vitest';
import { businessDateAt, formatClock, formatDateTime, zoneLabel } from './format-time';

describe('format-time', () => {
  const at = Date.UTC(2026, 10, 24, 11, 34, 5); // 2026-11-24 11:34:05 UTC

  it('writes date, 24-hour time and the zone, in the zone asked for', () => {
    expect(formatDateTime(at, 'Asia/Shanghai')).toBe('2026-11-24 19:34:05 GMT+8');
    expect(formatDateTime(at, 'UTC')).toBe('2026-11-24 11:34:05 UTC');
    expect(formatDateTime(at, 'America/New_York')).toBe('2026-11-24 06:34:05 GMT-5');
    expect(formatDateTime(at, 'Asia/Kolkata')).toBe('2026-11-24 17:04:05 GMT+5:30');
  });

  it('the business date is the day before the trigger date in the zone, across months and years', () => {
    expect(businessDateAt(Date.UTC(2026, 11, 31, 18, 30), 'Asia/Shanghai')).toBe('2026-12-31'); // 2027-01-01 02:30 +8
    expect(businessDateAt(Date.UTC(2026, 11, 31, 18, 30), 'UTC')).toBe('2026-12-30');
    expect(businessDateAt(Date.UTC(2028, 2, 1, 1, 0), 'UTC')).toBe('2028-02-29');
  });

  it('midnight is 00, not 24; the offset follows daylight saving time', () => {
    expect(formatClock(Date.UTC(2026, 5, 30, 16, 0, 0), 'Asia/Shanghai')).toBe('00:00:00');
    expect(zoneLabel('Europe/Berlin', Date.UTC(2026, 6, 1))).toBe('GMT+2');
    expect(zoneLabel('Europe/Berlin', Date.UTC(2026, 0, 1))).toBe('GMT+1');
  });
});
