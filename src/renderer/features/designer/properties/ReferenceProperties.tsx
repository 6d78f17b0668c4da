import type { Reference } from '../../../../shared/model/workflow';
import { Codicon } from '../../../ui/Codicon';
import type { OpResult, WorkflowDocument } from '../model/workflow-document';
import { PropField, PropSection } from './PropField';

type Edit = (op: (doc: WorkflowDocument) => OpResult) => OpResult;
const reasonOf = (r: OpResult): string | null => (r.ok ? null : r.reason);

export function ReferenceProperties({ reference, edit }: { reference: Reference; edit: Edit }) {
  const name = reference.name;
  return (
    <>
      <div className="prop-heading dz-tone-ref">
        <Codicon name="link" />
        <span className="prop-heading-name">{name}</span>
        <span className="prop-heading-kind">{reference.kind === 'flow' ? 'Flow Ref' : 'Task Ref'}</span>
      </div>
      <PropSection title="Reference">
        <PropField
          label="Name"
          value={name}
          testId="prop-name"
          onCommit={(v) => reasonOf(edit((d) => d.renameNode(name, v.trim())))}
        />
        <PropField
          label="Workflow"
          value={reference.workflow}
          onCommit={(v) => reasonOf(edit((d) => d.updateReference(name, { workflow: v.trim() })))}
        />
        {reference.kind === 'task' && (
          <PropField
            label="Task"
            value={reference.task}
            hint="The task needs Allow Reference in a periodic workflow."
            onCommit={(v) => reasonOf(edit((d) => d.updateReference(name, { task: v.trim() })))}
          />
        )}
        <div className="prop-hint">
          A reference is a root node: downstream tasks wait until the referenced run has finished.
        </div>
      </PropSection>
    </>
  );
}
