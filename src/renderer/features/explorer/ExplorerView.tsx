import { Codicon } from '../../ui/Codicon';
import { useStore } from '../../app/store';
import { refreshTree, workspaceStore, findEntry } from '../workspace';
import { collapseAll, explorerStore, newItemParent, startEdit } from './explorer-store';
import { DeleteConfirmDialog } from './DeleteConfirmDialog';
import { ExplorerTree } from './ExplorerTree';

/** Creates a new file or folder next to (or inside) the selected row. */
export function startNewItem(kind: 'new-file' | 'new-folder'): void {
  const selected = explorerStore.get().selected;
  const entry = selected ? findEntry(workspaceStore.get().tree, selected) : undefined;
  startEdit({ kind, parent: newItemParent(entry ? entry.path : null, entry?.kind ?? null) });
}

export function ExplorerView() {
  const name = useStore(workspaceStore, (s) => s.workspace?.name ?? '');
  return (
    <div className="view explorer-view">
      <div className="view-section-header">
        <Codicon name="chevron-down" />
        <span className="view-section-title">{name}</span>
        <div className="view-actions">
          <button
            className="icon-button"
            title="New File…"
            aria-label="New File"
            data-testid="explorer-new-file"
            onClick={() => startNewItem('new-file')}
          >
            <Codicon name="new-file" />
          </button>
          <button
            className="icon-button"
            title="New Folder…"
            aria-label="New Folder"
            data-testid="explorer-new-folder"
            onClick={() => startNewItem('new-folder')}
          >
            <Codicon name="new-folder" />
          </button>
          <button
            className="icon-button"
            title="Refresh Explorer"
            aria-label="Refresh Explorer"
            onClick={() => void refreshTree()}
          >
            <Codicon name="refresh" />
          </button>
          <button
            className="icon-button"
            title="Collapse Folders in Explorer"
            aria-label="Collapse Folders"
            onClick={collapseAll}
          >
            <Codicon name="collapse-all" />
          </button>
        </div>
      </div>
      <ExplorerTree />
      <DeleteConfirmDialog />
    </div>
  );
}
