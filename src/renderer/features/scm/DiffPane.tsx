import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../app/store';
import { client } from '../../platform/services';
import { editorFontSizeStore, getDoc } from '../editor';
import { monacoLanguageOf } from '../../ui/language-of';
import { monaco } from '../../ui/monaco/monaco-setup';
import { currentMonacoTheme, useMonacoTheme } from '../../ui/monaco/use-monaco-theme';
import { scmStore } from './scm-store';
import { sideLabel, type DiffSide } from './scm-tabs';

/** A side's text, or why there is none to show. */
type SideText = { text: string; note?: string } | { model: monaco.editor.ITextModel } | { binary: true };

async function loadSide(path: string, side: DiffSide): Promise<SideText> {
  if (side === 'EMPTY') return { text: '' };
  if (side === 'BUFFER') {
    const doc = getDoc(path);
    return doc ? { model: doc.model } : { text: '', note: 'The file is not open in an editor.' };
  }
  if (side === 'WORKTREE' || side === 'DISK') {
    try {
      const content = await client.workspace.readFile({ path });
      return content.encoding === 'utf-8' ? { text: content.text } : { binary: true };
    } catch (error) {
      if ((error as { code?: string }).code === 'NOT_FOUND')
        return { text: '', note: 'Deleted in the working tree.' };
      throw error;
    }
  }
  const version = await client.git.readAt({ path, ref: side });
  if (!version.exists) return { text: '', note: `Not present at ${sideLabel(side)}.` };
  return version.encoding === 'binary' ? { binary: true } : { text: version.text };
}

/**
 * Monaco's side-by-side diff editor between two versions of one file. Sides read from disk
 * follow file changes (the git status changes with them); the `BUFFER` side is the open
 * editor's own model, so edits there show live.
 */
export function DiffPane({ path, left, right }: { path: string; left: DiffSide; right: DiffSide }) {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<monaco.editor.IStandaloneDiffEditor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  useMonacoTheme();
  const fontSize = useStore(editorFontSizeStore, (s) => s);
  // Working-tree sides reload when files change (the status object is replaced then).
  const status = useStore(scmStore, (s) => s.status);
  const dependsOnDisk = [left, right].some((s) => s === 'WORKTREE' || s === 'DISK');
  const diskStamp = dependsOnDisk ? status : null;

  useEffect(() => {
    const instance = monaco.editor.createDiffEditor(host.current!, {
      theme: currentMonacoTheme(),
      fontSize: editorFontSizeStore.get(),
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: false,
      renderOverviewRuler: true,
      scrollBeyondLastLine: false,
      minimap: { enabled: false },
      // Long scripts with a one-line change: show the change with context, fold the rest (expandable).
      hideUnchangedRegions: { enabled: true, contextLineCount: 5, minimumLineCount: 5, revealLineCount: 20 },
    });
    setEditor(instance);
    return () => {
      const model = instance.getModel();
      instance.dispose();
      // Models made for this pane go with it; the editor buffer belongs to its document.
      for (const m of [model?.original, model?.modified]) if (m) disposeOwned(m);
    };
  }, []);

  useEffect(() => editor?.updateOptions({ fontSize }), [editor, fontSize]);

  useEffect(() => {
    if (!editor) return;
    let live = true;
    const language = monacoLanguageOf(path);
    void Promise.all([loadSide(path, left), loadSide(path, right)]).then(
      ([a, b]) => {
        if (!live) return;
        if ('binary' in a || 'binary' in b) {
          setError('Binary file: no text to compare.');
          return;
        }
        setError(null);
        setNotes(
          [a, b]
            .map((s, i) =>
              'note' in s && s.note ? `${i === 0 ? sideLabel(left) : sideLabel(right)}: ${s.note}` : '',
            )
            .filter(Boolean),
        );
        const toModel = (s: SideText): monaco.editor.ITextModel =>
          'model' in s ? s.model : owned(monaco.editor.createModel((s as { text: string }).text, language));
        const previous = editor.getModel();
        const original = toModel(a);
        const modified = toModel(b);
        const view = previous ? editor.saveViewState() : null;
        editor.setModel({ original, modified });
        if (view) editor.restoreViewState(view);
        // The buffer side stays editable: that is where "Compare" lets the user merge by hand.
        editor.getModifiedEditor().updateOptions({ readOnly: !('model' in b) });
        for (const m of [previous?.original, previous?.modified])
          if (m && m !== original && m !== modified) disposeOwned(m);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [editor, path, left, right, diskStamp]);

  return (
    <div className="diff-pane" data-testid="diff-editor" data-path={path} data-left={left} data-right={right}>
      <div className="diff-pane-header">
        <span className="diff-side" data-testid="diff-left-label">
          {sideLabel(left)}
        </span>
        <span className="diff-arrow">↔</span>
        <span className="diff-side" data-testid="diff-right-label">
          {sideLabel(right)}
        </span>
        {notes.map((n) => (
          <span key={n} className="diff-note">
            {n}
          </span>
        ))}
      </div>
      {error && (
        <div className="diff-message" role="status">
          {error}
        </div>
      )}
      <div ref={host} className="diff-host" hidden={!!error} />
    </div>
  );
}

/** Models this module created (and so may dispose). */
const ownedModels = new WeakSet<monaco.editor.ITextModel>();
function owned(model: monaco.editor.ITextModel): monaco.editor.ITextModel {
  ownedModels.add(model);
  return model;
}
function disposeOwned(model: monaco.editor.ITextModel): void {
  if (ownedModels.has(model) && !model.isDisposed()) model.dispose();
}
