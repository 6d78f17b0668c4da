import { notifyError } from '../../app/notifications';
import { createStore } from '../../app/store';
import { editorStore, setCloseGuard } from './editor-store';
import type { CloseChoice, ConflictKind } from './disk-change';

export interface DocumentState {
  dirty: boolean;
  conflict: ConflictKind | null;
}

/** Unsaved state of the documents the Monaco editor holds, keyed by path (Monaco-free, so tabs and commands can read it). */
export const documentStore = createStore<Record<string, DocumentState>>({});

export function patchDocument(path: string, patch: Partial<DocumentState>): void {
  documentStore.set((s) => {
    const prev = s[path] ?? { dirty: false, conflict: null };
    const next = { ...prev, ...patch };
    if (prev.dirty === next.dirty && prev.conflict === next.conflict && s[path]) return s;
    return { ...s, [path]: next };
  });
}

export function forgetDocument(path: string): void {
  documentStore.set((s) => {
    if (!s[path]) return s;
    const next = { ...s };
    delete next[path];
    return next;
  });
}

export const isDirty = (path: string): boolean => documentStore.get()[path]?.dirty === true;

/** What the lazily loaded editor provides; null until Monaco has loaded (then nothing can be dirty). */
export interface DocumentHost {
  save(path: string, options?: { overwrite?: boolean }): Promise<boolean>;
  revert(path: string): Promise<void>;
}

let host: DocumentHost | null = null;

export function setDocumentHost(next: DocumentHost | null): void {
  host = next;
}

export async function saveDocument(path: string, options?: { overwrite?: boolean }): Promise<boolean> {
  if (!host) return true;
  try {
    return await host.save(path, options);
  } catch (error) {
    notifyError(error, `Could not save ${path}`);
    return false;
  }
}

/**
 * Saves every editor with unsaved edits, as VS Code does before a debug session: a pre-run, a
 * backfill and a publish plan read the files on disk. False when one was refused (its conflict bar
 * says why).
 */
export async function saveAllDocuments(): Promise<boolean> {
  const dirty = Object.keys(documentStore.get()).filter(isDirty);
  const saved = await Promise.all(dirty.map((path) => saveDocument(path)));
  return saved.every(Boolean);
}

export function saveActiveDocument(): Promise<boolean> {
  const active = editorStore.get().active;
  return active ? saveDocument(active) : Promise.resolve(true);
}

export function revertDocument(path: string): Promise<void> {
  return host ? host.revert(path) : Promise.resolve();
}

/** The pending "Do you want to save the changes…?" question. */
export const closePromptStore = createStore<{ path: string; answer: (choice: CloseChoice) => void } | null>(
  null,
);

function askToSave(path: string): Promise<CloseChoice> {
  return new Promise((resolve) => {
    closePromptStore.get()?.answer('cancel');
    closePromptStore.set({
      path,
      answer: (choice) => {
        closePromptStore.set(null);
        resolve(choice);
      },
    });
  });
}

setCloseGuard({
  isDirty,
  async confirmClose(path) {
    editorStore.set((s) =>
      s.active === path ? s : { ...s, active: path, mru: [path, ...s.mru.filter((p) => p !== path)] },
    );
    const choice = await askToSave(path);
    if (choice === 'cancel') return false;
    if (choice === 'save') return saveDocument(path);
    await revertDocument(path);
    return true;
  },
});
