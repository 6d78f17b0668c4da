import type { Resource, Workflow } from '../../../shared/model';
import type { WorkflowParameter } from './variable-assist';

export interface WorkflowFile {
  path: string;
  workflow: Workflow;
}

/**
 * The parameters `${...}` can refer to in `path`: those of the workflow itself (a workflow
 * file), of workflows with a task whose `script`/`command` names the file or whose resource's
 * source is the file (plus that task's own parameters), and of the workflows open in tabs.
 */
export function parametersFor(
  path: string,
  workflows: readonly WorkflowFile[],
  openPaths: readonly string[],
  resources: readonly Resource[] = [],
): WorkflowParameter[] {
  const sourceOf = new Map(resources.map((r) => [r.name, r.source]));
  const out: WorkflowParameter[] = [];
  const add = (params: Record<string, string> | undefined, source: string) => {
    for (const [name, value] of Object.entries(params ?? {}))
      out.push({ name, value: String(value), source });
  };
  const open = new Set(openPaths);
  const ranked = [...workflows].sort((a, b) => Number(b.path === path) - Number(a.path === path));
  for (const { path: wfPath, workflow } of ranked) {
    const tasks = workflow.tasks.filter(
      (t) =>
        (t.type === 'SHELL' || t.type === 'PYTHON') &&
        (t.script === path ||
          (t.command ?? '').includes(path) ||
          (t.resource !== undefined && sourceOf.get(t.resource.name) === path)),
    );
    for (const t of tasks) add(t.parameters, `${workflow.name} › ${t.name}`);
    if (wfPath === path || tasks.length > 0 || open.has(wfPath)) add(workflow.parameters, workflow.name);
  }
  return out;
}
