import { useEffect } from 'react';
import { editorStore } from '../features/editor/editor-store';
import { workspaceStore } from '../features/workspace/workspace-store';
import { useStore } from './store';

/** `daily_orders.workflow.yaml — retail-analytics — BDP Studio`, like VS Code's window title. */
export function useWindowTitle(): void {
  const workspace = useStore(workspaceStore, (s) => s.workspace?.name ?? null);
  const active = useStore(editorStore, (s) => s.active);
  useEffect(() => {
    const file = active ? active.slice(active.lastIndexOf('/') + 1) : null;
    document.title = [file, workspace, 'BDP Studio'].filter(Boolean).join(' — ');
  }, [workspace, active]);
}
