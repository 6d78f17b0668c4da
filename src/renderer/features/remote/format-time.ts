import { formatDateTime } from '../../ui/format-time';

/** `2026-11-24 19:34:00 GMT+8` in this machine's zone, or `—`. */
export function formatTime(ms?: number): string {
  return ms ? formatDateTime(ms) : '—';
}

/** Run time of a started instance: `40 s`, `3 min`; running ones count up to `now`. */
export function formatDuration(start?: number, end?: number, now = Date.now()): string {
  if (!start) return '—';
  const s = Math.max(0, Math.round(((end ?? now) - start) / 1000));
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}
