import { seededRandom } from '../../../shared/seeded-random';

export type FaultStatus = 401 | 429 | 500 | 503;
export const FAULT_STATUSES: readonly FaultStatus[] = [401, 429, 500, 503];

export interface FaultSettings {
  /** Answer business calls with this HTTP status... */
  status?: FaultStatus;
  /** ...this many times (default 1). */
  times?: number;
  /** Delay every reply by this many real milliseconds (until cleared). */
  slowMs?: number;
  /** Let `resetAfter` requests through, then destroy the socket of the next one (once). */
  resetAfter?: number;
  /** Destroy the socket of these requests (1-based, counted from now). */
  dropAt?: readonly number[];
  /** Answer this fraction (0-1) of business calls with `failStatus`, at random, until cleared. */
  failRate?: number;
  /** Status of the random failures (default 503). */
  failStatus?: FaultStatus;
  /** Seed of the random failures, for a repeatable run. */
  seed?: number;
}

/** Switches tests (and the emulator command line) flip to make an emulator misbehave. */
export class Faults {
  private status?: FaultStatus;
  private statusLeft = 0;
  /** Real-time delay added to every reply. */
  slowMs = 0;
  private resetLeft?: number;
  private dropAt = new Set<number>();
  private requests = 0;
  private failRate = 0;
  private failStatus: FaultStatus = 503;
  private random: () => number = Math.random;
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
    if (settings.dropAt !== undefined) {
      this.dropAt = new Set(settings.dropAt.map((n) => n + this.requests));
    }
    if (settings.failRate !== undefined) this.failRate = settings.failRate;
    if (settings.failStatus !== undefined) this.failStatus = settings.failStatus;
    if (settings.seed !== undefined) this.random = seededRandom(settings.seed);
  }

  /** Turn every switch off. */
  clear(): void {
    this.status = undefined;
    this.statusLeft = 0;
    this.slowMs = 0;
    this.resetLeft = undefined;
    this.dropAt.clear();
    this.failRate = 0;
  }

  /** Called once per incoming request: true when its socket must be destroyed. */
  takeReset(): boolean {
    this.requests++;
    if (this.dropAt.delete(this.requests)) {
      this.served.resets++;
      return true;
    }
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
    if (this.status !== undefined && this.statusLeft > 0) {
      this.statusLeft--;
      this.served.status++;
      const s = this.status;
      if (this.statusLeft === 0) this.status = undefined;
      return s;
    }
    if (this.failRate > 0 && this.random() < this.failRate) {
      this.served.status++;
      return this.failStatus;
    }
    return undefined;
  }
}
