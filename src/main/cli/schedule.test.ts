import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduleCommand, type ScheduleOptions } from './schedule';

afterEach(() => vi.restoreAllMocks());

function run(cron: string | undefined, opts: ScheduleOptions): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
  const code = scheduleCommand(cron, opts);
  vi.restoreAllMocks();
  return { code, out, err };
}

describe('bdp schedule', () => {
  it('prints the next fire times with offsets and business dates, and the time a DST gap swallows', () => {
    const { code, out } = run('0 30 2 * * ?', { tz: 'Europe/Berlin', from: '2026-03-28 00:00', count: '3' });
    expect(code).toBe(0);
    expect(out).toContain('2026-03-28 02:30:00 +01:00  business date 2026-03-27');
    expect(out).toContain('2026-03-30 02:30:00 +02:00  business date 2026-03-29');
    expect(out).not.toContain('2026-03-29 02:30:00 +');
    expect(out).toContain('2026-03-29 02:30:00 does not exist in Europe/Berlin (DST gap)');
  });

  it('counts --from itself when it is a fire time, and answers JSON', () => {
    const { code, out } = run('0 0 2 * * ? *', {
      tz: 'Asia/Shanghai',
      from: '2026-12-08 02:00:00',
      count: '2',
      json: true,
    });
    expect(code).toBe(0);
    const answer = JSON.parse(out);
    expect(answer.fireTimes).toEqual([
      {
        time: '2026-12-08 02:00:00',
        offset: '+08:00',
        instant: '2026-12-07T18:00:00.000Z',
        businessDate: '2026-12-07',
      },
      {
        time: '2026-12-09 02:00:00',
        offset: '+08:00',
        instant: '2026-12-08T18:00:00.000Z',
        businessDate: '2026-12-08',
      },
    ]);
  });

  it('refuses an invalid cron with the engine that refuses it, exit 2', () => {
    const { code, err } = run('0 0 12 ? * 2#1,6#3', { tz: 'UTC' });
    expect(code).toBe(2);
    expect(err).toContain('Quartz 2.3.2: Support for specifying multiple "nth" days is not implemented.');
    expect(run('0/60 * * * * ?', { json: true }).out).toContain('"engine": "cron-utils 9.1.6"');
  });

  it('refuses a bad zone, date or count with one line', () => {
    expect(run('0 0 0 * * ?', { tz: 'Mars/Olympus' }).err).toBe(
      'bdp schedule: unknown time zone "Mars/Olympus" (use an IANA name such as Europe/Berlin, or GMT+8)\n',
    );
    expect(run('0 0 0 * * ?', { from: 'tomorrow' }).code).toBe(2);
    expect(run('0 0 0 * * ?', { count: '0' }).code).toBe(2);
    expect(run(undefined, {}).code).toBe(2);
  });
});
