import {
  passInFix,
  taskFileView,
  tasksUsingFile,
  unsubstitutedInFile,
  taskUseLabel,
  type TaskFileUse,
  type UnsubstitutedPlaceholder,
} from '../../../shared/task-file-view';
import { commands } from '../../app/commands';
import { notify } from '../../app/notifications';
import { editWorkflowFile } from '../designer';
import {
  businessDateStore,
  variableContextFor,
  isDirty,
  saveDocument,
  editorStore,
  getDoc,
  pathOfModel,
  workspaceResources,
  workspaceWorkflows,
} from '../editor';
import { monaco } from '../../ui/monaco/monaco-setup';
import { openInstance, startRun } from '../runs';
import { runnableLanguage } from './script-language';
import { paramsOf } from './session-state';

/** The business date runs of `path` use: its own (Parameters bar), else the status bar's. */
const businessDateOf = (path: string): string => paramsOf(path).businessDate || businessDateStore.get();

const OWNER = 'bdp-task-context';
/** The editor command (addCommand id) a quick fix runs to write the task's new command. */
let setCommandId: string | null = null;
const MARKER_SOURCE = 'task run';

/** The SHELL / PYTHON tasks that run `path` (as `script:` or as their resource's source). */
export async function taskUsesOf(path: string): Promise<TaskFileUse[]> {
  const [workflows, resources] = await Promise.all([workspaceWorkflows(), workspaceResources()]);
  return tasksUsingFile(path, workflows, new Map(resources.map((r) => [r.name, r])));
}

/**
 * "Run as Task": pre-runs the task alone, exactly as it runs the file: its command, parameters,
 * working directory and the file laid out as the published task gets it. The file is saved
 * first; a resource-bound task runs the working copy (what is being edited), and says so.
 */
export async function runAsTask(path: string, use: TaskFileUse): Promise<void> {
  if (isDirty(path) && !(await saveDocument(path))) return;
  const inst = await startRun({
    workflow: use.workflowPath,
    scope: 'node',
    node: use.task.name,
    businessDate: businessDateOf(path),
    ...(use.via === 'resource' ? { workingCopy: true } : {}),
  });
  if (inst) openInstance(inst.instanceId);
}

/** One context of "Show Substituted Script": the file as F5, or as one task, sees it. */
export interface PreviewView {
  label: string;
  /** What the context does with `${...}`, and (tasks) its command as substituted. */
  note: string;
  substituted: string;
  problems: string[];
}

/** The file as each task that runs it sees it, for the business date of the editor. */
export async function taskPreviewViews(path: string, text: string, language: string): Promise<PreviewView[]> {
  const context = variableContextFor(businessDateOf(path));
  return (await taskUsesOf(path)).map((use) => {
    const view = taskFileView(text, language, use, context);
    return {
      label: `Task ${taskUseLabel(use)}`,
      note: `${view.command ? `command: ${view.command} · ` : ''}${view.how}`,
      substituted: view.text,
      problems: [...new Set(view.unsubstituted.map((u) => u.name))].map((n) => `not substituted: \${${n}}`),
    };
  });
}

interface FileState {
  uses: TaskFileUse[];
  /** Per use, the placeholders it leaves in the file. */
  left: Map<TaskFileUse, UnsubstitutedPlaceholder[]>;
}
const states = new Map<string, FileState>();

function markerMessage(name: string, uses: readonly TaskFileUse[]): string {
  return `\${${name}} is not substituted when ${uses.map(taskUseLabel).join(', ')} run${uses.length === 1 ? 's' : ''} this file: a task substitutes \${...} in its command, not inside the file (only F5 does). Pass the value in from the command (quick fix).`;
}

/** Marks, in one model, each `${...}` the tasks running the file leave as written. */
async function renderMarkers(model: monaco.editor.ITextModel): Promise<void> {
  const path = pathOfModel(model);
  const language = runnableLanguage(path);
  if (!path || !language || model.isDisposed()) return;
  const uses = await taskUsesOf(path);
  if (model.isDisposed()) return;
  const text = model.getValue();
  const left = new Map(uses.map((u) => [u, unsubstitutedInFile(text, language, u)]));
  states.set(model.uri.toString(), { uses, left });
  const byOffset = new Map<number, { at: UnsubstitutedPlaceholder; uses: TaskFileUse[] }>();
  for (const [use, list] of left) {
    for (const at of list) {
      const entry = byOffset.get(at.offset) ?? { at, uses: [] };
      entry.uses.push(use);
      byOffset.set(at.offset, entry);
    }
  }
  monaco.editor.setModelMarkers(
    model,
    OWNER,
    [...byOffset.values()].map(({ at, uses: users }) => {
      const from = model.getPositionAt(at.offset);
      const to = model.getPositionAt(at.offset + at.length);
      return {
        severity: monaco.MarkerSeverity.Warning,
        message: markerMessage(at.name, users),
        source: MARKER_SOURCE,
        code: at.name,
        startLineNumber: from.lineNumber,
        startColumn: from.column,
        endLineNumber: to.lineNumber,
        endColumn: to.column,
      };
    }),
  );
}

