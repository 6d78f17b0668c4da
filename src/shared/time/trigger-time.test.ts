import { describe, expect, it } from 'vitest';
import { formatTriggerTime, normalizeTriggerTime, utcOffsetAt } from './trigger-time';

describe('trigger time', () => {
  it('normalises the accepted forms', () => {
    expect(normalizeTriggerTime('2026-11-24')).toBe('2026-11-24 00:00:00');
    expect(normalizeTriggerTime('2026-11-24T08:30')).toBe('2026-11-24 08:30:00');
    expect(() => normalizeTriggerTime('24/11/2026')).toThrow(/YYYY-MM-DD/);
  });

  it('computes the zone offset at the trigger, DST included', () => {
    expect(utcOffsetAt('2026-11-24 08:00:00', 'Asia/Shanghai')).toBe(480);
    expect(utcOffsetAt('2026-11-24 08:00:00', 'GMT+8')).toBe(480);
    expect(utcOffsetAt('2026-07-01 12:00:00', 'Europe/Berlin')).toBe(120);
    expect(utcOffsetAt('2026-01-01 12:00:00', 'Europe/Berlin')).toBe(60);
    expect(utcOffsetAt('2026-01-01 12:00:00', 'UTC')).toBe(0);
  });

  it('formats now in a zone', () => {
    expect(formatTriggerTime(new Date('2026-11-24T00:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-24 08:30:00');
  });
});
