import { attempt, notifyError } from '../../app/notifications';
import { createStore } from '../../app/store';
import { client } from '../../platform/services';
import { closePathsUnder, openFile, renamePaths } from '../editor';
import { classifyWorkspaceFile } from '../../../shared/model/validate-file';
import { localDate, newWorkflow, workflowYaml } from '../../../shared/workflow-files';
import { refreshTree, workspaceStore, ancestors, joinPath, parentPath, type PendingEdit } from '../workspace';

export interface ExplorerState {
  expanded: ReadonlySet<string>;
  /** The focused/selected row. */
  selected: string | null;
  pending: PendingEdit | null;
  /** Asked to confirm deleting this path. */
  confirmDelete: string | null;
}

export const explorerStore = createStore<ExplorerState>({
  expanded: new Set(),
  selected: null,
  pending: null,
  confirmDelete: null,
});

const expandedKey = (root: string): string => `bdp.explorer.expanded:${root}`;

let root: string | undefined;
workspaceStore.subscribe(() => {
  const next = workspaceStore.get().workspace?.root;
  if (next === root) return;
  root = next;
  let expanded = new Set<string>();
  try {
    if (next) expanded = new Set(JSON.parse(localStorage.getItem(expandedKey(next)) ?? '[]') as string[]);
  } catch {
    expanded = new Set();
  }
  explorerStore.set({ expanded, selected: null, pending: null, confirmDelete: null });
});

function saveExpanded(expanded: ReadonlySet<string>): void {
  if (!root) return;
  try {
    localStorage.setItem(expandedKey(root), JSON.stringify([...expanded]));
  } catch {
    // Convenience only.
  }
}

function setExpanded(expanded: Set<string>): void {
  saveExpanded(expanded);
  explorerStore.set((s) => ({ ...s, expanded }));
}

export function toggleExpanded(path: string, open?: boolean): void {
  const expanded = new Set(explorerStore.get().expanded);
  const isOpen = expanded.has(path);
  if (open ?? !isOpen) expanded.add(path);
  else expanded.delete(path);
  setExpanded(expanded);
}

export function collapseAll(): void {
  setExpanded(new Set());
}

export function select(path: string | null): void {
  explorerStore.set((s) => (s.selected === path ? s : { ...s, selected: path }));
}

/** Expands the folders above a file and selects it. */
export function revealInExplorer(path: string): void {
  const expanded = new Set(explorerStore.get().expanded);
  for (const a of ancestors(path)) expanded.add(a);
  setExpanded(expanded);
  select(path);
}

export function startEdit(pending: PendingEdit | null): void {
  explorerStore.set((s) => ({ ...s, pending }));
}

/** Where a new item goes when `target` is selected: into a folder, or beside a file. */
export function newItemParent(target: string | null, targetKind: 'file' | 'dir' | null): string {
  if (!target) return '';
  return targetKind === 'dir' ? target : parentPath(target);
}

/** What a new file starts with: a workflow file a valid empty manual workflow named after it, anything else nothing. */
function initialText(path: string): string {
  if (classifyWorkspaceFile(path) !== 'workflow') return '';
  try {
    return workflowYaml(
      newWorkflow(
        path.slice(path.lastIndexOf('/') + 1).replace(/\.workflow\.yaml$/, ''),
        'manual',
        localDate(new Date()),
      ),
    );
  } catch {
    return ''; // a file name that is not a valid workflow name: the file's problems say why
  }
}

/** Commits the inline name box. Returns the created/renamed path, or null on failure. */
export async function commitEdit(name: string): Promise<string | null> {
  const pending = explorerStore.get().pending;
  if (!pending) return null;
  startEdit(null);
  const trimmed = name.trim();
  try {
    if (pending.kind === 'rename') {
      const to = joinPath(parentPath(pending.path), trimmed);
      if (to === pending.path) return pending.path;
      await client.workspace.rename({ from: pending.path, to });
      renamePaths(pending.path, to);
      select(to);
      await refreshTree();
      return to;
    }
    const path = joinPath(pending.parent, trimmed);
    if (pending.kind === 'new-folder') await client.workspace.createDirectory({ path });
    else await client.workspace.writeFile({ path, text: initialText(path) });
    revealInExplorer(path);
    await refreshTree();
    // A new file opens at once, its text focused, so typing (and Ctrl+S) go to it and not to the editor shown before.
    if (pending.kind === 'new-file')
      openFile(
        path,
        classifyWorkspaceFile(path) === 'workflow' ? { preview: false } : { preview: false, line: 1 },
      );
    return path;
  } catch (error) {
    notifyError(error, pending.kind === 'rename' ? 'Could not rename' : 'Could not create');
    return null;
  }
}

export function askDelete(path: string | null): void {
  explorerStore.set((s) => ({ ...s, confirmDelete: path }));
}

export async function deletePath(path: string): Promise<void> {
  askDelete(null);
  const ok = await attempt(async () => {
    await client.workspace.delete({ path });
    return true;
  }, `Could not delete ${path}`);
  if (ok) {
    closePathsUnder(path);
    if (explorerStore.get().selected === path) select(parentPath(path) || null);
    await refreshTree();
  }
}
