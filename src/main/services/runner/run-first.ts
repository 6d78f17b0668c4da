import type { Workflow } from '../../../shared/model';
import { AppError } from '../../../shared/rpc/errors';
import { businessDateOf } from '../../../shared/variables';
import { satisfyingInstance } from '../../../shared/references';
import { normalizeTriggerTime } from '../../../shared/time/trigger-time';
import type { RunInstance as WorkflowInstance, RunScope } from '../../../shared/contract/runner';
import { loadWorkflow } from './workflow-catalog';
import type { RunnerApi, StartRequest } from '../../../shared/runner-protocol';

/**
 * `references: run-first`: before the instance starts, pre-run every workflow its Flow/Task Refs
 * point at, for the same trigger time (a Task Ref runs just that task; a Flow Ref, or a Flow and a
 * Task Ref to the same workflow, the whole workflow). References already satisfied by a successful
 * local instance for that business date are not run again; a reference to the workflow itself is
 * left to wait. The referenced instances treat their own references as satisfied.
 */
export async function startReferencedFirst(
  root: string,
  runner: RunnerApi,
  workflow: Workflow,
  triggerTime: string | undefined,
  files: (workflow: Workflow) => Promise<Pick<StartRequest, 'taskFiles' | 'workingCopy' | 'externalApp'>>,
  remember: (instance: WorkflowInstance) => void,
): Promise<WorkflowInstance[]> {
  const scopes = new Map<string, RunScope>();
  for (const ref of workflow.references) {
    if (ref.workflow === workflow.name) continue;
    const current = scopes.get(ref.workflow);
    if (
      ref.kind === 'flow' ||
      (current && (current.kind === 'workflow' || (current.kind === 'node' && current.node !== ref.task)))
    )
      scopes.set(ref.workflow, { kind: 'workflow' });
    else if (!current) scopes.set(ref.workflow, { kind: 'node', node: ref.task });
  }
  const started: WorkflowInstance[] = [];
  for (const [name, scope] of scopes) {
    let target: Workflow;
    try {
      target = (await loadWorkflow(root, name)).workflow;
    } catch (error) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `cannot run referenced workflow "${name}" first: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (triggerTime !== undefined) {
      const calDt = businessDateOf(normalizeTriggerTime(triggerTime));
      const existing = await runner.list({ workflow: name });
      const full = await Promise.all(
        existing
          .filter((i) => i.calDt === calDt && i.status === 'SUCCESS')
          .map((i) => runner.get(i.instanceId)),
      );
      const refs = workflow.references.filter((r) => r.workflow === name);
      const done = full.filter((i): i is WorkflowInstance => i !== undefined);
      if (refs.every((r) => satisfyingInstance(r, done, calDt, '') !== undefined)) continue;
    }
    const inst = await runner.start({ workflow: target, triggerTime, scope, ...(await files(target)) });
    remember(inst);
    started.push(inst);
  }
  return started;
}
