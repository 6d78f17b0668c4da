import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../app/store';
import { documentStore } from './document-store';
import { editorFontSizeStore, initEditorSettings } from './editor-settings-store';
import { editorStatusStore, indentationLabel } from './editor-status-store';
import { editorStore, setCursor } from './editor-store';
import { contentStore } from './file-content-store';
import { ConflictBar } from './ConflictBar';
import { languageLabel } from '../../ui/language-of';
import { ensureDoc, getDoc, setActiveEditor } from './monaco-documents';
import { monaco } from '../../ui/monaco/monaco-setup';
import { currentMonacoTheme, useMonacoTheme } from '../../ui/monaco/use-monaco-theme';
import { registerVariableProviders } from './monaco-variables';
import { attachScriptRun } from '../script-run';
import './script-editor.css';

registerVariableProviders();

/** The last reveal request honoured, so coming back to a tab does not jump again. */
let handledReveal = 0;

/**
 * One Monaco editor for all text tabs, one model per open file, view state kept per tab (as VS
 * Code does). `path` null hides it while the active tab shows something else (binary, too large).
 */
export function ScriptEditor({ path }: { path: string | null }) {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const entry = useStore(contentStore, (s) => (path ? s[path] : undefined));
  const reveal = useStore(editorStore, (s) => s.reveal);
  const cursor = useStore(editorStore, (s) => s.cursor);
  useMonacoTheme();
  const fontSize = useStore(editorFontSizeStore, (s) => s);
  const doc = useStore(documentStore, (s) => (shown ? s[shown] : undefined));

  useEffect(() => {
    initEditorSettings();
    const instance = monaco.editor.create(host.current!, {
      model: null,
      theme: currentMonacoTheme(),
      fontSize: editorFontSizeStore.get(),
      automaticLayout: true,
      minimap: { enabled: true },
      fixedOverflowWidgets: true,
      renderWhitespace: 'selection',
      scrollBeyondLastLine: true,
      'semanticHighlighting.enabled': false,
      hover: { delay: 300 },
    });
    setActiveEditor(instance);
    setEditor(instance);
    const detachScriptRun = attachScriptRun(instance);
    return () => {
      detachScriptRun();
      setActiveEditor(null);
      instance.dispose();
      editorStatusStore.set(null);
    };
  }, []);

  // Switch models: keep the view state of the tab we leave, restore the one we come back to.
  useEffect(() => {
    if (!editor) return;
    const ready =
      path && entry?.status === 'ready' && entry.content.encoding === 'utf-8' && !entry.content.truncated;
    const target = ready ? ensureDoc(path, entry.content) : null;
    const current = editor.getModel();
    if (current === (target?.model ?? null)) return;
    const previous = shown ? getDoc(shown) : undefined;
    if (previous && previous.model === current) previous.viewState = editor.saveViewState();
    editor.setModel(target?.model ?? null);
    if (target?.viewState) editor.restoreViewState(target.viewState);
    setShown(target ? target.path : null);
  }, [editor, path, entry, shown]);

  // Cursor, language and indentation for the status bar.
  useEffect(() => {
    if (!editor || !shown) return;
    const report = () => {
      const model = editor.getModel();
      const position = editor.getPosition();
      if (!model || !position) return;
      const selection = editor.getSelection();
      const selected = selection && !selection.isEmpty() ? model.getValueLengthInRange(selection) : 0;
      setCursor({ path: shown, line: position.lineNumber, column: position.column, selected });
      const options = model.getOptions();
      const status = {
        path: shown,
        language: languageLabel(model.getLanguageId()),
        indentation: indentationLabel(options.insertSpaces, options.indentSize),
      };
      const prev = editorStatusStore.get();
      if (
        !prev ||
        prev.path !== status.path ||
        prev.language !== status.language ||
        prev.indentation !== status.indentation
      )
        editorStatusStore.set(status);
    };
    report();
    const subscriptions = [
      editor.onDidChangeCursorSelection(report),
      editor.onDidChangeModelOptions(report),
      editor.onDidChangeModelLanguage(report),
    ];
    return () => {
      subscriptions.forEach((s) => s.dispose());
      setCursor(null);
      editorStatusStore.set(null);
    };
  }, [editor, shown]);

  // revealLine(line, column) from Problems, quick open `:line`, F8: move the cursor there and flash the line.
  useEffect(() => {
    if (!editor || !reveal || reveal.path !== shown || reveal.seq <= handledReveal) return;
    handledReveal = reveal.seq;
    const model = editor.getModel()!;
    const line = Math.max(1, Math.min(reveal.line, model.getLineCount()));
    const column = Math.max(1, Math.min(reveal.column, model.getLineMaxColumn(line)));
    const end = Math.min(column + (reveal.length ?? 0), model.getLineMaxColumn(line));
    editor.setSelection(new monaco.Selection(line, column, line, end));
    editor.revealLineInCenterIfOutsideViewport(line);
    if (!reveal.preserveFocus) editor.focus();
    const flash = editor.createDecorationsCollection([
      {
        range: new monaco.Range(line, 1, line, 1),
        options: { isWholeLine: true, className: 'monaco-reveal-line' },
      },
    ]);
    const timer = setTimeout(() => flash.clear(), 1600);
    return () => {
      clearTimeout(timer);
      flash.clear();
    };
  }, [editor, reveal, shown]);

  useEffect(() => editor?.updateOptions({ fontSize }), [editor, fontSize]);

  const cursorLine = cursor && cursor.path === shown ? cursor.line : undefined;
  return (
    <div className="script-editor" hidden={!path || !shown}>
      {shown && doc?.conflict && <ConflictBar path={shown} kind={doc.conflict} />}
      <div
        ref={host}
        className="script-editor-host"
        data-testid="editor"
        data-path={shown ?? undefined}
        data-cursor-line={cursorLine}
        data-dirty={doc?.dirty || undefined}
      />
    </div>
  );
}
