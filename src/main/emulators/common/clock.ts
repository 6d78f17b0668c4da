/** The emulator's notion of time. Instances advance only when this clock moves. */
export interface EmulatorClock {
  now(): number;
  /** Move time forward by `ms` and let the simulation catch up. */
  advance(ms: number): void;
  /** Register a listener called after every `advance`; returns an unsubscribe function. */
  onAdvance(listener: () => void): () => void;
}

/** A clock that moves only when told to; the default for tests. */
export function createManualClock(start: number): EmulatorClock {
  let t = start;
  const listeners = new Set<() => void>();
  return {
    now: () => t,
    advance(ms: number): void {
      t += Math.max(0, ms);
      for (const l of listeners) l();
    },
    onAdvance(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Wall-clock time plus any `advance` offset; used by the CLI. */
export function createSystemClock(): EmulatorClock {
  const base = createManualClock(0);
  return { ...base, now: () => Date.now() + base.now() };
}
