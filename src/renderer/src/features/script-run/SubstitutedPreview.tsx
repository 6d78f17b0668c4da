import { useEffect, useRef } from 'react';
import { Codicon } from '../../components/Codicon';
import { useStore } from '../../app/store';
import { themeStore } from '../../app/theme-store';
import { monaco } from '../editor/monaco-setup';
import { monacoThemeOf } from '../editor/monaco-themes';
import { closePreview, scriptRunStore, selectPreviewView } from './script-run-store';
import './script-run.css';

/** Read-only side-by-side diff: the script as written and as one context (F5, or a task that runs it) executes it. */
export function SubstitutedPreview() {
  const preview = useStore(scriptRunStore, (s) => s.preview);
  const theme = useStore(themeStore, (s) => s.resolved);
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!preview || !host.current) return;
    const original = monaco.editor.createModel(preview.original, preview.language);
    const modified = monaco.editor.createModel(preview.views[preview.selected].substituted, preview.language);
    const diff = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      // Only the substituted lines and a little context: that is what the preview is for.
      hideUnchangedRegions: { enabled: true, contextLineCount: 2, minimumLineCount: 3 },
      minimap: { enabled: false },
      wordWrap: 'on',
      diffWordWrap: 'on',
      theme: monacoThemeOf(themeStore.get().resolved),
    });
    diff.setModel({ original, modified });
    return () => {
      // Detach first: disposing models under a live diff editor re-runs its layout after disposal.
      diff.setModel(null);
      diff.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [preview]);

  useEffect(() => monaco.editor.setTheme(monacoThemeOf(theme)), [theme]);

  useEffect(() => {
    // Capture phase, closed after the event: Monaco must not be disposed while it handles the key.
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      setTimeout(closePreview, 0);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  if (!preview) return null;
  const view = preview.views[preview.selected];
  return (
    <div
      className="script-preview-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && closePreview()}
    >
      <div
        className="script-preview"
        role="dialog"
        aria-label="Substituted script"
        data-testid="script-substituted"
      >
        <div className="script-preview-header">
          <Codicon name="open-preview" />
          <span className="title">{preview.path}</span>
          <span>as written ↔ as run by</span>
          <select
            className="input script-preview-context"
            aria-label="Run context"
            data-testid="script-substituted-context"
            value={preview.selected}
            onChange={(e) => selectPreviewView(Number(e.target.value))}
          >
            {preview.views.map((v, i) => (
              <option key={v.label} value={i}>
                {v.label}
              </option>
            ))}
          </select>
          {view.problems.length > 0 && <span className="warn">{view.problems.join(', ')}</span>}
          <button className="icon-button" title="Close (Esc)" aria-label="Close" onClick={closePreview}>
            <Codicon name="close" />
          </button>
        </div>
        <div className="script-preview-note" data-testid="script-substituted-note">
          {view.note}
        </div>
        <div ref={host} className="script-preview-editor" data-testid="script-substituted-editor" />
      </div>
    </div>
  );
}
