import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTO_SAVE_DELAY_MS, noteEdit } from './auto-save';
import { documentStore, patchDocument, saveAllDocuments, setDocumentHost } from './document-store';
import { autoSaveStore } from './editor-settings-store';

describe('auto save', () => {
  const saved: string[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    saved.length = 0;
    documentStore.set({});
    setDocumentHost({
      save: async (path) => {
        saved.push(path);
        patchDocument(path, { dirty: false });
        return true;
      },
      revert: async () => undefined,
    });
  });
  afterEach(() => {
    autoSaveStore.set('off');
    setDocumentHost(null);
    vi.useRealTimers();
  });

  const edit = (path: string) => {
    patchDocument(path, { dirty: true });
    noteEdit(path);
  };

  it('off (the default): edits wait for Ctrl/Cmd+S', async () => {
    edit('a.py');
    await vi.advanceTimersByTimeAsync(10 * AUTO_SAVE_DELAY_MS);
    expect(saved).toEqual([]);
  });

  it('after a delay: one save a second after the last of a burst of edits', async () => {
    autoSaveStore.set('afterDelay');
    edit('a.py');
    await vi.advanceTimersByTimeAsync(AUTO_SAVE_DELAY_MS - 100);
    edit('a.py');
    await vi.advanceTimersByTimeAsync(AUTO_SAVE_DELAY_MS - 100);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(saved).toEqual(['a.py']);
  });

  it('leaves a file whose save the disk refused to its conflict bar, and stops when turned off', async () => {
    autoSaveStore.set('afterDelay');
    edit('a.py');
    patchDocument('a.py', { conflict: 'save-refused' });
    edit('b.py');
    autoSaveStore.set('off');
    await vi.advanceTimersByTimeAsync(2 * AUTO_SAVE_DELAY_MS);
    expect(saved).toEqual([]);
    autoSaveStore.set('afterDelay');
    edit('b.py');
    await vi.advanceTimersByTimeAsync(AUTO_SAVE_DELAY_MS);
    expect(saved).toEqual(['b.py']);
  });

  it('before a pre-run or a plan, every dirty editor is saved', async () => {
    patchDocument('a.py', { dirty: true });
    patchDocument('b.sh', { dirty: false });
    patchDocument('w.workflow.yaml', { dirty: true });
    expect(await saveAllDocuments()).toBe(true);
    expect(saved.sort()).toEqual(['a.py', 'w.workflow.yaml']);
  });
});
