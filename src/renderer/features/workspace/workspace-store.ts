import type { FileChange, FileEntry, Problem, WorkspaceInfo } from '../../../shared/contract';
import { attempt, dismissWhere, notifyError } from '../../app/notifications';
import { createStore } from '../../app/store';
import { client, connection } from '../../platform/services';

export interface WorkspaceState {
  /** False until the first `workspace.current()` answered (the app shows nothing rather than the welcome page flashing). */
  ready: boolean;
  workspace: WorkspaceInfo | null;
  tree: FileEntry[];
  problems: Problem[];
  /** What the welcome page is doing, to disable buttons while a workspace opens. */
  busy: boolean;
}

export const workspaceStore = createStore<WorkspaceState>({
  ready: false,
  workspace: null,
  tree: [],
  problems: [],
  busy: false,
});

const fileListeners = new Set<(changes: FileChange[]) => void>();

/** Files changed on disk (by the app or another program). */
export function onFilesChanged(listener: (changes: FileChange[]) => void): () => void {
  fileListeners.add(listener);
  return () => fileListeners.delete(listener);
}

let treeTimer: ReturnType<typeof setTimeout> | undefined;
let treeGeneration = 0;

export async function refreshTree(): Promise<void> {
  if (!workspaceStore.get().workspace) return;
  const generation = ++treeGeneration;
  try {
    const tree = await client.workspace.tree();
    if (generation === treeGeneration) workspaceStore.set((s) => ({ ...s, tree }));
  } catch (error) {
    notifyError(error, 'Could not read the workspace files');
  }
}

async function refreshAll(): Promise<void> {
  const workspace = await client.workspace.current();
  workspaceStore.set((s) => ({
    ...s,
    ready: true,
    workspace,
    tree: workspace ? s.tree : [],
    problems: workspace ? s.problems : [],
  }));
  if (workspace) {
    const [, problems] = await Promise.all([refreshTree(), client.workspace.problems()]);
    workspaceStore.set((s) => ({ ...s, problems }));
  }
}

let initialised = false;

/** Subscribes to the workspace events once and reads the current state. */
export function initWorkspace(): void {
  if (initialised) return;
  initialised = true;
  client.workspace.onDidChangeWorkspace((workspace) => {
    workspaceStore.set((s) => ({ ...s, ready: true, workspace, tree: [], problems: [] }));
    if (workspace) {
      void refreshTree();
      void attempt(async () => {
        const problems = await client.workspace.problems();
        workspaceStore.set((s) => ({ ...s, problems }));
      });
    }
  });
  client.workspace.onDidChangeProblems((problems) => workspaceStore.set((s) => ({ ...s, problems })));
  client.workspace.onDidChangeFiles((changes) => {
    // Structure changes (create/delete) need a new tree; batch bursts into one request.
    if (changes.some((c) => c.kind !== 'changed')) {
      clearTimeout(treeTimer);
      treeTimer = setTimeout(() => void refreshTree(), 80);
    }
    for (const l of [...fileListeners]) l(changes);
  });
  connection.onDidReconnect(() => {
    // The service answers again: what said it could not be reached is no longer true.
    dismissWhere((n) => n.severity === 'error' && /^Could not (reach|refresh)/.test(n.message));
    void attempt(refreshAll, 'Could not refresh after reconnecting');
  });
  void refreshAll().catch((error) => {
    workspaceStore.set((s) => ({ ...s, ready: true }));
    notifyError(error, 'Could not reach the workspace service');
  });
}

/** Resolves true when the workspace opened; failures are shown as notifications. */
async function opening(action: () => Promise<WorkspaceInfo | null>, context: string): Promise<boolean> {
  workspaceStore.set((s) => ({ ...s, busy: true }));
  try {
    const workspace = await action();
    if (workspace) {
      // The event normally does this too; setting it here keeps the UI right if the event is late.
      if (workspaceStore.get().workspace?.root !== workspace.root) {
        workspaceStore.set((s) => ({ ...s, workspace, tree: [], problems: [] }));
        void refreshTree();
        const problems = await client.workspace.problems();
        workspaceStore.set((s) => ({ ...s, problems }));
      }
    }
    return true;
  } catch (error) {
    notifyError(error, context);
    return false;
  } finally {
    workspaceStore.set((s) => ({ ...s, busy: false }));
  }
}

export const openSample = (): Promise<boolean> =>
  opening(() => client.workspace.openSample(), 'Could not open the sample workspace');
export const openWorkspace = (root: string): Promise<boolean> =>
  opening(() => client.workspace.open({ root }), `Could not open ${root}`);
export const createWorkspace = (parentDir: string, name: string): Promise<boolean> =>
  opening(() => client.workspace.create({ parentDir, name }), 'Could not create the workspace');

export async function closeWorkspace(): Promise<void> {
  try {
    await client.workspace.close();
    workspaceStore.set((s) => ({ ...s, workspace: null, tree: [], problems: [] }));
  } catch (error) {
    notifyError(error, 'Could not close the workspace');
  }
}
