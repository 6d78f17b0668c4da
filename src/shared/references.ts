import type { RunInstance } from './contract/runner';
import type { Reference } from './model';

/** The instance satisfying a reference: a successful instance (Flow Ref: a whole-workflow run) or task (Task Ref) for the business date. */
export function satisfyingInstance(
  reference: Reference,
  instances: readonly RunInstance[],
  calDt: string,
  self: string,
): RunInstance | undefined {
  return instances.find((i) => {
    if (i.instanceId === self || i.calDt !== calDt) return false;
    if (reference.kind === 'flow') return i.status === 'SUCCESS' && i.scope.kind === 'workflow';
    return i.tasks.some((t) => t.name === reference.task && t.status === 'SUCCESS');
  });
}
