import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds a workflow's lock: the runner process running one of its instances. */
export interface LockHolder {
  pid: number;
  host: string;
  /** Epoch ms the holding process started (tells a reused pid apart). */
  startedAt?: number;
  instanceId: string;
  /** `BDP Studio`, `bdp run`, ... */
  owner: string;
  since: string;
}

/** A lock file younger than this whose content cannot be read is being written, not abandoned. */
const UNREADABLE_GRACE_MS = 10_000;

/** Seconds since the epoch when a Linux process started, from /proc; undefined elsewhere or when unknown. */
function linuxStartTime(pid: number): { seconds: number; zombie: boolean } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state is field 3, starttime field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const bootTime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    const ticks = Number(fields[19]);
    if (!Number.isFinite(bootTime) || !Number.isFinite(ticks)) return undefined;
    // USER_HZ is 100 on every Linux that Node supports.
    return { seconds: bootTime + ticks / 100, zombie: fields[0] === 'Z' || fields[0] === 'X' };
  } catch {
    return undefined;
  }
}

/** When this process started, in epoch milliseconds (recorded with locks and instances). */
export const PROCESS_STARTED = Math.round(Date.now() - process.uptime() * 1000);

/**
 * Whether the process that recorded `h` still runs: a process with that pid exists (EPERM: it is
 * someone else's), is not a zombie, and, where the OS tells, started when it said it did (so a
 * pid reused after a reboot does not count).
 */
export function processAlive(h: { pid: number; startedAt?: number }): boolean {
  try {
    process.kill(h.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  const linux = linuxStartTime(h.pid);
  if (!linux) return true;
  if (linux.zombie) return false;
  return h.startedAt === undefined || Math.abs(linux.seconds * 1000 - h.startedAt) < 5_000;
}

/** A holder on this machine whose process is gone left the lock behind (killed, crashed). */
export function holderGone(h: { pid: number; host: string; startedAt?: number }): boolean {
  return h.host === hostname() && !processAlive(h);
}

/**
 * One running instance per workflow (spec §3.2) across processes: the BDP Studio runner and any
 * number of `bdp run` runners of the same workspace take `<runs>/<workflow>/.lock` (per backfill
 * lane: `.lock-<lane>`) with an exclusive create before an instance runs. A lock whose process
 * is gone is taken over.
 */
export class WorkflowLocks {
  private readonly host = hostname();

  constructor(
    private readonly runsRoot: string,
    private readonly owner: string,
  ) {}

  private file(workflow: string, lane: string | undefined): string {
    return join(this.runsRoot, workflow, lane ? `.lock-${lane.replace(/[^A-Za-z0-9_.-]/g, '_')}` : '.lock');
  }

  /** Takes the lock for `instanceId`, or says who holds it. */
  tryAcquire(
    workflow: string,
    lane: string | undefined,
    instanceId: string,
  ): { ok: true } | { ok: false; holder: LockHolder } {
    const file = this.file(workflow, lane);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        try {
          const me: LockHolder = {
            pid: process.pid,
            host: this.host,
            startedAt: PROCESS_STARTED,
            instanceId,
            owner: this.owner,
            since: new Date().toISOString(),
          };
          writeSync(fd, JSON.stringify(me));
        } finally {
          closeSync(fd);
        }
        return { ok: true };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = this.read(file);
      if (holder && !holderGone(holder)) return { ok: false, holder };
      if (!holder && !this.abandoned(file))
        return {
          ok: false,
          holder: { pid: 0, host: this.host, instanceId: '?', owner: 'another process', since: '' },
        };
      // Gone: remove and try once more. Two processes doing this at the same instant is
      // harmless but for a missed turn: the exclusive create lets one of them win.
      try {
        unlinkSync(file);
      } catch {
        // someone else removed it first
      }
    }
    const holder = this.read(file);
    return {
      ok: false,
      holder: holder ?? { pid: 0, host: this.host, instanceId: '?', owner: 'another process', since: '' },
    };
  }

  /** Gives the lock back if this process holds it for `instanceId`. */
  release(workflow: string, lane: string | undefined, instanceId: string): void {
    const file = this.file(workflow, lane);
    const holder = this.read(file);
    if (
      holder &&
      holder.pid === process.pid &&
      holder.host === this.host &&
      holder.instanceId === instanceId
    ) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  }

  private read(file: string): LockHolder | undefined {
    try {
      const h = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
      return typeof h.pid === 'number' && typeof h.host === 'string' ? h : undefined;
    } catch {
      return undefined;
    }
  }

  private abandoned(file: string): boolean {
    try {
      return Date.now() - statSync(file).mtimeMs > UNREADABLE_GRACE_MS;
    } catch {
      return true;
    }
  }
}

/** "waiting for …" as the instance's reason while another process runs the workflow. */
export function waitingReason(h: LockHolder): string {
  const who = h.pid ? `${h.owner}, pid ${h.pid}` : h.owner;
  return `waiting for instance ${h.instanceId} of this workflow, running in another process (${who})`;
}
