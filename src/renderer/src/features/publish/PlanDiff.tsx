import { useEffect, useRef } from 'react';
import { useStore } from '../../app/store';
import { themeStore } from '../../app/theme-store';
import { monaco } from '../editor/monaco-setup';
import { monacoThemeOf } from '../editor/monaco-themes';

/** Remote (left) against local (right) YAML in Monaco's diff editor, read-only. */
export function PlanDiff({
  before,
  after,
  sideBySide,
}: {
  before: string;
  after: string;
  sideBySide: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const theme = useStore(themeStore, (s) => s.resolved);

  useEffect(() => {
    const instance = monaco.editor.createDiffEditor(host.current!, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      theme: monacoThemeOf(themeStore.get().resolved),
      fontSize: 12,
    });
    editor.current = instance;
    return () => {
      const model = instance.getModel();
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
      original: monaco.editor.createModel(before, 'yaml'),
      modified: monaco.editor.createModel(after, 'yaml'),
    });
    old?.original.dispose();
    old?.modified.dispose();
  }, [before, after]);

  useEffect(() => {
    editor.current?.updateOptions({ renderSideBySide: sideBySide });
  }, [sideBySide]);

  useEffect(() => {
    monaco.editor.setTheme(monacoThemeOf(theme));
  }, [theme]);

  return <div ref={host} className="plan-diff-editor" data-testid="plan-diff" />;
}
