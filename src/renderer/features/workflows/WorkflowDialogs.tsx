import { useStore } from '../../app/store';
import { CloneWorkflowDialog } from './CloneWorkflowDialog';
import { DeleteWorkflowDialog } from './DeleteWorkflowDialog';
import { NewWorkflowDialog } from './NewWorkflowDialog';
import { workflowDialogStore } from './workflow-actions';

/** Hosts the New / Clone / Delete workflow dialogs (mounted once, beside the workbench). */
export function WorkflowDialogs() {
  const dialog = useStore(workflowDialogStore, (s) => s);
  if (!dialog) return null;
  if (dialog.kind === 'new') return <NewWorkflowDialog />;
  if (dialog.kind === 'clone') return <CloneWorkflowDialog key={dialog.path} path={dialog.path} />;
  return <DeleteWorkflowDialog key={dialog.path} path={dialog.path} />;
}
