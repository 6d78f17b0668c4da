import { memo } from 'react';
import type { Workflow } from '../../../../shared/model/workflow';
import { Codicon } from '../../../ui/Codicon';
import type { OpResult, WorkflowDocument } from '../model/workflow-document';
import { ReferenceProperties } from './ReferenceProperties';
import { RelationProperties } from './RelationProperties';
import { TaskProperties } from './TaskProperties';
import type { WorkspaceCatalog } from '../use-workspace-catalog';
import { WorkflowProperties } from './WorkflowProperties';

export interface DesignerSelection {
  nodes: string[];
  edges: Array<{ from: string; to: string }>;
}

interface Props {
  /** The workflow file. */
  path: string;
  workflow: Workflow;
  selection: DesignerSelection;
  edit: (op: (doc: WorkflowDocument) => OpResult) => OpResult;
  readOnly: boolean;
  catalog: WorkspaceCatalog;
  onClose(): void;
}

/** Properties of the selected node or relation, or of the workflow when nothing is selected. */
export const PropertiesPanel = memo(function PropertiesPanel({
  path,
  workflow,
  selection,
  edit,
  readOnly,
  catalog,
  onClose,
}: Props) {
  let body;
  let key: string;
  const count = selection.nodes.length + selection.edges.length;
  if (count > 1) {
    key = 'multi';
    body = (
      <div className="prop-empty">
        <Codicon name="layers-active" />
        {selection.nodes.length} nodes and {selection.edges.length} relations selected
      </div>
    );
  } else if (selection.nodes.length === 1) {
    const name = selection.nodes[0];
    const task = workflow.tasks.find((t) => t.name === name);
    const ref = workflow.references.find((r) => r.name === name);
    key = JSON.stringify(task ?? ref ?? name);
    body = task ? (
      <TaskProperties
        task={task}
        periodic={workflow.schedule.type === 'periodic'}
        edit={edit}
        catalog={catalog}
        workflowPath={path}
        workflowParameters={workflow.parameters}
      />
    ) : ref ? (
      <ReferenceProperties reference={ref} edit={edit} />
    ) : null;
  } else if (selection.edges.length === 1) {
    const { from, to } = selection.edges[0];
    const rel = workflow.relations.find((r) => r.from === from && r.to === to);
    key = `${from}->${to}:${rel?.rerun}`;
    body = rel ? <RelationProperties from={from} to={to} rerun={rel.rerun} edit={edit} /> : null;
  } else {
    key = JSON.stringify({ ...workflow, tasks: undefined, relations: undefined, references: undefined });
    body = <WorkflowProperties workflow={workflow} edit={edit} />;
  }
  return (
    <aside className="designer-properties" data-testid="properties-panel" aria-label="Properties">
      <div className="designer-properties-header">
        <span>Properties</span>
        <button
          className="icon-button"
          title="Hide properties"
          aria-label="Hide properties"
          onClick={onClose}
        >
          <Codicon name="close" />
        </button>
      </div>
      <fieldset className="designer-properties-body" disabled={readOnly} key={key}>
        {body}
      </fieldset>
    </aside>
  );
});
