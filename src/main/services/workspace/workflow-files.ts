import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { SKIPPED_DIRS } from './ignored-paths';

export const WORKFLOW_SUFFIX = '.workflow.yaml';

/** Workspace-relative paths (`/`-separated, sorted) of the `*.workflow.yaml` files below `dir`. */
export async function listWorkflowFiles(root: string, dir = ''): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await walk(child);
      } else if (e.isFile() && e.name.endsWith(WORKFLOW_SUFFIX)) out.push(child);
    }
  };
  await walk(dir);
  return out.sort();
}
