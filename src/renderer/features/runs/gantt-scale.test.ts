import { describe, expect, it } from 'vitest';
import type { RunTask } from '../../../shared/contract/runner';
import { durationOf, formatDuration, formatElapsed, ganttBars, timeScale } from './gantt-scale';

const task = (name: string, extra: Partial<RunTask>): RunTask => ({
  taskInstId: name,
  name,
  type: 'SHELL',
  status: 'SUCCESS',
  statusCode: 1,
  runNum: 1,
  recallNum: 0,
  recallLimit: 0,
  recallInterval: 0,
  timeout: 0,
  isTimeout: false,
  logs: [],
  ...extra,
});

describe('Gantt scale', () => {
  it('maps time linearly and picks nice ticks', () => {
    const s = timeScale(0, 60_000, 600);
    expect(s.x(30_000)).toBe(300);
    expect(s.ticks.map((t) => t.label)).toEqual(['0s', '10s', '20s', '30s', '40s', '50s', '1m']);
    const wide = timeScale(0, 3 * 3_600_000, 400);
    expect(wide.ticks[1].label).toBe('1h');
    // A zero-length instance still gets a 1 s axis.
    expect(timeScale(5, 5, 100).t1).toBe(1005);
  });

  it('one bar per attempt, a running attempt ends now', () => {
    const bars = ganttBars(
      [
        task('a', {
          attempts: [
            {
              runNum: 1,
              startTime: '2026-11-01T00:00:00.000Z',
              endTime: '2026-11-01T00:00:01.000Z',
              status: 'FAIL',
            },
            { runNum: 2, startTime: '2026-11-01T00:00:02.000Z' },
          ],
        }),
        task('b', {
          startTime: '2026-11-01T00:00:00.500Z',
          endTime: '2026-11-01T00:00:00.700Z',
          status: 'SKIP',
        }),
        task('c', { status: 'INIT', runNum: 0 }),
      ],
      Date.parse('2026-11-01T00:00:05.000Z'),
    );
    expect(bars.map((b) => [b.task, b.row, b.runNum, b.state, b.end - b.start])).toEqual([
      ['a', 0, 1, 'FAIL', 1000],
      ['a', 0, 2, 'RUNNING', 3000],
      ['b', 1, 1, 'SKIP', 200],
    ]);
  });

  it('formats durations', () => {
    expect(formatElapsed(90_000)).toBe('1m30s');
    expect(formatElapsed(500)).toBe('0.5s');
    expect(formatDuration(1234)).toBe('1.2s');
    expect(formatDuration(65_000)).toBe('1m05s');
    expect(formatDuration(3_720_000)).toBe('1h02m');
    expect(durationOf('2026-11-01T00:00:00Z', '2026-11-01T00:00:02Z', 0)).toBe(2000);
    expect(durationOf(undefined, undefined, 0)).toBeUndefined();
  });
});
