import { beforeEach, describe, expect, it } from 'vitest';
import { closePromptStore, documentStore, forgetDocument, isDirty, patchDocument } from './document-store';
import { closeTab, editorStore, openFile } from './editor-store';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('document dirty state', () => {
  beforeEach(() => {
    editorStore.set({ tabs: [], active: null, mru: [], reveal: null, cursor: null });
    documentStore.set({});
  });

  it('tracks dirty and conflict per path, and forgets closed documents', () => {
    patchDocument('a.py', { dirty: true });
    patchDocument('a.py', { conflict: 'changed-on-disk' });
    expect(documentStore.get()['a.py']).toEqual({ dirty: true, conflict: 'changed-on-disk' });
    expect(isDirty('a.py')).toBe(true);
    const before = documentStore.get();
    patchDocument('a.py', { dirty: true });
    expect(documentStore.get()).toBe(before);
    forgetDocument('a.py');
    expect(isDirty('a.py')).toBe(false);
  });

  it("closing a dirty tab asks; Cancel keeps it, Don't Save closes it", async () => {
    openFile('a.py', { preview: false });
    openFile('b.py', { preview: false });
    patchDocument('a.py', { dirty: true });

    closeTab('a.py');
    await flush();
    expect(closePromptStore.get()?.path).toBe('a.py');
    expect(editorStore.get().active).toBe('a.py');
    closePromptStore.get()!.answer('cancel');
    await flush();
    expect(editorStore.get().tabs.map((t) => t.path)).toEqual(['a.py', 'b.py']);

    closeTab('a.py');
    await flush();
    closePromptStore.get()!.answer('discard');
    await flush();
    expect(editorStore.get().tabs.map((t) => t.path)).toEqual(['b.py']);
    expect(closePromptStore.get()).toBeNull();
  });

  it('clean tabs close without asking', async () => {
    openFile('c.py', { preview: false });
    closeTab('c.py');
    await flush();
    expect(closePromptStore.get()).toBeNull();
    expect(editorStore.get().tabs).toEqual([]);
  });
});
