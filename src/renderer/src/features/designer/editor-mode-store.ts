import { createStore, useStore } from '../../app/store';
import { classifyWorkspaceFile } from '../../../../shared/model/validate-file';

/** `designer`: canvas with the YAML beside it (default); `canvas`: the canvas alone; `yaml`: the text alone. */
export type WorkflowEditorMode = 'designer' | 'canvas' | 'yaml';

export const editorModeStore = createStore<Record<string, WorkflowEditorMode>>({});

export const isWorkflowFile = (path: string): boolean => classifyWorkspaceFile(path) === 'workflow';

export function setEditorMode(path: string, mode: WorkflowEditorMode): void {
  editorModeStore.set((s) => ({ ...s, [path]: mode }));
}

/** What the editor area shows for `path`: the designer, the text editor, or both side by side. */
export function useEditorPanes(path: string | null, editable: boolean): { designer: boolean; text: boolean } {
  const mode = useStore(editorModeStore, (s) => (path ? (s[path] ?? 'designer') : 'yaml'));
  const designer = !!path && editable && isWorkflowFile(path) && mode !== 'yaml';
  return { designer, text: !designer || mode === 'designer' };
}
