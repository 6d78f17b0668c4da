import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { ResourceReference } from '../../../shared/contract/resources';
import { listWorkflowFiles, WORKFLOW_SUFFIX } from '../workspace/workflow-files';

/** A task's `resource: { name, version }`, wherever it sits. */
export type PinnedReference = ResourceReference & { resource: string; version: string };

/**
 * Resource pins in one workflow file's text. Tolerant on purpose: a workflow with unrelated
 * errors still pins its resources, and hiding that would let a used version be deleted.
 */
export function referencesInWorkflow(text: string, file: string): PinnedReference[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const tasks = doc.get('tasks', true);
  if (!isSeq(tasks)) return [];
  const nameNode = doc.get('name');
  const workflow = typeof nameNode === 'string' ? nameNode : path.posix.basename(file, WORKFLOW_SUFFIX);
  const out: PinnedReference[] = [];
  for (const task of tasks.items) {
    if (!isMap(task)) continue;
    const resource = task.get('resource', true);
    if (!isMap(resource)) continue;
    const name = resource.get('name');
    const version = resource.get('version');
    if (typeof name !== 'string' || typeof version !== 'string') continue;
    const offset = resource.range?.[0] ?? 0;
    out.push({
      workflow,
      path: file,
      task: String(task.get('name') ?? '?'),
      line: lines.linePos(offset).line,
      resource: name,
      version,
    });
  }
  return out;
}

/** Parsed pins per workflow file, reused while the file's size and mtime stay the same. */
export type ReferenceCache = Map<string, { stamp: string; refs: PinnedReference[] }>;

/** Every resource pin of every workflow in the workspace, by file then line. */
export async function scanReferences(
  root: string,
  cache: ReferenceCache = new Map(),
): Promise<PinnedReference[]> {
  const files = await listWorkflowFiles(root);
  const seen = new Set(files);
  for (const key of cache.keys()) if (!seen.has(key)) cache.delete(key);
  const all = await Promise.all(
    files.map(async (file) => {
      try {
        const absolute = path.join(root, file);
        const st = await stat(absolute);
        const stamp = `${st.size}:${st.mtimeMs}`;
        const hit = cache.get(file);
        if (hit?.stamp === stamp) return hit.refs;
        const text = await readFile(absolute, 'utf8');
        // Most workflows pin nothing: skip the YAML parse when the word is not there at all.
        const refs = text.includes('resource') ? referencesInWorkflow(text, file) : [];
        cache.set(file, { stamp, refs });
        return refs;
      } catch {
        return [];
      }
    }),
  );
  return all.flat();
}
