import { FileListView } from './FileListView';

export function WorkflowsView() {
  return (
    <FileListView
      suffix=".workflow.yaml"
      icon="type-hierarchy-sub"
      tone="workflow"
      noun="workflow"
      testId="workflows-list"
      emptyDetail="Workflows are files named <name>.workflow.yaml under workflows/. Create one from the Explorer."
    />
  );
}
