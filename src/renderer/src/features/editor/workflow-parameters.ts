import type { FileEntry } from '../../../../shared/contract';
import type { Workflow } from '../../../../shared/model';
import { parseWorkflow } from '../../../../shared/model/validate-file';
import { client } from '../../platform/services';
import { onFilesChanged, workspaceStore } from '../workspace/workspace-store';
import type { WorkflowParameter } from './variable-assist';

export interface WorkflowFile {
  path: string;
  workflow: Workflow;
}

/**
 * The parameters `${...}` can refer to in `path`: those of the workflow itself (a workflow
 * file), of workflows with a task whose `script`/`command` names the file (plus that task's own
 * parameters), and of the workflows open in tabs.
 */
export function parametersFor(path: string, workflows: readonly WorkflowFile[], openPaths: readonly string[]): WorkflowParameter[] {
  const out: WorkflowParameter[] = [];
  const add = (params: Record<string, string> | undefined, source: string) => {
    for (const [name, value] of Object.entries(params ?? {})) out.push({ name, value: String(value), source });
  };
  const open = new Set(openPaths);
  const ranked = [...workflows].sort((a, b) => Number(b.path === path) - Number(a.path === path));
  for (const { path: wfPath, workflow } of ranked) {
    const tasks = workflow.tasks.filter((t) => (t.type === 'SHELL' || t.type === 'PYTHON') && (t.script === path || (t.command ?? '').includes(path)));
    for (const t of tasks) add(t.parameters, `${workflow.name} › ${t.name}`);
    if (wfPath === path || tasks.length > 0 || open.has(wfPath)) add(workflow.parameters, workflow.name);
  }
  return out;
}

function workflowPaths(entries: readonly FileEntry[], out: string[] = []): string[] {
  for (const e of entries) {
    if (e.kind === 'file' && e.path.endsWith('.workflow.yaml')) out.push(e.path);
    if (e.children) workflowPaths(e.children, out);
  }
  return out;
}

const cache = new Map<string, Promise<WorkflowFile | null>>();

function load(path: string): Promise<WorkflowFile | null> {
  let p = cache.get(path);
  if (!p) {
    p = client.workspace
      .readFile({ path })
      .then((c) => {
        const { workflow } = parseWorkflow(c.text, path);
        return workflow ? { path, workflow } : null;
      })
      .catch(() => null);
    cache.set(path, p);
  }
  return p;
}

/** Every workflow of the workspace that parses, read once and again after it changes on disk. */
export async function workspaceWorkflows(): Promise<WorkflowFile[]> {
  const files = await Promise.all(workflowPaths(workspaceStore.get().tree).map(load));
  return files.filter((f): f is WorkflowFile => f !== null);
}

onFilesChanged((changes) => {
  for (const c of changes) cache.delete(c.path);
});
workspaceStore.subscribe(() => {
  if (!workspaceStore.get().workspace) cache.clear();
});
