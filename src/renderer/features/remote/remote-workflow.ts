import type { RemoteInstanceDetail } from '../../../shared/contract';
import type { Task, Workflow } from '../../../shared/model/workflow';

function placeholder(name: string, taskId: string): Task {
  return {
    type: 'SHELL',
    name,
    command: `task ${taskId} on the target`,
    config: { timeout: 0, retryTimes: 0, retryInterval: 0, allowReference: false, successCode: '0' },
    parameters: {},
    runMode: { mode: 'single', cpu: 0.5, memory: 1 },
  };
}

/**
 * The graph of a remote instance as a workflow the designer canvas can draw: its tasks and
 * relations, with the local definition of a task of the same name for its type and detail.
 * Positions are dropped so the instance is laid out as it runs, not as the local file stores it.
 */
export function remoteWorkflow(detail: RemoteInstanceDetail, local?: Workflow): Workflow {
  const localTasks = new Map(local?.tasks.map((t) => [t.name, t]));
  const nameOf = new Map(detail.tasks.map((t) => [t.taskId, t.taskName]));
  return {
    name: detail.workflowName,
    schedule: { type: 'manual' },
    alertMode: 'none',
    owners: [],
    parameters: {},
    references: [],
    tasks: detail.tasks.map((t) => {
      const known = localTasks.get(t.taskName);
      return known ? { ...known, position: undefined } : placeholder(t.taskName, t.taskId);
    }),
    relations: detail.relations.flatMap((r) => {
      const from = nameOf.get(r.source);
      const to = nameOf.get(r.target);
      return from && to ? [{ from, to, rerun: true }] : [];
    }),
  };
}
