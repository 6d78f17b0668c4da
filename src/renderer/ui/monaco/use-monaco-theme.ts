import { useEffect } from 'react';
import { useStore } from '../../app/store';
import { themeStore } from '../../app/theme-store';
import { monaco } from './monaco-setup';
import { monacoThemeOf } from './monaco-themes';

/** Keeps Monaco's (global) theme on the workbench's light or dark theme while the caller is mounted. */
export function useMonacoTheme(): void {
  const theme = useStore(themeStore, (s) => s.resolved);
  useEffect(() => {
    monaco.editor.setTheme(monacoThemeOf(theme));
  }, [theme]);
}

/** The theme a new editor starts with, before the hook's effect runs. */
export const currentMonacoTheme = (): string => monacoThemeOf(themeStore.get().resolved);
