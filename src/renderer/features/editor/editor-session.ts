import { initEditorSettings } from './editor-settings-store';
import { collectFiles, workspaceStore } from '../workspace';
import { editorStore, type EditorTab } from './editor-store';

/** What comes back after a reload or a restart, per workspace: the open files and the active one. */
interface Session {
  tabs: EditorTab[];
  active: string | null;
}

const keyOf = (root: string): string => `bdp.session:${root}`;
/** Workspace files only: virtual tabs (runs, diffs, resources) are views of state that may be gone. */
const isFile = (path: string): boolean => !path.startsWith('bdp:');

function load(root: string): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(keyOf(root)) ?? 'null') as Session | null;
    return s && Array.isArray(s.tabs) ? s : null;
  } catch {
    return null;
  }
}

/**
 * Keeps each workspace's open editors in localStorage and reopens them (those that still exist)
 * when the workspace opens again, after a reload or a restart. Returns the disposer.
 */
export function startEditorSession(): () => void {
  initEditorSettings();
  let root: string | null = null;
  let restoring: Session | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const save = (): void => {
    clearTimeout(timer);
    const at = root;
    if (!at || restoring) return;
    timer = setTimeout(() => {
      const { tabs, active } = editorStore.get();
      const kept = tabs.filter((t) => isFile(t.path));
      localStorage.setItem(
        keyOf(at),
        JSON.stringify({
          tabs: kept,
          active: active && isFile(active) ? active : (kept[0]?.path ?? null),
        } satisfies Session),
      );
    }, 200);
  };

  const onWorkspace = (): void => {
    const { workspace, tree } = workspaceStore.get();
    const next = workspace?.root ?? null;
    if (next !== root) {
      root = next;
      restoring = next ? load(next) : null;
    }
    // Reopen once the tree has arrived: only files that still exist.
    if (restoring && tree.length > 0 && editorStore.get().tabs.length === 0) {
      const files = new Set(collectFiles(tree));
      const tabs = restoring.tabs.filter((t) => files.has(t.path));
      const active =
        restoring.active && files.has(restoring.active) ? restoring.active : (tabs[0]?.path ?? null);
      restoring = null;
      if (tabs.length > 0)
        editorStore.set((s) => ({
          ...s,
          tabs,
          active,
          mru: active
            ? [active, ...tabs.map((t) => t.path).filter((p) => p !== active)]
            : tabs.map((t) => t.path),
        }));
    } else if (restoring && editorStore.get().tabs.length > 0) {
      restoring = null; // the user opened something first: theirs wins
    }
  };

  const unsubscribeWorkspace = workspaceStore.subscribe(onWorkspace);
  const unsubscribeEditor = editorStore.subscribe(save);
  onWorkspace();
  return () => {
    clearTimeout(timer);
    unsubscribeWorkspace();
    unsubscribeEditor();
  };
}
