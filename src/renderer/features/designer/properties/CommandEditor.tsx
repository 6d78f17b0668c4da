import { useEffect, useId, useRef, useState } from 'react';
import { aliasModelPath } from '../../editor';
import { monaco } from '../../../ui/monaco/monaco-setup';
import { useMonacoTheme } from '../../../ui/monaco/use-monaco-theme';

interface Props {
  label: string;
  value: string;
  language: 'shell' | 'python';
  /** The workflow file: `${...}` completion offers its parameters. */
  workflowPath: string;
  onCommit(value: string): string | null | void;
  testId?: string;
  hint?: string;
}

const MIN_LINES = 3;
const MAX_HEIGHT = 220;
const LINE_HEIGHT = 18;

/** A small Monaco editor for a task command: `${...}` completion and hover, commits on blur or Ctrl+Enter. */
export function CommandEditor({ label, value, language, workflowPath, onCommit, testId, hint }: Props) {
  const id = useId();
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef({ value, onCommit });
  latest.current = { value, onCommit };
  const [error, setError] = useState<string | null>(null);
  useMonacoTheme();

  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel(latest.current.value, language);
    aliasModelPath(model, workflowPath);
    const editor = monaco.editor.create(host.current, {
      model,
      minimap: { enabled: false },
      lineNumbers: 'off',
      glyphMargin: false,
      folding: false,
      lineDecorationsWidth: 4,
      lineNumbersMinChars: 0,
      scrollBeyondLastLine: false,
      wordWrap: 'on',
      fontSize: 12,
      lineHeight: LINE_HEIGHT,
      renderLineHighlight: 'none',
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      scrollbar: { verticalScrollbarSize: 8, horizontalScrollbarSize: 8, alwaysConsumeMouseWheel: false },
      fixedOverflowWidgets: true,
      automaticLayout: true,
      ariaLabel: label,
      tabSize: 2,
      // Chromium's EditContext stays attached after the editor is disposed (the panel remounts on every
      // edit) and swallows typing meant for the panel's other inputs; the textarea input does not.
      editContext: false,
    });
    editorRef.current = editor;
    const fit = () => {
      const h = Math.min(MAX_HEIGHT, Math.max(MIN_LINES * LINE_HEIGHT + 8, editor.getContentHeight()));
      if (host.current) host.current.style.height = `${h}px`;
    };
    fit();
    const commit = () => {
      const text = model.getValue();
      if (text === latest.current.value) return setError(null);
      setError(latest.current.onCommit(text) || null);
    };
    const subs = [editor.onDidContentSizeChange(fit), editor.onDidBlurEditorText(commit)];
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, commit);
    return () => {
      subs.forEach((s) => s.dispose());
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [language, workflowPath, label]);

  // A new value from the YAML replaces the text unless the user is typing in it.
  useEffect(() => {
    const editor = editorRef.current;
    if (editor && !editor.hasTextFocus() && editor.getValue() !== value) editor.setValue(value);
  }, [value]);

  return (
    <div className="prop-field">
      <label id={id}>{label}</label>
      <div
        ref={host}
        className={`prop-monaco${error ? ' invalid' : ''}`}
        aria-labelledby={id}
        data-testid={testId}
      />
      {error ? (
        <div className="prop-error" role="alert">
          {error}
        </div>
      ) : (
        hint && <div className="prop-hint">{hint}</div>
      )}
    </div>
  );
}
