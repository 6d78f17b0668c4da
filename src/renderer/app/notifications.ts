import { createStore } from './store';

export type NotificationSeverity = 'error' | 'warning' | 'info';

export interface Notification {
  id: number;
  severity: NotificationSeverity;
  message: string;
  /** Optional detail, e.g. the error code. */
  detail?: string;
  /** How many times this same notification was raised while shown (one toast, not a stack). */
  count: number;
}

export const notificationStore = createStore<Notification[]>([]);
let nextId = 1;

const fadeTimers = new Map<number, ReturnType<typeof setTimeout>>();

export function notify(severity: NotificationSeverity, message: string, detail?: string): void {
  const list = notificationStore.get();
  const same = list.find((n) => n.severity === severity && n.message === message && n.detail === detail);
  // A repeat (a failing poll, a retried call) counts on the toast already shown and moves it to the end.
  const id = same?.id ?? nextId++;
  const shown: Notification = { id, severity, message, detail, count: (same?.count ?? 0) + 1 };
  notificationStore.set([...list.filter((n) => n.id !== id).slice(-4), shown]);
  // Errors stay until dismissed; the rest fade after a while (counted again from a repeat).
  if (severity !== 'error') {
    clearTimeout(fadeTimers.get(id));
    fadeTimers.set(
      id,
      setTimeout(() => dismiss(id), 6000),
    );
  }
}

export function dismiss(id: number): void {
  clearTimeout(fadeTimers.get(id));
  fadeTimers.delete(id);
  notificationStore.set((list) => list.filter((n) => n.id !== id));
}

/** Takes back the notifications whose cause is gone (a connection that answers again, a fixed file). */
export function dismissWhere(predicate: (n: Notification) => boolean): void {
  for (const n of notificationStore.get().filter(predicate)) dismiss(n.id);
}

/** Shows a failed call to the user: never swallow an error. */
export function notifyError(error: unknown, context?: string): void {
  const e = error as { message?: unknown; code?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  notify(
    'error',
    context ? `${context}: ${message}` : message,
    typeof e?.code === 'string' ? e.code : undefined,
  );
}

/** Runs an async action and reports its failure as a notification. */
export async function attempt<T>(action: () => Promise<T>, context?: string): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    notifyError(error, context);
    return undefined;
  }
}
