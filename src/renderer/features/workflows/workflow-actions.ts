import { parse } from 'yaml';
import { workflowSchema, type Workflow } from '../../../shared/model';
import { WORKFLOW_SUFFIX, workflowYaml } from '../../../shared/workflow-files';
import { createStore } from '../../app/store';
import { notifyError } from '../../app/notifications';
import { client } from '../../platform/services';
import { closeTab, openFile } from '../editor';
import { collectFiles, refreshTree, workspaceStore } from '../workspace';

/** Which workflow dialog is open. */
export type WorkflowDialog =
  { kind: 'new' } | { kind: 'clone'; path: string } | { kind: 'delete'; path: string } | null;

export const workflowDialogStore = createStore<WorkflowDialog>(null);

export const showNewWorkflow = (): void => workflowDialogStore.set({ kind: 'new' });
export const showCloneWorkflow = (path: string): void => workflowDialogStore.set({ kind: 'clone', path });
export const showDeleteWorkflow = (path: string): void => workflowDialogStore.set({ kind: 'delete', path });
export const closeWorkflowDialog = (): void => workflowDialogStore.set(null);

/** Paths of every workflow file in the workspace tree. */
export function workflowPaths(): string[] {
  return collectFiles(workspaceStore.get().tree).filter((p) => p.endsWith(WORKFLOW_SUFFIX));
}

/** Reads and validates a workflow file; throws with the first problem. */
export async function readWorkflow(path: string): Promise<Workflow> {
  const { text } = await client.workspace.readFile({ path });
  const parsed = workflowSchema.safeParse(parse(text));
  if (!parsed.success)
    throw new Error(`${path} is not a valid workflow: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** The parsed YAML of every other workflow, for the delete warning (unreadable files are skipped). */
export async function readOtherWorkflows(except: string): Promise<{ path: string; workflow: unknown }[]> {
  const paths = workflowPaths().filter((p) => p !== except);
  const read = await Promise.all(
    paths.map(async (path) => {
      try {
        return { path, workflow: parse((await client.workspace.readFile({ path })).text) as unknown };
      } catch {
        return { path, workflow: null };
      }
    }),
  );
  return read;
}

/** Writes the workflow file and opens it in the designer; false (with a toast) on failure. */
export async function writeWorkflowAndOpen(path: string, wf: Workflow): Promise<boolean> {
  try {
    await client.workspace.writeFile({ path, text: workflowYaml(wf) });
    await refreshTree();
    openFile(path, { preview: false });
    return true;
  } catch (error) {
    notifyError(error, `Could not write ${path}`);
    return false;
  }
}

/** Deletes the workflow file and closes its tab. */
export async function deleteWorkflow(path: string): Promise<boolean> {
  try {
    await client.workspace.delete({ path });
    closeTab(path);
    await refreshTree();
    return true;
  } catch (error) {
    notifyError(error, `Could not delete ${path}`);
    return false;
  }
}
