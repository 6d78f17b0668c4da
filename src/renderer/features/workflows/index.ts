export { WorkflowDialogs } from './WorkflowDialogs';
export { showCloneWorkflow, showDeleteWorkflow, showNewWorkflow } from './workflow-actions';
export { WorkflowsView } from './WorkflowsView';
