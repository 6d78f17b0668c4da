import { formatDateTime } from './format';
import type { EmulatorState, InstanceRecord, TaskRun } from './store';

/**
 * Instance progression on the emulator clock. Nothing is executed: a task "runs" for
 * `state.taskDurationMs` and fails when its name or id is in `state.failTasks` or its command
 * contains `exit N` with N != 0. Per workflow one instance runs at a time; later ones wait.
 */

const FAILING_CMD = /\bexit\s+([1-9]\d*)\b/;

/** Decided at trigger time so a test can steer it before or after triggering. */
export function willFail(state: EmulatorState, run: Pick<TaskRun, 'name' | 'taskId' | 'def'>): boolean {
  return (
    state.failTasks.has(run.name) || state.failTasks.has(String(run.taskId)) || FAILING_CMD.test(run.def.cmd)
  );
}

function isBlocked(state: EmulatorState, inst: InstanceRecord): boolean {
  for (const other of state.instances.values()) {
    if (other !== inst && other.flowId === inst.flowId && other.startMs !== undefined && !other.finished)
      return true;
  }
  return false;
}

function nextEvent(state: EmulatorState, inst: InstanceRecord): number {
  if (inst.finished) return Infinity;
  if (inst.startMs === undefined) return isBlocked(state, inst) ? Infinity : inst.readyAt;
  let t = Infinity;
  for (const task of inst.tasks)
    if (task.status === 'RUNNING' && task.endMs !== undefined) t = Math.min(t, task.endMs);
  return t;
}

function logBanner(state: EmulatorState, inst: InstanceRecord, task: TaskRun, at: number): string {
  return [
    `run num: ${task.runNum}`,
    `instance: ${task.taskInstId}`,
    `cmdline: ${task.def.cmd}`,
    `submitter: ${inst.doAs || inst.submitter}`,
    `current time: ${formatDateTime(at, state.zone)}`,
    '[emulator] the command is recorded only, never executed',
    '',
  ].join('\n');
}

function startReadyTasks(state: EmulatorState, inst: InstanceRecord, t: number): void {
  const byNode = new Map(inst.tasks.map((k) => [k.nodeId, k]));
  for (const task of inst.tasks) {
    if (!task.planned || task.status !== 'INIT') continue;
    const ready = inst.relations
      .filter((r) => r.target === task.nodeId)
      .every((r) => {
        const up = byNode.get(r.source);
        // Reference nodes (f_…) are not simulated and count as met; so do tasks outside this run.
        return !up || !up.planned || up.status === 'SUCCESS';
      });
    if (!ready) continue;
    task.status = 'RUNNING';
    task.runNum = 1;
    task.startMs = t;
    task.endMs = t + state.taskDurationMs;
    task.log = logBanner(state, inst, task, t);
  }
}

function finishIfIdle(inst: InstanceRecord, t: number): void {
  if (inst.tasks.some((k) => k.status === 'RUNNING')) return;
  inst.finished = true;
  inst.endMs = t;
  inst.status = inst.tasks.some((k) => k.status === 'FAIL') ? 'FAIL' : 'SUCCESS';
}

function tryStart(state: EmulatorState, inst: InstanceRecord, t: number): void {
  if (inst.finished || inst.startMs !== undefined || inst.readyAt > t || isBlocked(state, inst)) return;
  inst.startMs = t;
  inst.status = 'RUNNING';
  startReadyTasks(state, inst, t);
  finishIfIdle(inst, t);
}

function step(state: EmulatorState, inst: InstanceRecord, t: number): void {
  if (inst.finished) return;
  if (inst.startMs === undefined) return tryStart(state, inst, t);
  for (const task of inst.tasks) {
    if (task.status !== 'RUNNING' || task.endMs === undefined || task.endMs > t) continue;
    task.status = task.willFail ? 'FAIL' : 'SUCCESS';
    task.log += task.willFail ? '[emulator] simulated exit code 1\n' : '[emulator] simulated exit code 0\n';
    // Any failed node fails the instance at once, even while other branches still run.
    if (task.willFail) inst.status = 'FAIL';
  }
  startReadyTasks(state, inst, t);
  finishIfIdle(inst, t);
}

/** Apply every event up to `now`, in time order. */
export function advanceInstances(state: EmulatorState, now: number): void {
  for (;;) {
    let t = Infinity;
    for (const inst of state.instances.values()) t = Math.min(t, nextEvent(state, inst));
    if (t > now) break;
    for (const inst of state.instances.values()) step(state, inst, t);
    // An instance that finished at t frees its workflow for the next waiting one at the same t.
    for (const inst of state.instances.values()) tryStart(state, inst, t);
  }
  for (const inst of state.instances.values()) {
    if (inst.startMs === undefined && !inst.finished)
      inst.status = inst.readyAt <= now && isBlocked(state, inst) ? 'WAIT' : 'INIT';
  }
}

/** Stop an instance: every task not yet done becomes CANCEL. */
export function cancelInstance(inst: InstanceRecord, now: number): void {
  for (const task of inst.tasks) {
    if (task.status === 'RUNNING') {
      task.endMs = now;
      task.log += '[emulator] cancelled by user\n';
      task.status = 'CANCEL';
    } else if (task.status === 'INIT' && task.planned) {
      task.status = 'CANCEL';
    }
  }
  inst.status = 'CANCEL';
  inst.isCancelled = true;
  inst.finished = true;
  inst.endMs = now;
}
