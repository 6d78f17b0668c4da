import { describe, expect, it } from 'vitest';
import { addDays, businessDatesBetween, triggerTimeOfBusinessDate, yesterday } from './run-dates';

describe('run dates', () => {
  it('triggers the day after the business date at midnight, across month and year ends', () => {
    expect(triggerTimeOfBusinessDate('2026-11-07')).toBe('2026-11-08 00:00:00');
    expect(triggerTimeOfBusinessDate('2026-12-31')).toBe('2027-01-01 00:00:00');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('lists backfill dates in either order and rejects bad ranges', () => {
    expect(businessDatesBetween('2026-11-01', '2026-11-03')).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
    ]);
    expect(businessDatesBetween('2026-11-01', '2026-11-03', 'desc')).toEqual([
      '2026-11-03',
      '2026-11-02',
      '2026-11-01',
    ]);
    expect(() => businessDatesBetween('2026-11-03', '2026-11-01')).toThrow(/before/);
    expect(() => businessDatesBetween('2026-02-30', '2026-03-01')).toThrow(/calendar/);
    expect(() => businessDatesBetween('2020-01-01', '2026-01-01')).toThrow(/at most/);
  });

  it('yesterday is the local previous day', () => {
    expect(yesterday(new Date(2026, 0, 1, 9))).toBe('2025-12-31');
  });
});
