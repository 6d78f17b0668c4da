import type { FileContent } from '../../../shared/contract';
import { createStore } from '../../app/store';
import { client } from '../../platform/services';
import { onFilesChanged, workspaceStore } from '../workspace';
import { editorStore } from './editor-store';

export type ContentEntry =
  | { status: 'loading' }
  | { status: 'ready'; content: FileContent; lines: string[] }
  | { status: 'error'; message: string; code?: string };

/** File contents of the open tabs, keyed by path; reloaded when the file changes on disk. */
export const contentStore = createStore<Record<string, ContentEntry>>({});

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const generations = new Map<string, number>();

async function load(path: string): Promise<void> {
  const generation = (generations.get(path) ?? 0) + 1;
  generations.set(path, generation);
  let entry: ContentEntry;
  try {
    const content = await client.workspace.readFile({ path });
    entry = {
      status: 'ready',
      content,
      lines: content.encoding === 'binary' ? [] : splitLines(content.text),
    };
  } catch (error) {
    const e = error as { message?: string; code?: string };
    entry = { status: 'error', message: e.message ?? String(error), code: e.code };
  }
  // A newer load for the same path wins.
  if (generations.get(path) !== generation) return;
  contentStore.set((s) => ({ ...s, [path]: entry }));
}

/** Loads a file once; later calls are no-ops until it changes on disk. */
export function ensureContent(path: string): void {
  if (contentStore.get()[path]) return;
  contentStore.set((s) => ({ ...s, [path]: { status: 'loading' } }));
  void load(path);
}

// Changes on disk reload what is open (the old text stays visible until the new one arrives).
onFilesChanged((changes) => {
  const cached = contentStore.get();
  for (const change of changes) {
    if (!cached[change.path]) continue;
    if (change.kind === 'deleted') {
      contentStore.set((s) => ({
        ...s,
        [change.path]: { status: 'error', message: 'The file was deleted from disk.', code: 'NOT_FOUND' },
      }));
    } else {
      void load(change.path);
    }
  }
});

// Forget the text of closed tabs, and everything when the workspace changes.
editorStore.subscribe(() => {
  const open = new Set(editorStore.get().tabs.map((t) => t.path));
  const cached = contentStore.get();
  if (Object.keys(cached).some((p) => !open.has(p))) {
    contentStore.set(Object.fromEntries(Object.entries(cached).filter(([p]) => open.has(p))));
  }
});
let root = workspaceStore.get().workspace?.root;
workspaceStore.subscribe(() => {
  const next = workspaceStore.get().workspace?.root;
  if (next === root) return;
  root = next;
  contentStore.set({});
  editorStore.set((s) => ({ ...s, tabs: [], active: null, mru: [], cursor: null, reveal: null }));
});
