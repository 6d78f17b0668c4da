import { defaultSettings, type AutoSave } from '../../../shared/contract/settings';
import { createStore } from '../../app/store';
import { client } from '../../platform/services';

/** The editor font size from the user settings, following changes. */
export const editorFontSizeStore = createStore<number>(defaultSettings.fontSize);

/** The auto save setting, following changes. */
export const autoSaveStore = createStore<AutoSave>(defaultSettings.autoSave);

let initialised = false;
export function initEditorSettings(): void {
  if (initialised) return;
  initialised = true;
  const apply = (s: { fontSize: number; autoSave: AutoSave }): void => {
    editorFontSizeStore.set(s.fontSize);
    autoSaveStore.set(s.autoSave);
  };
  client.settings.onDidChangeSettings(apply);
  client.settings.get().then(apply, () => undefined);
}
