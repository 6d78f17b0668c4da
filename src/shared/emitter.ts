import type { Disposer, Event } from './contract';

/**
 * A minimal event source: `event` is handed out as the service's `onDid...` property, `fire`
 * delivers a payload to every current listener. A throwing listener is reported and does not
 * stop delivery to the others, so one faulty subscriber cannot starve the rest.
 */
export class Emitter<T> {
  private listeners: Array<{ fn: (payload: T) => void }> = [];
  private disposed = false;

  /** Subscribe; the returned disposer unsubscribes (idempotent). */
  readonly event: Event<T> = (listener) => {
    if (this.disposed) return () => {};
    // Wrap so that subscribing the same function twice yields two independent subscriptions.
    const entry = { fn: listener };
    this.listeners.push(entry);
    const dispose: Disposer = () => {
      this.listeners = this.listeners.filter((l) => l !== entry);
    };
    return dispose;
  };

  fire(payload: T): void {
    if (this.disposed) return;
    for (const { fn } of [...this.listeners]) {
      try {
        fn(payload);
      } catch (error) {
        console.error('event listener failed', error);
      }
    }
  }

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  /** Drops every listener; later `fire` and `event` calls do nothing. */
  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}
