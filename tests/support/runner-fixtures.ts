import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTerminalState, workflowSchema, type Workflow, type WorkflowInput } from '../../src/shared/model';
import type { WorkflowInstance } from '../../src/main/runner/types';
import type { RunnerApi } from '../../src/shared/runner-protocol';

/** A temporary workspace folder; `dispose()` removes it. Test use only. */
export function tempWorkspace(): { root: string; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'bdp-runner-'));
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** A parsed workflow from a short description (defaults applied). Test use only. */
export function makeWorkflow(input: Partial<WorkflowInput> & { tasks: WorkflowInput['tasks'] }): Workflow {
  return workflowSchema.parse({ name: 'wf', schedule: { type: 'manual' }, ...input });
}

/** Polls until the instance and all its tasks are finished. Test use only. */
export async function waitForEnd(
  runner: RunnerApi,
  instanceId: string,
  timeoutMs = 20_000,
): Promise<WorkflowInstance> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inst = await runner.get(instanceId);
    if (
      inst &&
      isTerminalState(inst.status) &&
      inst.tasks.every((t) => isTerminalState(t.status)) &&
      inst.endTime !== undefined
    )
      return inst;
    if (Date.now() > deadline)
      throw new Error(`instance ${instanceId} did not finish: ${JSON.stringify(inst?.status)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The task record of `name`. Test use only. */
export function taskOf(instance: WorkflowInstance, name: string): WorkflowInstance['tasks'][number] {
  const t = instance.tasks.find((x) => x.name === name);
  if (!t) throw new Error(`no task ${name} in ${instance.instanceId}`);
  return t;
}

/** True while process `pid` exists and is not a zombie waiting to be reaped. Test use only. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
