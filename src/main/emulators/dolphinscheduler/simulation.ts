import { current } from './definitions';
import {
  FINISHED_TASK,
  FINISHED_WORKFLOW,
  type DsDefinitionVersion,
  type DsEmulatorState,
  type DsInstance,
  type DsTaskInstance,
} from './state';

/**
 * The master and workers, simulated on the emulator clock: every task takes
 * `taskDurationMs`, runs when its upstream tasks of the run set succeeded, and succeeds unless
 * its name is in `state.failNext`. Nothing is executed (spec §8 lifecycle).
 */

const OK = new Set(['SUCCESS', 'FORCED_SUCCESS']);

export function versionOf(state: DsEmulatorState, i: DsInstance): DsDefinitionVersion | undefined {
  const d = state.definitions.get(i.processDefinitionCode);
  return d?.versions.get(i.processDefinitionVersion) ?? (d ? current(d) : undefined);
}

export function validTasks(state: DsEmulatorState, instanceId: number): DsTaskInstance[] {
  return [...state.taskInstances.values()].filter((t) => t.processInstanceId === instanceId && t.valid);
}

function logLine(state: DsEmulatorState, at: number, text: string): string {
  return `[INFO] ${state.fmt(at)}.000 - ${text}`;
}

function startTask(state: DsEmulatorState, i: DsInstance, code: number, at: number): void {
  const v = versionOf(state, i)!;
  const def = v.tasks.find((t) => t.code === code)!;
  const id = state.nextId('task');
  const script = typeof def.taskParams.rawScript === 'string' ? def.taskParams.rawScript.split('\n') : [];
  state.taskInstances.set(id, {
    id,
    processInstanceId: i.id,
    taskCode: code,
    taskDefinitionVersion: def.version,
    name: def.name,
    taskType: def.taskType,
    state: 'RUNNING_EXECUTION',
    submitTime: at,
    startTime: at,
    valid: true,
    retryTimes: 0,
    log: [
      logLine(
        state,
        at,
        `[emulator] task ${def.name} (${def.taskType}) dispatched to 127.0.0.1:1234; the emulator records and simulates, it runs nothing`,
      ),
      ...Object.entries(i.startParams).map(([k, val]) =>
        logLine(state, at, `[emulator] start parameter ${k}=${val}`),
      ),
      ...script.map((l) => logLine(state, at, `[emulator] script: ${l}`)),
    ],
  });
}

/** Move one instance forward to `now`; returns true when anything changed. */
function step(state: DsEmulatorState, i: DsInstance, now: number): boolean {
  if (FINISHED_WORKFLOW.has(i.state)) return false;
  const tasks = validTasks(state, i.id);
  if (i.state === 'READY_STOP' || i.state === 'READY_PAUSE') {
    for (const t of tasks) {
      if (FINISHED_TASK.has(t.state)) continue;
      t.state = i.state === 'READY_STOP' ? 'KILL' : 'PAUSE';
      t.endTime = now;
      t.log.push(
        logLine(state, now, `[emulator] task ${t.name} ${t.state === 'KILL' ? 'killed' : 'paused'}`),
      );
    }
    i.state = i.state === 'READY_STOP' ? 'STOP' : 'PAUSE';
    i.endTime = now;
    return true;
  }
  if (i.waitFor !== undefined) {
    const prev = state.instances.get(i.waitFor);
    if (prev && !FINISHED_WORKFLOW.has(prev.state)) {
      i.state = 'SERIAL_WAIT';
      return false;
    }
    i.startTime = Math.max(i.startTime, prev?.endTime ?? i.startTime);
    i.waitFor = undefined;
    i.state = 'SUBMITTED_SUCCESS';
  }
  if (i.startTime > now) return false;
  let changed = false;
  if (i.state === 'SUBMITTED_SUCCESS' || i.state === 'SERIAL_WAIT') {
    i.state = 'RUNNING_EXECUTION';
    changed = true;
  }
  const v = versionOf(state, i);
  if (!v) return changed;
  // Finish tasks whose time is up.
  for (const t of tasks) {
    if (FINISHED_TASK.has(t.state) || (t.startTime ?? 0) + state.taskDurationMs > now) continue;
    const end = (t.startTime ?? now) + state.taskDurationMs;
    const fail = state.failNext.delete(t.name);
    t.state = fail ? 'FAILURE' : 'SUCCESS';
    t.endTime = end;
    t.log.push(
      logLine(
        state,
        end,
        fail
          ? `[emulator] task ${t.name} exited with status 1 (failure switch)`
          : `[emulator] task ${t.name} finished`,
      ),
    );
    t.log.push(logLine(state, end, `[emulator] FINALIZE_SESSION state=${t.state}`));
    changed = true;
  }
  const byCode = new Map(tasks.map((t) => [t.taskCode, t]));
  const failed = tasks.some(
    (t) => t.state === 'FAILURE' || t.state === 'KILL' || t.state === 'NEED_FAULT_TOLERANCE',
  );
  const runSet = new Set(i.runSet);
  // Start tasks whose upstream (inside the run set) succeeded.
  if (!(failed && i.failureStrategy === 'END')) {
    for (const code of i.runSet) {
      if (byCode.has(code)) continue;
      const ups = v.relations
        .filter((r) => r.postTaskCode === code && r.preTaskCode !== 0 && runSet.has(r.preTaskCode))
        .map((r) => byCode.get(r.preTaskCode));
      if (ups.some((u) => !u || !OK.has(u.state))) continue;
      const at = Math.max(i.startTime, ...ups.map((u) => u!.endTime ?? 0));
      if (at > now) continue;
      startTask(state, i, code, at);
      changed = true;
    }
  }
  const after = validTasks(state, i.id);
  const running = after.some((t) => !FINISHED_TASK.has(t.state));
  if (!running) {
    const anyFailed = after.some(
      (t) => t.state === 'FAILURE' || t.state === 'KILL' || t.state === 'NEED_FAULT_TOLERANCE',
    );
    const allDone = i.runSet.every((c) => after.some((t) => t.taskCode === c));
    if (anyFailed || allDone) {
      i.state = anyFailed ? 'FAILURE' : 'SUCCESS';
      i.endTime = Math.max(i.startTime, ...after.map((t) => t.endTime ?? 0));
      changed = true;
    }
  }
  return changed;
}

/** Bring every instance up to `now`. */
export function advanceRuns(state: DsEmulatorState, now: number): void {
  for (let guard = 0; guard < 10_000; guard++) {
    let changed = false;
    for (const i of [...state.instances.values()].sort((a, b) => a.id - b.id))
      if (step(state, i, now)) changed = true;
    if (!changed) return;
  }
}

/** Task codes a run covers: all, or the start nodes with their downstream / upstream (TaskDependType). */
export function runSetOf(
  v: DsDefinitionVersion,
  startNodes: readonly number[],
  dependType: string,
): number[] {
  if (startNodes.length === 0) return v.tasks.map((t) => t.code);
  const out = new Set(startNodes);
  if (dependType === 'TASK_POST' || dependType === 'TASK_PRE') {
    const queue = [...startNodes];
    while (queue.length) {
      const c = queue.shift()!;
      for (const r of v.relations) {
        const [from, to] =
          dependType === 'TASK_POST' ? [r.preTaskCode, r.postTaskCode] : [r.postTaskCode, r.preTaskCode];
        if (from === c && to !== 0 && !out.has(to)) {
          out.add(to);
          queue.push(to);
        }
      }
    }
  }
  return v.tasks.map((t) => t.code).filter((c) => out.has(c));
}
