import { Codicon } from '../../../ui/Codicon';
import type { OpResult, WorkflowDocument } from '../model/workflow-document';
import { PropCheck, PropSection } from './PropField';

type Edit = (op: (doc: WorkflowDocument) => OpResult) => OpResult;

export function RelationProperties({
  from,
  to,
  rerun,
  edit,
}: {
  from: string;
  to: string;
  rerun: boolean;
  edit: Edit;
}) {
  return (
    <>
      <div className="prop-heading">
        <Codicon name="arrow-right" />
        <span className="prop-heading-name">
          {from} → {to}
        </span>
        <span className="prop-heading-kind">Relation</span>
      </div>
      <PropSection title="Relation">
        <PropCheck
          label={`Rerun (${rerun ? 'True' : 'False'})`}
          checked={rerun}
          testId="prop-rerun"
          onChange={(v) => edit((d) => d.setRelationRerun(from, to, v))}
        />
        <div className="prop-hint">
          Matters only for a rerun or pre-run of a node and its downstream: True runs {to} too, False skips
          it.
        </div>
        <button className="prop-button danger" onClick={() => edit((d) => d.removeRelation(from, to))}>
          <Codicon name="trash" /> Delete relation
        </button>
      </PropSection>
    </>
  );
}
