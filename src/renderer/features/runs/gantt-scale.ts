import type { RunState } from '../../../shared/model/run';
import type { RunTask } from '../../../shared/contract/runner';

/** One bar of the Gantt chart: an attempt of a task, in ms since the epoch. */
export interface GanttBar {
  task: string;
  row: number;
  runNum: number;
  start: number;
  end: number;
  /** State colour of the bar (a running attempt is RUNNING). */
  state: RunState;
  running: boolean;
}

/** Bars of every attempt; tasks without attempt records fall back to their latest start/end. */
export function ganttBars(tasks: readonly RunTask[], now: number): GanttBar[] {
  const bars: GanttBar[] = [];
  tasks.forEach((t, row) => {
    const attempts =
      t.attempts && t.attempts.length > 0
        ? t.attempts
        : t.startTime
          ? [{ runNum: t.runNum, startTime: t.startTime, endTime: t.endTime, status: undefined }]
          : [];
    for (const a of attempts) {
      const running = !a.endTime;
      const state: RunState = running ? 'RUNNING' : (a.status ?? t.status);
      bars.push({
        task: t.name,
        row,
        runNum: a.runNum,
        start: Date.parse(a.startTime),
        end: running ? now : Date.parse(a.endTime!),
        state,
        running,
      });
    }
  });
  return bars;
}

/** A linear time scale from [t0, t1] to [0, width] px with "nice" ticks. */
export interface TimeScale {
  t0: number;
  t1: number;
  width: number;
  x(t: number): number;
  ticks: { t: number; x: number; label: string }[];
}

const STEPS_MS = [
  100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
  1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
];

/** Tick label: elapsed time since the chart start, e.g. `0s`, `1m30s`, `2h`. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return ms === 0 ? '0s' : `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return m ? `${h}h${m}m` : `${h}h`;
  if (m > 0) return sec ? `${m}m${sec}s` : `${m}m`;
  return `${sec}s`;
}

/** Builds the scale; aims at about `width / minTickPx` ticks. A zero-length range is widened to 1 s. */
export function timeScale(t0: number, t1: number, width: number, minTickPx = 80): TimeScale {
  const span = Math.max(1000, t1 - t0);
  const end = t0 + span;
  const wanted = Math.max(1, Math.floor(width / minTickPx));
  const step = STEPS_MS.find((s) => span / s <= wanted) ?? STEPS_MS[STEPS_MS.length - 1];
  const x = (t: number): number => ((t - t0) / span) * width;
  const ticks = [];
  for (let t = 0; t <= span + 1e-6; t += step)
    ticks.push({ t: t0 + t, x: x(t0 + t), label: formatElapsed(t) });
  return { t0, t1: end, width, x, ticks };
}

/** Human duration between two ISO times (or until now), e.g. `1.2s`, `3m05s`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${sec}s`;
}

/** Duration of something with ISO start/end (running: until `now`). */
export function durationOf(
  start: string | undefined,
  end: string | undefined,
  now: number,
): number | undefined {
  if (!start) return undefined;
  return (end ? Date.parse(end) : now) - Date.parse(start);
}
