import { useEffect, useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { referencingWorkflows, workflowNameOf } from '../../../shared/workflow-files';
import { closeWorkflowDialog, deleteWorkflow, readOtherWorkflows } from './workflow-actions';

/** Delete with confirmation, warning when other workflows reference this one. */
export function DeleteWorkflowDialog({ path }: { path: string }) {
  const name = workflowNameOf(path);
  const [users, setUsers] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void readOtherWorkflows(path).then((others) => live && setUsers(referencingWorkflows(name, others)));
    return () => {
      live = false;
    };
  }, [path, name]);

  const confirm = async () => {
    setBusy(true);
    if (await deleteWorkflow(path)) closeWorkflowDialog();
    else setBusy(false);
  };

  return (
    <Dialog
      title={`Delete ${name}`}
      testId="delete-workflow-dialog"
      onClose={closeWorkflowDialog}
      footer={
        <>
          <button className="button secondary" onClick={closeWorkflowDialog}>
            Cancel
          </button>
          <button
            className="button danger"
            data-testid="delete-workflow-confirm"
            disabled={busy}
            onClick={() => void confirm()}
          >
            Delete
          </button>
        </>
      }
    >
      <p>
        Delete <code>{path}</code>? This cannot be undone.
      </p>
      {users && users.length > 0 && (
        <div className="form-error" data-testid="delete-workflow-warning">
          Referenced by {users.length} other workflow{users.length === 1 ? '' : 's'}:{' '}
          {users.map(workflowNameOf).join(', ')}. Their references will point at a missing workflow.
        </div>
      )}
    </Dialog>
  );
}
