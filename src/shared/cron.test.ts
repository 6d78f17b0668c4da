import { describe, expect, it } from 'vitest';
import { cronError, cronForCycle, describeCron, nextFireTimes, parseCron } from './cron';

describe('parseCron', () => {
  it('accepts the spec examples', () => {
    for (const c of ['0 0 0 * * ? *', '59 59 23 * * ? *', '0 1/1 * * * ? *', '0 30 2 * * ?', '0 15 10 ? * MON-FRI 2026', '0 0 12 L * ? *', '0 0 12 15W * ? *', '0 0 12 ? * 6#3 *', '0 0 12 ? * 6L *', '0 0 8 LW * ? *']) {
      expect(cronError(c), c).toBeNull();
    }
  });

  it.each([
    ['0 0 0 * *', 'expected 7 fields'],
    ['0 60 0 * * ? *', 'minute field "60": 60 is out of range 0-59'],
    ['0 0 25 * * ? *', 'hour field "25"'],
    ['0 0 0 * FOO ? *', 'month field "FOO": "FOO" is not a number or a name'],
    ['0 0 0 * * * *', 'one of day-of-month ("*") and day-of-week ("*") must be "?"'],
    ['0 0 0 ? * ? *', 'both "?"'],
    ['0 0 0 * * ? 1800', 'year field "1800"'],
    ['? 0 0 * * ? *', 'second field'],
    ['0 0/0 0 * * ? *', 'minute field "0/0": step "0"'],
    ['0 0 0 ? * 2#6 *', 'day-of-week field "2#6"'],
  ])('%s -> %s', (expr, msg) => {
    expect(cronError(expr)).toContain(msg);
  });

  it('uses Quartz day-of-week numbering 1=SUN..7=SAT', () => {
    expect(parseCron('0 0 0 ? * SUN,SAT *').dow.days.flatMap((v, i) => (v ? [i] : []))).toEqual([1, 7]);
  });
});

describe('nextFireTimes', () => {
  it('daily at 02:30, strictly after from', () => {
    expect(nextFireTimes('0 30 2 * * ? *', '2026-11-23 02:30:00', 3)).toEqual(['2026-11-24 02:30:00', '2026-11-25 02:30:00', '2026-11-26 02:30:00']);
    expect(nextFireTimes('0 30 2 * * ? *', '2026-11-23 02:29:59', 1)).toEqual(['2026-11-23 02:30:00']);
  });
  it('every minute and every 15 seconds', () => {
    expect(nextFireTimes('0 0/1 * * * ? *', '2026-12-31 23:58:30', 3)).toEqual(['2026-12-31 23:59:00', '2027-01-01 00:00:00', '2027-01-01 00:01:00']);
    expect(nextFireTimes('0/15 * * * * ? *', '2026-01-01 00:00:00', 2)).toEqual(['2026-01-01 00:00:15', '2026-01-01 00:00:30']);
  });
  it('weekly, monthly, last day, nearest weekday, nth weekday', () => {
    expect(nextFireTimes('0 0 9 ? * MON *', '2026-11-24 00:00:00', 2)).toEqual(['2026-11-30 09:00:00', '2026-12-07 09:00:00']);
    expect(nextFireTimes('0 0 0 L * ? *', '2024-01-31 00:00:00', 2)).toEqual(['2024-02-29 00:00:00', '2024-03-31 00:00:00']);
    expect(nextFireTimes('0 0 0 15W * ? *', '2026-08-01 00:00:00', 1)).toEqual(['2026-08-14 00:00:00']); // 15th is a Saturday
    expect(nextFireTimes('0 0 0 ? * 2#1 *', '2026-11-24 00:00:00', 1)).toEqual(['2026-12-07 00:00:00']);
    expect(nextFireTimes('0 0 0 ? * 6L *', '2026-11-01 00:00:00', 1)).toEqual(['2026-11-27 00:00:00']);
    expect(nextFireTimes('0 0 0 LW * ? *', '2026-01-01 00:00:00', 1)).toEqual(['2026-01-30 00:00:00']); // 31st is a Saturday
  });
  it('Feb 29 only and a bounded year list', () => {
    expect(nextFireTimes('0 0 0 29 2 ? *', '2026-01-01 00:00:00', 2)).toEqual(['2028-02-29 00:00:00', '2032-02-29 00:00:00']);
    expect(nextFireTimes('0 0 0 1 1 ? 2027', '2028-01-01 00:00:00', 1)).toEqual([]);
  });
  it('finds a match 70 years away without a second-by-second search', () => {
    // A guard against brute force (which takes minutes here), not a speed budget: that is in benchmarks.
    const t = performance.now();
    expect(nextFireTimes('0 0 0 29 2 ? 2096', '2026-01-01 00:00:00', 1)).toEqual(['2096-02-29 00:00:00']);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('cronForCycle and describeCron', () => {
  it('produces the time-picker crons', () => {
    expect(cronForCycle('D', { hour: 2, minute: 30 })).toBe('0 30 2 * * ? *');
    expect(cronForCycle('mi')).toBe('0 0/1 * * * ? *');
    expect(cronForCycle('H', { minute: 5 })).toBe('0 5 0/1 * * ? *');
    expect(cronForCycle('W', { hour: 8, dayOfWeek: 2 })).toBe('0 0 8 ? * 2 *');
    expect(cronForCycle('M', { hour: 1, dayOfMonth: 1 })).toBe('0 0 1 1 * ? *');
    for (const c of ['D', 'mi', 'H', 'W', 'M'] as const) expect(cronError(cronForCycle(c))).toBeNull();
  });
  it('describes in words, or says why it is invalid', () => {
    expect(describeCron('0 30 2 * * ? *')).toBe('At 02:30');
    expect(describeCron('0 30 2 * *')).toMatch(/^Invalid cron: expected 7 fields/);
  });
});
