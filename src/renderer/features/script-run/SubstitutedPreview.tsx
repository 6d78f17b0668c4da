import { useEffect } from 'react';
import { Codicon } from '../../ui/Codicon';
import { useStore } from '../../app/store';
import { ReadOnlyDiff } from '../../ui/monaco/ReadOnlyDiff';
import { closePreview, scriptRunStore, selectPreviewView } from './script-run-store';
import './script-run.css';

// Only the substituted lines and a little context: that is what the preview is for.
const PREVIEW_OPTIONS = {
  hideUnchangedRegions: { enabled: true, contextLineCount: 2, minimumLineCount: 3 },
  wordWrap: 'on',
  diffWordWrap: 'on',
} as const;

/** Read-only side-by-side diff: the script as written and as one context (F5, or a task that runs it) executes it. */
export function SubstitutedPreview() {
  const preview = useStore(scriptRunStore, (s) => s.preview);

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
        <ReadOnlyDiff
          original={preview.original}
          modified={view.substituted}
          language={preview.language}
          options={PREVIEW_OPTIONS}
          className="script-preview-editor"
          testId="script-substituted-editor"
        />
      </div>
    </div>
  );
}
