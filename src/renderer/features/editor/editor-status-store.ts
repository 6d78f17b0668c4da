import { createStore } from '../../app/store';

/** Language mode and indentation of the file in the Monaco editor, for the status bar. */
export interface EditorStatus {
  path: string;
  language: string;
  indentation: string;
}

export const editorStatusStore = createStore<EditorStatus | null>(null);

export function indentationLabel(insertSpaces: boolean, tabSize: number): string {
  return insertSpaces ? `Spaces: ${tabSize}` : `Tab Size: ${tabSize}`;
}
