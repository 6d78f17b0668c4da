import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup';
import { currentMonacoTheme, useMonacoTheme } from './use-monaco-theme';

/** Monaco's diff editor between two texts, read-only on both sides. */
export function ReadOnlyDiff({
  original,
  modified,
  language,
  sideBySide = true,
  options,
  className,
  testId,
}: {
  original: string;
  modified: string;
  language: string;
  sideBySide?: boolean;
  /** Extra options fixed at creation (folding of unchanged regions, word wrap, font size). */
  options?: monaco.editor.IDiffEditorConstructionOptions;
  className?: string;
  testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const initialOptions = useRef(options);
  useMonacoTheme();

  useEffect(() => {
    const instance = monaco.editor.createDiffEditor(host.current!, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12,
      theme: currentMonacoTheme(),
      ...initialOptions.current,
    });
    editor.current = instance;
    return () => {
      const model = instance.getModel();
      // Detach first: disposing models under a live diff editor re-runs its layout after disposal.
      instance.setModel(null);
      instance.dispose();
      model?.original.dispose();
      model?.modified.dispose();
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = editor.current;
    if (!instance) return;
    const old = instance.getModel();
    instance.setModel({
      original: monaco.editor.createModel(original, language),
      modified: monaco.editor.createModel(modified, language),
    });
    old?.original.dispose();
    old?.modified.dispose();
  }, [original, modified, language]);

  useEffect(() => {
    editor.current?.updateOptions({ renderSideBySide: sideBySide });
  }, [sideBySide]);

  return <div ref={host} className={className} data-testid={testId} />;
}
