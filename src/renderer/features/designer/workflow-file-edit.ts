import { client } from '../../platform/services';
import { editorStore, contentStore, ensureContent } from '../editor';
import { WorkflowDocument, type OpResult } from './model/workflow-document';
import { openYamlBuffer } from './yaml-buffer';

/** Resolves once the file's content is loaded (or failed), within `timeoutMs`. */
function loaded(path: string, timeoutMs = 5000): Promise<boolean> {
  ensureContent(path);
  const ready = (): boolean | undefined => {
    const e = contentStore.get()[path];
    return e?.status === 'ready' ? true : e?.status === 'error' ? false : undefined;
  };
  const now = ready();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(false), timeoutMs);
    const unsubscribe = contentStore.subscribe(() => {
      const r = ready();
      if (r !== undefined) finish(r);
    });
    function finish(ok: boolean): void {
      clearTimeout(timer);
      unsubscribe();
      resolve(ok);
    }
  });
}

/**
 * Applies a designer operation to a workflow file from outside the designer (an editor quick fix).
 * An open file is edited through the buffer its tab shows (one undoable edit, then saved); a
 * closed one on disk, refused if it changed since it was read.
 */
export async function editWorkflowFile(
  path: string,
  op: (doc: WorkflowDocument) => OpResult,
): Promise<OpResult> {
  if (editorStore.get().tabs.some((t) => t.path === path)) {
    if (!(await loaded(path))) return { ok: false, reason: `${path} could not be read` };
    const buffer = openYamlBuffer(path);
    if (!buffer) return { ok: false, reason: `${path} is not a text file` };
    const doc = new WorkflowDocument(buffer.text());
    const result = op(doc);
    if (!result.ok) return result;
    buffer.replace(doc.toString());
    return (await buffer.save())
      ? result
      : { ok: false, reason: `${path} changed on disk meanwhile; the edit waits, unsaved, in its tab` };
  }
  const file = await client.workspace.readFile({ path });
  const doc = new WorkflowDocument(file.text);
  const result = op(doc);
  if (!result.ok) return result;
  try {
    await client.workspace.writeFile({ path, text: doc.toString(), expectedVersion: file.version });
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  return result;
}
