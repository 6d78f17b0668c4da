import { describe, expect, it } from 'vitest';
import { cronError, cronForCycle, describeCron, fireTimesWithDates, nextFireTimes, skippedByDst } from '.';

describe('cron validity as DolphinScheduler decides it (cron-utils 9.1.6 at create, Quartz 2.3.2 at trigger build)', () => {
  it('accepts the spec examples', () => {
    for (const c of [
      '0 0 0 * * ? *',
      '59 59 23 * * ? *',
      '0 1/1 * * * ? *',
      '0 30 2 * * ?',
      '0 15 10 ? * MON-FRI 2026',
      '0 0 12 L * ? *',
      '0 0 12 15W * ? *',
      '0 0 12 ? * 6#3 *',
      '0 0 12 ? * 6L *',
      '0 0 8 LW * ? *',
    ]) {
      expect(cronError(c), c).toBeNull();
    }
  });

  it.each([
    // cron-utils FieldConstraints.isPeriodInRange: a step larger than the field
    [
      '0/60 * * * * ?',
      'second field "0/60": cron-utils 9.1.6: Failed to parse cron expression. Period 60 not in range [0, 59]',
    ],
    // Quartz CronExpression.buildExpression: L or # inside lists
    [
      '0 0 12 ? * 2L,3',
      'day-of-week field "2L,3": ' +
        "Quartz 2.3.2: Support for specifying 'L' with other days of the week is not implemented",
    ],
    [
      '0 0 12 ? * 2#1,6#3',
      'day-of-week field "2#1,6#3": Quartz 2.3.2: Support for specifying multiple "nth" days is not implemented.',
    ],
    [
      '0 0 0 ? * 3#1#2',
      'day-of-week field "3#1#2": Quartz 2.3.2: Support for specifying multiple "nth" days is not implemented.',
    ],
    // Quartz storeExpressionVals: mixed name/number range reads three letters past the dash
    [
      '0 0 0 ? * MON-5',
      'day-of-week field "MON-5": Quartz 2.3.2: Illegal cron expression format (java.lang.StringIndexOutOfBoundsException: begin 4, end 7, length 5)',
    ],
    // cron-utils On validation: L-0 is "0 days before the last", out of the day range
    [
      '0 0 12 L-0 * ?',
      'day-of-month field "L-0": cron-utils 9.1.6: Failed to parse cron expression. Value 0 not in range [1, 31]',
    ],
    ['0 0 0 * *', 'cron-utils 9.1.6: Cron expression contains 5 parts but we expect one of [6, 7]'],
    [
      '0 0 0 * * * *',
      'cron-utils 9.1.6: Failed to parse cron expression. Invalid cron expression: 0 0 0 * * * *. Both, a day-of-week AND a day-of-month parameter, are not supported.',
    ],
    [
      '0 0 0 1 1 ? 2100',
      'year field "2100": cron-utils 9.1.6: Failed to parse cron expression. Value 2100 not in range [1970, 2099]',
    ],
  ])('%s is refused: %s', (expr, msg) => {
    expect(cronError(expr)).toBe(msg);
  });
});

describe('fire times as Quartz 2.3.2 fires them', () => {
  it('daily at 02:30, strictly after from', () => {
    expect(nextFireTimes('0 30 2 * * ? *', '2026-11-23 02:30:00', 3)).toEqual([
      '2026-11-24 02:30:00',
      '2026-11-25 02:30:00',
      '2026-11-26 02:30:00',
    ]);
    expect(nextFireTimes('0 30 2 * * ? *', '2026-11-23 02:29:59', 1)).toEqual(['2026-11-23 02:30:00']);
  });

  it('weekly, monthly, last day, nearest weekday, nth weekday', () => {
    expect(nextFireTimes('0 0 9 ? * MON *', '2026-11-24 00:00:00', 2)).toEqual([
      '2026-11-30 09:00:00',
      '2026-12-07 09:00:00',
    ]);
    expect(nextFireTimes('0 0 0 L * ? *', '2024-01-31 00:00:00', 2)).toEqual([
      '2024-02-29 00:00:00',
      '2024-03-31 00:00:00',
    ]);
    expect(nextFireTimes('0 0 0 15W * ? *', '2026-08-01 00:00:00', 1)).toEqual(['2026-08-14 00:00:00']);
    expect(nextFireTimes('0 0 0 ? * 2#1 *', '2026-11-24 00:00:00', 1)).toEqual(['2026-12-07 00:00:00']);
    expect(nextFireTimes('0 0 0 ? * 6L *', '2026-11-01 00:00:00', 1)).toEqual(['2026-11-27 00:00:00']);
  });

  it('wrap-around ranges run past the end of the field', () => {
    expect(nextFireTimes('0 0 22-2 * * ?', '2026-01-01 12:00:00', 5)).toEqual([
      '2026-01-01 22:00:00',
      '2026-01-01 23:00:00',
      '2026-01-02 00:00:00',
      '2026-01-02 01:00:00',
      '2026-01-02 02:00:00',
    ]);
    expect(nextFireTimes('0 0 0 1 NOV-FEB ?', '2026-03-01 00:00:00', 4)).toEqual([
      '2026-11-01 00:00:00',
      '2026-12-01 00:00:00',
      '2027-01-01 00:00:00',
      '2027-02-01 00:00:00',
    ]);
  });

  it('skips a wall time in the spring-forward gap that day (Europe/Berlin, 2026-03-29)', () => {
    expect(nextFireTimes('0 30 2 * * ?', '2026-03-27 12:00:00', 3, 'Europe/Berlin')).toEqual([
      '2026-03-28 02:30:00',
      '2026-03-30 02:30:00',
      '2026-03-31 02:30:00',
    ]);
    expect(
      skippedByDst('0 30 2 * * ?', '2026-03-27 12:00:00', '2026-04-01 00:00:00', 'Europe/Berlin'),
    ).toEqual(['2026-03-29 02:30:00']);
  });

  it('fires once, at the later instant, in the fall-back overlap (America/New_York, 2026-11-01)', () => {
    const times = fireTimesWithDates('0 30 1 * * ?', Date.UTC(2026, 9, 31, 12), 2, 'America/New_York');
    expect(times.map((t) => t.wall)).toEqual(['2026-11-01 01:30:00', '2026-11-02 01:30:00']);
    expect(new Date(times[0].instant).toISOString()).toBe('2026-11-01T06:30:00.000Z'); // EST, not EDT
    expect(times[0].businessDate).toBe('2026-10-31');
  });

  it('finds a match 70 years away without a second-by-second search', () => {
    expect(nextFireTimes('0 0 0 29 2 ? 2096', '2026-01-01 00:00:00', 1)).toEqual(['2096-02-29 00:00:00']);
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
    expect(describeCron('0 30 2 * *')).toMatch(
      /^Invalid cron: cron-utils 9.1.6: Cron expression contains 5 parts/,
    );
  });
});
