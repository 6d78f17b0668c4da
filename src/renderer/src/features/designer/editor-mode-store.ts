import { createStore, useStore } from '../../app/store';
import { classifyWorkspaceFile } from '../../../../shared/model/validate-file';

export type WorkflowEditorMode = 'designer' | 'yaml';

/** Per workflow file: the designer beside the YAML (default), or the YAML alone. */
export const editorModeStore = createStore<Record<string, WorkflowEditorMode>>({});

export const isWorkflowFile = (path: string): boolean => classifyWorkspaceFile(path) === 'workflow';

export function setEditorMode(path: string, mode: WorkflowEditorMode): void {
  editorModeStore.set((s) => ({ ...s, [path]: mode }));
}

/** Whether the designer shows for `path` (a workflow file the text editor can open). */
export function useDesignerShown(path: string | null, editable: boolean): boolean {
  const mode = useStore(editorModeStore, (s) => (path ? (s[path] ?? 'designer') : 'yaml'));
  return !!path && editable && isWorkflowFile(path) && mode === 'designer';
}
