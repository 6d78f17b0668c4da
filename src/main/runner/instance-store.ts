import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import {
  access,
  constants,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isTerminalState } from '../../shared/model/run';
import type { RetentionPolicy } from '../../shared/runner-protocol';
import { setStatus, type WorkflowInstance } from './types';
import { holderGone } from './workflow-lock';

/** The reason recorded on instances and tasks found unfinished at start-up. */
export const CRASH_REASON = 'BDP Studio stopped while this instance was running';

const INSTANCE_FILE = 'instance.json';

/**
 * Instances on disk: `<runsRoot>/<workflow>/<instanceId>/instance.json` plus one
 * `<task>.<runNum>.log` per task attempt. Writes are atomic (temp + rename) and throttled per
 * instance, so a 1,000-task run writes its JSON a few times a second, not once per state change.
 */
export class InstanceStore {
  /** Instances whose latest state is not on disk yet (timer pending or write in flight). */
  private readonly latest = new Map<string, WorkflowInstance>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly chains = new Map<string, Promise<void>>();
  private writes = 0;

  /**
   * @param runsRoot usually `<workspace>/.bdp/runs`
   * @param throttleMs at most one write per instance per period (default 250 ms)
   */
  constructor(
    readonly runsRoot: string,
    private readonly throttleMs = 250,
  ) {}

  /** The folder of one instance. */
  instanceDir(workflow: string, instanceId: string): string {
    return join(this.runsRoot, workflow, instanceId);
  }

  /** The log file name of one attempt, relative to the instance folder. */
  logName(task: string, runNum: number): string {
    return `${task}.${runNum}.log`;
  }

