/** Releases a slot taken from a {@link SlotPool}; calling it twice is harmless. */
export type ReleaseSlot = () => void;

/**
 * The parallelism limit: at most `size` task attempts run at once, across every instance that
 * shares the pool. Waiters are served first come, first served.
 */
export class SlotPool {
  private used = 0;
  private readonly waiters: Array<{ grant: (release: ReleaseSlot) => void }> = [];

  constructor(private size: number) {
    if (!(size >= 1)) throw new Error(`parallelism must be at least 1, got ${size}`);
  }

  /** The current limit. */
  get limit(): number {
    return this.size;
  }

  /** Attempts running now. */
  get inUse(): number {
    return this.used;
  }

  /** Changes the limit; running attempts are not interrupted when it shrinks. */
  resize(size: number): void {
    if (!(size >= 1)) throw new Error(`parallelism must be at least 1, got ${size}`);
    this.size = size;
    this.drain();
  }

  /** Resolves with a release function once a slot is free, or with null when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot | null> {
    if (signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = {
        grant: (release: ReleaseSlot): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(null);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.drain();
    });
  }

  private drain(): void {
    while (this.used < this.size && this.waiters.length > 0) {
      const w = this.waiters.shift()!;
      this.used++;
      let released = false;
      w.grant(() => {
        if (released) return;
        released = true;
        this.used--;
        this.drain();
      });
    }
  }
}
