import { notify, notifyError } from '../../app/notifications';
import { client } from '../../platform/services';
import { documentStore, saveDocument } from './document-store';
import { autoSaveStore } from './editor-settings-store';

/** VS Code's `files.autoSaveDelay` default. */
export const AUTO_SAVE_DELAY_MS = 1000;

const timers = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * An edit changed `path` (typed, or made on the designer's canvas or properties): with auto save
 * on, the file is saved once edits pause. A save the disk refused (a conflict) is left to the
 * conflict bar; turning auto save off cancels what is pending.
 */
export function noteEdit(path: string): void {
  clearTimeout(timers.get(path));
  timers.delete(path);
  if (autoSaveStore.get() !== 'afterDelay') return;
  timers.set(
    path,
    setTimeout(() => {
      timers.delete(path);
      const doc = documentStore.get()[path];
      if (doc?.dirty && !doc.conflict && autoSaveStore.get() === 'afterDelay') void saveDocument(path);
    }, AUTO_SAVE_DELAY_MS),
  );
}

autoSaveStore.subscribe(() => {
  if (autoSaveStore.get() === 'afterDelay') return;
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
});

/** "File: Toggle Auto Save": flips the user setting (every window follows it) and says what it means now. */
export async function toggleAutoSave(): Promise<void> {
  const next = autoSaveStore.get() === 'afterDelay' ? 'off' : 'afterDelay';
  try {
    await client.settings.update({ patch: { autoSave: next } });
  } catch (error) {
    notifyError(error, 'Could not change Auto Save');
    return;
  }
  autoSaveStore.set(next);
  notify(
    'info',
    next === 'afterDelay'
      ? 'Auto Save is on: edits are saved a second after you stop.'
      : 'Auto Save is off: Ctrl/Cmd+S saves.',
  );
}
