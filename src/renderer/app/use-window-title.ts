import { useEffect } from 'react';
import { documentStore, editorStore } from '../features/editor';
import { workspaceStore } from '../features/workspace';
import { useStore } from './store';

/** `● daily_orders.workflow.yaml — retail-analytics — BDP Studio` (● = unsaved), like VS Code's window title. */
export function useWindowTitle(): void {
  const workspace = useStore(workspaceStore, (s) => s.workspace?.name ?? null);
  const active = useStore(editorStore, (s) => s.active);
  const dirty = useStore(documentStore, (s) => (active ? s[active]?.dirty === true : false));
  useEffect(() => {
    const file = active ? (dirty ? '● ' : '') + active.slice(active.lastIndexOf('/') + 1) : null;
    document.title = [file, workspace, 'BDP Studio'].filter(Boolean).join(' — ');
  }, [workspace, active, dirty]);
}
