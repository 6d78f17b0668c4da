import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup';
import { currentMonacoTheme, useMonacoTheme } from './use-monaco-theme';

/** A read-only Monaco view of one text (a preview, a stored version): no minimap, no scroll past the end. */
export function ReadOnlyCode({
  text,
  language,
  fontSize = 12,
  className,
  testId,
}: {
  text: string;
  language: string;
  fontSize?: number;
  className?: string;
  testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  useMonacoTheme();

  useEffect(() => {
    const instance = monaco.editor.create(host.current!, {
      readOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      theme: currentMonacoTheme(),
    });
    editor.current = instance;
    return () => {
      const model = instance.getModel();
      instance.dispose();
      model?.dispose();
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = editor.current;
    if (!instance) return;
    const old = instance.getModel();
    instance.setModel(monaco.editor.createModel(text, language));
    old?.dispose();
  }, [text, language]);

  useEffect(() => {
    editor.current?.updateOptions({ fontSize });
  }, [fontSize]);

  return <div ref={host} className={className} data-testid={testId} />;
}
