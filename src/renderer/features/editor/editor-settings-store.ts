import { defaultSettings } from '../../../shared/contract/settings';
import { createStore } from '../../app/store';
import { client } from '../../platform/services';

/** The editor font size from the user settings, following changes. */
export const editorFontSizeStore = createStore<number>(defaultSettings.fontSize);

let initialised = false;
export function initEditorSettings(): void {
  if (initialised) return;
  initialised = true;
  client.settings.onDidChangeSettings((s) => editorFontSizeStore.set(s.fontSize));
  client.settings.get().then(
    (s) => editorFontSizeStore.set(s.fontSize),
    () => undefined,
  );
}
