import { Codicon } from '../../ui/Codicon';
import type { MenuEntry } from '../../ui/ContextMenu';
import { showCloneWorkflow, showDeleteWorkflow, showNewWorkflow } from './workflow-actions';
import { FileListView } from './FileListView';

const menu = (path: string): MenuEntry[] => [
  { label: 'Clone Workflow…', run: () => showCloneWorkflow(path) },
  'separator',
  { label: 'Delete Workflow…', run: () => showDeleteWorkflow(path) },
];

function ItemActions({ path }: { path: string }) {
  return (
    <span className="list-actions">
      <button
        className="icon-button"
        title="Clone Workflow…"
        aria-label="Clone Workflow"
        data-testid="workflow-clone"
        onClick={(e) => (e.stopPropagation(), showCloneWorkflow(path))}
        onDoubleClick={(e) => e.stopPropagation()}
      >
        <Codicon name="copy" />
      </button>
      <button
        className="icon-button"
        title="Delete Workflow…"
        aria-label="Delete Workflow"
        data-testid="workflow-delete"
        onClick={(e) => (e.stopPropagation(), showDeleteWorkflow(path))}
        onDoubleClick={(e) => e.stopPropagation()}
      >
        <Codicon name="trash" />
      </button>
    </span>
  );
}

export function WorkflowsView() {
  return (
    <FileListView
      suffix=".workflow.yaml"
      icon="type-hierarchy-sub"
      tone="workflow"
      noun="workflow"
      testId="workflows-list"
      emptyDetail="Workflows are files named <name>.workflow.yaml under workflows/. Create one with New Workflow…."
      toolbar={
        <div className="view-toolbar">
          <button className="button secondary" data-testid="workflow-new" onClick={showNewWorkflow}>
            <Codicon name="add" /> New Workflow…
          </button>
        </div>
      }
      itemMenu={menu}
      itemActions={(path) => <ItemActions path={path} />}
    />
  );
}
