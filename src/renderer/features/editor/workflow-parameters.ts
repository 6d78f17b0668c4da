import type { FileEntry } from '../../../shared/contract';
import { parseWorkflow, validateWorkspaceFile } from '../../../shared/model/validate-file';
import type { Resource } from '../../../shared/model';
import { client } from '../../platform/services';
import { onFilesChanged, workspaceStore } from '../workspace';
import type { WorkflowFile } from './parameter-sources';

function pathsEnding(suffix: string, entries: readonly FileEntry[], out: string[] = []): string[] {
  for (const e of entries) {
    if (e.kind === 'file' && e.path.endsWith(suffix)) out.push(e.path);
    if (e.children) pathsEnding(suffix, e.children, out);
  }
  return out;
}

const cache = new Map<string, Promise<unknown>>();

function load<T>(path: string, parse: (text: string) => T | null): Promise<T | null> {
  let p = cache.get(path) as Promise<T | null> | undefined;
  if (!p) {
    p = client.workspace
      .readFile({ path })
      .then((c) => parse(c.text))
      .catch(() => null);
    cache.set(path, p);
  }
  return p;
}

const present = <T>(list: (T | null)[]): T[] => list.filter((x): x is T => x !== null);

/** Every workflow of the workspace that parses, read once and again after it changes on disk. */
export async function workspaceWorkflows(): Promise<WorkflowFile[]> {
  const paths = pathsEnding('.workflow.yaml', workspaceStore.get().tree);
  return present(
    await Promise.all(
      paths.map((path) =>
        load<WorkflowFile>(path, (text) => {
          const { workflow } = parseWorkflow(text, path);
          return workflow ? { path, workflow } : null;
        }),
      ),
    ),
  );
}

/** Every resource file of the workspace that parses (`resources/*.resource.yaml`), cached like the workflows. */
export async function workspaceResources(): Promise<Resource[]> {
  const paths = pathsEnding('.resource.yaml', workspaceStore.get().tree);
  return present(
    await Promise.all(
      paths.map((path) =>
        load<Resource>(path, (text) => {
          const r = validateWorkspaceFile(path, text);
          return r.problems.some((p) => p.severity === 'error') ? null : (r.value as Resource);
        }),
      ),
    ),
  );
}

onFilesChanged((changes) => {
  for (const c of changes) cache.delete(c.path);
});
workspaceStore.subscribe(() => {
  if (!workspaceStore.get().workspace) cache.clear();
});
