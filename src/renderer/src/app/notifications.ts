import { createStore } from './store';

export type NotificationSeverity = 'error' | 'warning' | 'info';

export interface Notification {
  id: number;
  severity: NotificationSeverity;
  message: string;
  /** Optional detail, e.g. the error code. */
  detail?: string;
}

export const notificationStore = createStore<Notification[]>([]);
let nextId = 1;

export function notify(severity: NotificationSeverity, message: string, detail?: string): void {
  const id = nextId++;
  notificationStore.set((list) => [...list.slice(-4), { id, severity, message, detail }]);
  // Errors stay until dismissed; the rest fade after a while.
  if (severity !== 'error') setTimeout(() => dismiss(id), 6000);
}

export function dismiss(id: number): void {
  notificationStore.set((list) => list.filter((n) => n.id !== id));
}

/** Shows a failed call to the user: never swallow an error. */
export function notifyError(error: unknown, context?: string): void {
  const e = error as { message?: unknown; code?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  notify('error', context ? `${context}: ${message}` : message, typeof e?.code === 'string' ? e.code : undefined);
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
