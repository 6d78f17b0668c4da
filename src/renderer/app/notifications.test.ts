import { afterEach, describe, expect, it, vi } from 'vitest';
import { dismiss, dismissWhere, notificationStore, notify } from './notifications';

afterEach(() => {
  for (const n of notificationStore.get()) dismiss(n.id);
  vi.useRealTimers();
});

describe('notifications', () => {
  it('shows one toast per failure: a repeat counts on it and moves it last', () => {
    notify('error', 'Could not reach DolphinScheduler: HTTP 500', 'INTERNAL');
    notify('warning', 'Saved with warnings');
    notify('error', 'Could not reach DolphinScheduler: HTTP 500', 'INTERNAL');
    notify('error', 'Could not reach DolphinScheduler: HTTP 500', 'INTERNAL');
    expect(notificationStore.get().map((n) => [n.message, n.count])).toEqual([
      ['Saved with warnings', 1],
      ['Could not reach DolphinScheduler: HTTP 500', 3],
    ]);
    // Another detail is another failure.
    notify('error', 'Could not reach DolphinScheduler: HTTP 500', 'UNAVAILABLE');
    expect(notificationStore.get()).toHaveLength(3);
  });

  it('a repeated info restarts its fade; errors stay until dismissed or their cause is gone', () => {
    vi.useFakeTimers();
    notify('info', 'Replaced 3 occurrences in 1 file.');
    vi.advanceTimersByTime(5000);
    notify('info', 'Replaced 3 occurrences in 1 file.');
    vi.advanceTimersByTime(5000);
    expect(notificationStore.get().map((n) => n.count)).toEqual([2]);
    vi.advanceTimersByTime(1001);
    expect(notificationStore.get()).toEqual([]);
    notify('error', 'Connection lost');
    vi.advanceTimersByTime(60_000);
    expect(notificationStore.get()).toHaveLength(1);
    dismissWhere((n) => n.message === 'Connection lost');
    expect(notificationStore.get()).toEqual([]);
  });
});
