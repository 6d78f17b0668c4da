import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { referencingWorkflows, workflowNameOf } from '../../../shared/workflow-files';
import { closeWorkflowDialog, deleteWorkflow, readOtherWorkflows } from './workflow-actions';

/** Delete with confirmation, warning when other workflows reference this one. */
export function DeleteWorkflowDialog({ path }: { path: string }) {
  const name = workflowNameOf(path);
  const [users, setUsers] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    void readOtherWorkflows(path).then((others) => live && setUsers(referencingWorkflows(name, others)));
    return () => {
      live = false;
    };
  }, [path, name]);

  return (
    <ConfirmDialog
      title={`Delete ${name}`}
      confirmLabel="Delete"
      danger
      testId="delete-workflow-dialog"
      confirmTestId="delete-workflow-confirm"
      onConfirm={() => deleteWorkflow(path)}
      onClose={closeWorkflowDialog}
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
    </ConfirmDialog>
  );
}
