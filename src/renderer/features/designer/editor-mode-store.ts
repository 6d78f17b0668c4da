import { createStore, useStore } from '../../app/store';
import { classifyWorkspaceFile } from '../../../shared/model/validate-file';

/** `designer`: canvas with the YAML beside it; `canvas`: the canvas alone; `yaml`: the text alone. */
export type WorkflowEditorMode = 'designer' | 'canvas' | 'yaml';

const YAML_BESIDE_KEY = 'bdp.designer.yamlBeside';

interface EditorModes {
  /** Tabs showing the YAML text alone. */
  yamlOnly: Record<string, boolean>;
  /** The user's choice, for every workflow: the YAML pane beside the canvas (default: the canvas alone). */
  yamlBeside: boolean;
  /** Files whose YAML has errors: their text is shown beside the canvas whatever the choice. */
  broken: Record<string, boolean>;
  /** Files asked to show a line (a problem, a search hit): their text is beside the canvas until toggled away. */
  revealed: Record<string, boolean>;
}

export const editorModeStore = createStore<EditorModes>({
  yamlOnly: {},
  yamlBeside: localStorage.getItem(YAML_BESIDE_KEY) === 'true',
  broken: {},
  revealed: {},
});

export const isWorkflowFile = (path: string): boolean => classifyWorkspaceFile(path) === 'workflow';

/** Switches a tab's view; `designer` / `canvas` also set, for every workflow, whether the YAML pane shows beside the canvas (remembered). */
export function setEditorMode(path: string, mode: WorkflowEditorMode): void {
  editorModeStore.set((s) => {
    if (mode === 'yaml') return { ...s, yamlOnly: { ...s.yamlOnly, [path]: true } };
    const yamlBeside = mode === 'designer';
    localStorage.setItem(YAML_BESIDE_KEY, String(yamlBeside));
    return {
      ...s,
      yamlOnly: { ...s.yamlOnly, [path]: false },
      yamlBeside,
      revealed: { ...s.revealed, [path]: false },
    };
  });
}

/** A line of the file is to be shown: its YAML comes beside the canvas (the user's choice is kept for other files). */
export function showYamlOf(path: string): void {
  if (editorModeStore.get().revealed[path]) return;
  editorModeStore.set((s) => ({ ...s, revealed: { ...s.revealed, [path]: true } }));
}

/** The designer says when a file's YAML has errors, so its text comes into view. */
export function setYamlBroken(path: string, broken: boolean): void {
  if (!!editorModeStore.get().broken[path] === broken) return;
  editorModeStore.set((s) => ({ ...s, broken: { ...s.broken, [path]: broken } }));
}

/** The view of a tab: `yaml` (text alone), `designer` (canvas + YAML) or `canvas`. */
export function modeOf(s: EditorModes, path: string): WorkflowEditorMode {
  if (s.yamlOnly[path]) return 'yaml';
  return s.yamlBeside || s.broken[path] || s.revealed[path] ? 'designer' : 'canvas';
}

/** What the editor area shows for `path`: the designer, the text editor, or both side by side. */
export function useEditorPanes(path: string | null, editable: boolean): { designer: boolean; text: boolean } {
  const mode = useStore(editorModeStore, (s) => (path ? modeOf(s, path) : 'yaml'));
  const designer = !!path && editable && isWorkflowFile(path) && mode !== 'yaml';
  return { designer, text: !designer || mode === 'designer' };
}
