import { useEffect, useRef } from 'react';
import { useStore } from '../../app/store';
import { themeStore } from '../../app/theme-store';
import { monaco } from '../editor/monaco-setup';
import { monacoThemeOf } from '../editor/monaco-themes';

/** A read-only YAML view, for definitions that are new on the target (nothing to diff against). */
export function YamlPreview({ text }: { text: string }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const theme = useStore(themeStore, (s) => s.resolved);

  useEffect(() => {
    const instance = monaco.editor.create(host.current!, {
      readOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      theme: monacoThemeOf(themeStore.get().resolved),
      fontSize: 12,
    });
    editor.current = instance;
    return () => {
      instance.getModel()?.dispose();
      instance.dispose();
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = editor.current;
    if (!instance) return;
    const old = instance.getModel();
    instance.setModel(monaco.editor.createModel(text, 'yaml'));
    old?.dispose();
  }, [text]);

  useEffect(() => {
    monaco.editor.setTheme(monacoThemeOf(theme));
  }, [theme]);

  return <div ref={host} className="plan-diff-editor" data-testid="plan-preview" />;
}
