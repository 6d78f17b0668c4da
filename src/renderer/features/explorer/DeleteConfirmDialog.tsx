import { Dialog } from '../../ui/Dialog';
import { useStore } from '../../app/store';
import { askDelete, deletePath, explorerStore } from './explorer-store';

/** "Are you sure you want to delete …?" — deleting is permanent (the workspace is usually in git). */
export function DeleteConfirmDialog() {
  const path = useStore(explorerStore, (s) => s.confirmDelete);
  if (!path) return null;
  return (
    <Dialog
      title="Delete"
      testId="confirm-dialog"
      width={440}
      onClose={() => askDelete(null)}
      footer={
        <>
          <button className="button secondary" onClick={() => askDelete(null)}>
            Cancel
          </button>
          <button
            className="button danger"
            data-testid="confirm-delete"
            data-autofocus
            onClick={() => void deletePath(path)}
          >
            Delete
          </button>
        </>
      }
    >
      <p className="dialog-message">
        Are you sure you want to delete <strong>{path}</strong>?
      </p>
      <p className="dialog-detail">
        This cannot be undone from BDP Studio. If the workspace is a git repository you can restore it from
        there.
      </p>
    </Dialog>
  );
}
