import type { FileEntry } from '../../../../shared/contract';
import { parseWorkflow } from '../../../../shared/model/validate-file';
import { client } from '../../platform/services';
import { onFilesChanged, workspaceStore } from '../workspace/workspace-store';
import type { WorkflowFile } from './parameter-sources';

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