  /**
   * A fresh instance id `<workflow>-<yyyyMMddHHmmss>` for a trigger time, with `-2`, `-3`, ...
   * appended when a pre-run with the same trigger time already exists. Creates its folder.
   */
  allocateInstanceId(workflow: string, triggerTime: string): string {
    const stamp = triggerTime.replace(/\D/g, '').padEnd(14, '0').slice(0, 14);
    const base = `${workflow}-${stamp}`;
    mkdirSync(join(this.runsRoot, workflow), { recursive: true });
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      const dir = this.instanceDir(workflow, id);
      if (existsSync(dir) || this.latest.has(id)) continue;
      try {
        mkdirSync(dir); // exclusive: another process of this workspace may take the same id first
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw error;
      }
      return id;
    }
  }

  /**
   * Records the instance's current state. Saves within the throttle period coalesce into one
   * write of the latest state; a `final` save (the instance finished) is queued at once and
   * fsynced. Writes of one instance happen in order, off the event loop. Resolves once the
   * write that covers this save is on disk (never rejects; failures are logged).
   */
  save(instance: WorkflowInstance, final = false): Promise<void> {
    const id = instance.instanceId;
    this.latest.set(id, instance);
    if (final) {
      this.clearTimer(id);
      return this.enqueueWrite(instance, true);
    }
    if (this.timers.has(id)) return this.chains.get(id) ?? Promise.resolve();
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        void this.enqueueWrite(this.latest.get(id) ?? instance, false);
      }, this.throttleMs),
    );
    return this.chains.get(id) ?? Promise.resolve();
  }

  /** instance.json writes started so far (diagnostics and tests). */
  get writeCount(): number {
    return this.writes;
  }

  /** Writes every pending instance now; resolves once all writes are on disk. */
  async flush(): Promise<void> {
    for (const id of [...this.timers.keys()]) {
      this.clearTimer(id);
      const inst = this.latest.get(id);
      if (inst) void this.enqueueWrite(inst, false);
    }
    await Promise.all([...this.chains.values()]);
  }

  private clearTimer(id: string): void {
    const t = this.timers.get(id);
    if (t) clearTimeout(t);
    this.timers.delete(id);
  }

  private enqueueWrite(instance: WorkflowInstance, durable: boolean): Promise<void> {
    const id = instance.instanceId;
    const text = JSON.stringify(instance); // the state as of now, whatever changes later
    this.writes++;
    const dir = this.instanceDir(instance.workflow, id);
    const prev = this.chains.get(id) ?? Promise.resolve();
    const next: Promise<void> = prev
      .then(() => writeAtomic(dir, text, durable))
      .catch((error: unknown) => console.error(`could not save instance ${id}:`, error))
      .finally(() => {
        if (this.chains.get(id) !== next) return;
        this.chains.delete(id);
        if (!this.timers.has(id)) this.latest.delete(id);
      });
    this.chains.set(id, next);
    return next;
  }

  /** One instance, or undefined when it does not exist or its file is unreadable. */
  async load(workflow: string, instanceId: string): Promise<WorkflowInstance | undefined> {
    const latest = this.latest.get(instanceId);
    if (latest) return latest;
    try {
      return JSON.parse(
        await readFile(join(this.instanceDir(workflow, instanceId), INSTANCE_FILE), 'utf8'),
      ) as WorkflowInstance;
    } catch {
      return undefined;
    }
  }

  /** Every stored instance (of one workflow, when given), newest first by creation time. */
  async list(workflow?: string): Promise<WorkflowInstance[]> {
    const workflows = workflow !== undefined ? [workflow] : await dirNames(this.runsRoot);
    const out: WorkflowInstance[] = [];
    for (const wf of workflows) {
      for (const id of await dirNames(join(this.runsRoot, wf))) {
        const inst = await this.load(wf, id);
        if (inst) out.push(inst);
      }
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  /**
   * Crash recovery, run once at start before anything executes: every instance left
   * unfinished (INIT, WAIT, READY, RUNNING, RERUN, ...) becomes FAIL with {@link CRASH_REASON};
   * its running tasks become FAIL and its never-started tasks SKIP. Returns the instances changed.
   */
  async recover(now = new Date(), reason = CRASH_REASON): Promise<WorkflowInstance[]> {
    const changed: WorkflowInstance[] = [];
    if (this.readOnly) return changed;
    for (const inst of await this.list()) {
      // A FAIL instance may still have had branches running (spec §4.4), so tasks count too.
      if (isTerminalState(inst.status) && inst.tasks.every((t) => isTerminalState(t.status))) continue;
      // Another runner of this workspace (a `bdp run`, the app) is running it now.
      if (inst.owner && inst.owner.pid !== process.pid && !holderGone(inst.owner)) continue;
      setStatus(inst, 'FAIL');
      inst.reason = reason;
      inst.endTime = now.toISOString();
      for (const t of inst.tasks) {
        if (isTerminalState(t.status)) continue;
        const started = t.status === 'RUNNING' || t.status === 'WAIT' || t.status === 'TIMEOUT';
        setStatus(t, started ? 'FAIL' : 'SKIP');
        t.reason = started ? reason : `not run: ${reason}`;
        if (started) t.endTime = now.toISOString();
      }
      await writeAtomic(this.instanceDir(inst.workflow, inst.instanceId), JSON.stringify(inst), true);
      changed.push(inst);
    }
    return changed;
  }

  /** Removes finished instances beyond the retention policy, never those in `keep`; returns the ids removed. */
  async prune(
    policy: RetentionPolicy,
    now = new Date(),
    keep: ReadonlySet<string> = new Set(),
  ): Promise<string[]> {
    if (this.readOnly) return [];
    const max = policy.maxPerWorkflow ?? 50;
    const minCreated =
      policy.maxAgeDays !== undefined
        ? new Date(now.getTime() - policy.maxAgeDays * 86_400_000).toISOString()
        : undefined;
    const removed: string[] = [];
    const byWorkflow = new Map<string, WorkflowInstance[]>();
    for (const inst of await this.list()) {
      const list = byWorkflow.get(inst.workflow) ?? [];
      list.push(inst);
      byWorkflow.set(inst.workflow, list);
    }
    for (const list of byWorkflow.values()) {
      let kept = 0;
      for (const inst of list) {
        if (!isTerminalState(inst.status) || this.latest.has(inst.instanceId) || keep.has(inst.instanceId))
          continue;
        const tooOld = minCreated !== undefined && inst.createdAt < minCreated;
        if (!tooOld && kept < max) {
          kept++;
          continue;
        }
        await rm(this.instanceDir(inst.workflow, inst.instanceId), { recursive: true, force: true });
        removed.push(inst.instanceId);
      }
    }
    return removed;
  }

  /** Reads one attempt's log, or undefined when it does not exist. */
  async readLog(
    workflow: string,
    instanceId: string,
    task: string,
    runNum: number,
  ): Promise<string | undefined> {
    try {
      return await readFile(join(this.instanceDir(workflow, instanceId), this.logName(task, runNum)), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Ensures the runs root exists. */
  /** Why instances cannot be written (a read-only workspace), or undefined. */
  readOnly: string | undefined;

  /** Makes the runs folder; a workspace that cannot take it is read-only: its runs can be listed, not started. */
  async init(): Promise<void> {
    try {
      await mkdir(this.runsRoot, { recursive: true });
    } catch (error) {
      // A recursive mkdir on a read-only file system may answer ENOENT: ask the nearest existing folder.
      let dir = this.runsRoot;
      while (
        !(await stat(dir).then(
          () => true,
          () => false,
        )) &&
        dirname(dir) !== dir
      )
        dir = dirname(dir);
      const code = await access(dir, constants.W_OK).then(
        () => undefined,
        (e: NodeJS.ErrnoException) => e.code ?? 'EACCES',
      );
      if (!code) throw error;
      this.readOnly = `${this.runsRoot} cannot be written (${code}): the workspace is read-only, so its runs can be viewed but no pre-run can start`;
    }
  }
}

async function dirNames(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    const out: string[] = [];
    for (const n of names) {
      if (n.startsWith('.')) continue;
      if ((await stat(join(dir, n))).isDirectory()) out.push(n);
    }
    return out;
  } catch {
    return [];
  }
}

/** temp file + (optional fsync) + rename, so a reader never sees a half-written instance.json. */
async function writeAtomic(dir: string, text: string, durable: boolean): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, INSTANCE_FILE);
  const tmp = join(dir, `.${INSTANCE_FILE}.tmp-${randomBytes(4).toString('hex')}`);
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(text);
      if (durable) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    // A full disk has no room for a second copy; the old record's own blocks do: rewrite it in place.
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    await writeFile(target, text);
  }
}
