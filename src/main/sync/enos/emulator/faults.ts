export type FaultStatus = 401 | 429 | 500 | 503;

export interface FaultSettings {
  /** Answer business calls with this HTTP status... */
  status?: FaultStatus;
  /** ...this many times (default 1). */
  times?: number;
  /** Delay every reply by this many real milliseconds (until cleared). */
  slowMs?: number;
  /** Let `resetAfter` requests through, then destroy the socket of the next one (once). */
  resetAfter?: number;
}

/** Switches tests flip to make the emulator misbehave. */
export class Faults {
  private status?: FaultStatus;
  private statusLeft = 0;
  /** Real-time delay added to every reply. */
  slowMs = 0;
  private resetLeft?: number;
  /** How many faults were served, for assertions. */
  served = { status: 0, resets: 0 };

  /** Set one or more switches; unspecified ones keep their value. */
  set(settings: FaultSettings): void {
    if (settings.status !== undefined) {
      this.status = settings.status;
      this.statusLeft = settings.times ?? 1;
    }
    if (settings.slowMs !== undefined) this.slowMs = settings.slowMs;
    if (settings.resetAfter !== undefined) this.resetLeft = settings.resetAfter;
  }

  /** Turn every switch off. */
  clear(): void {
    this.status = undefined;
    this.statusLeft = 0;
    this.slowMs = 0;
    this.resetLeft = undefined;
  }

  /** Called once per incoming request: true when its socket must be destroyed. */
  takeReset(): boolean {
    if (this.resetLeft === undefined) return false;
    if (this.resetLeft > 0) {
      this.resetLeft--;
      return false;
    }
    this.resetLeft = undefined;
    this.served.resets++;
    return true;
  }

  /** Called for business calls: the status to fail with, if any. */
  takeStatus(): FaultStatus | undefined {
    if (this.status === undefined || this.statusLeft <= 0) return undefined;
    this.statusLeft--;
    this.served.status++;
    const s = this.status;
    if (this.statusLeft === 0) this.status = undefined;
    return s;
  }
}