const IMPORT_LINE = /^(import|from)\s/m;

/** `import sys` where a Python fix reads `sys.argv`, unless the file has it. */
function sysImportEdit(model: monaco.editor.ITextModel): monaco.languages.IWorkspaceTextEdit | undefined {
  const text = model.getValue();
  if (/^\s*import\s+sys\b|^\s*import\s+.*\bsys\b/m.test(text)) return undefined;
  const m = IMPORT_LINE.exec(text);
  const line = m ? model.getPositionAt(m.index).lineNumber : 1;
  return {
    resource: model.uri,
    versionId: model.getVersionId(),
    textEdit: { range: new monaco.Range(line, 1, line, 1), text: 'import sys\n' },
  };
}

let registered = false;

/** The quick fixes of the markers above, and the command that writes the task's new command. */
function registerProviders(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCodeActionProvider(['python', 'shell', 'hql', 'sql'], {
    provideCodeActions(model, _range, context) {
      const state = states.get(model.uri.toString());
      const path = pathOfModel(model);
      const language = runnableLanguage(path);
      if (!state || !language) return { actions: [], dispose: () => undefined };
      const actions: monaco.languages.CodeAction[] = [];
      for (const marker of context.markers) {
        if (marker.source !== MARKER_SOURCE) continue;
        const offset = model.getOffsetAt({ lineNumber: marker.startLineNumber, column: marker.startColumn });
        for (const [use, list] of state.left) {
          const at = list.find((x) => x.offset === offset);
          const fix = at && passInFix(model.getValue(), at, language, use);
          if (!fix) continue;
          const from = model.getPositionAt(fix.edit.offset);
          const to = model.getPositionAt(fix.edit.offset + fix.edit.length);
          const edits: monaco.languages.IWorkspaceTextEdit[] = [
            {
              resource: model.uri,
              versionId: model.getVersionId(),
              textEdit: {
                range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
                text: fix.edit.text,
              },
            },
          ];
          const importSys = fix.edit.text.startsWith('sys.') ? sysImportEdit(model) : undefined;
          if (importSys) edits.unshift(importSys);
          actions.push({
            title: fix.title,
            kind: 'quickfix',
            diagnostics: [marker],
            isPreferred: state.uses.length === 1,
            edit: { edits },
            ...(fix.command !== (use.task.command ?? '') && setCommandId
              ? {
                  command: {
                    id: setCommandId,
                    title: 'Update the task command',
                    arguments: [use.workflowPath, use.task.name, fix.command],
                  },
                }
              : {}),
          });
        }
      }
      return { actions, dispose: () => undefined };
    },
  });
}

/** Keeps the "not substituted in a task run" markers of the editor's model current. */
export function attachTaskContext(editor: monaco.editor.IStandaloneCodeEditor): () => void {
  registerProviders();
  // A command of this editor (standalone Monaco runs a code action's command through the editor).
  setCommandId = editor.addCommand(
    0,
    (_accessor: unknown, workflowPath: string, task: string, command: string) => {
      void editWorkflowFile(workflowPath, (d) => d.setTaskFields(task, [[['command'], command]])).then(
        (r) => {
          if (r.ok) notify('info', `Updated the command of ${task}`, command);
          else notify('warning', `Could not update the command of ${task}`, r.reason);
        },
      );
    },
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const model = editor.getModel();
      if (model) void renderMarkers(model);
    }, 250);
  };
  const subs = [editor.onDidChangeModel(refresh), editor.onDidChangeModelContent(refresh)];
  refresh();
  return () => {
    clearTimeout(timer);
    subs.forEach((s) => s.dispose());
  };
}

/** One palette command per task that runs the active file: "Run as Task ▸ daily_orders › clean_orders". */
export function registerRunAsTaskCommands(): () => void {
  let registeredFor: string | null = null;
  let disposers: (() => void)[] = [];
  let generation = 0;
  const update = (): void => {
    const path = editorStore.get().active;
    if (path === registeredFor) return;
    registeredFor = path;
    disposers.forEach((d) => d());
    disposers = [];
    const mine = ++generation;
    if (!path || !runnableLanguage(path) || !getDoc(path)) return;
    void taskUsesOf(path).then((uses) => {
      if (mine !== generation) return;
      disposers = uses.map((use) =>
        commands.register({
          id: `scriptRun.runAsTask:${use.workflowPath}:${use.task.name}`,
          category: 'Run',
          title: `Run as Task ▸ ${taskUseLabel(use)}`,
          when: () => editorStore.get().active === path,
          run: () => runAsTask(path, use),
        }),
      );
    });
  };
  const unsubscribe = editorStore.subscribe(update);
  update();
  return () => {
    unsubscribe();
    disposers.forEach((d) => d());
  };
}
