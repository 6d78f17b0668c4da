/**
 * Monaco from the local package (ESM, no CDN loader): the editor API, its standard features,
 * the languages BDP scripts use, and workers bundled by Vite (`?worker`). Imported only by the
 * lazily loaded editor chunk, so the welcome page does not pay for it.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/sql/register';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { hqlConfiguration, hqlLanguage } from './hql-language';
import { bdpDark, bdpLight } from './monaco-themes';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

monaco.languages.register({ id: 'hql', extensions: ['.hql'], aliases: ['HiveQL', 'hql'] });
monaco.languages.setMonarchTokensProvider('hql', hqlLanguage);
monaco.languages.setLanguageConfiguration('hql', hqlConfiguration);

monaco.editor.defineTheme('bdp-dark', bdpDark);
monaco.editor.defineTheme('bdp-light', bdpLight);

export { monaco };

/*
 * Monaco 0.57 bug: every StandaloneCodeEditor constructor points Monaco's global hover-delegate
 * factory (and default code-block renderer) at the instantiation service it was created with.
 * The two editors inside a diff editor get the diff editor's child service, which is disposed
 * with the diff editor; the next widget built lazily in a long-lived editor (the suggest list's
 * status bar, any ActionBar) then throws "InstantiationService has been disposed". After each
 * diff editor goes away, an editor created from the root service points the factory back.
 */
monaco.editor.onDidCreateDiffEditor((diff) => {
  // The diff editor itself never fires onDidDispose (also 0.57); its inner editors do.
  const sub = diff.getModifiedEditor().onDidDispose(() => {
    sub.dispose();
    monaco.editor
      .create(document.createElement('div'), {
        model: null,
        automaticLayout: false,
        minimap: { enabled: false },
      })
      .dispose();
  });
});
