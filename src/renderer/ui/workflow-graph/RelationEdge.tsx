import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useGraphActions } from './graph-actions';
import type { RelationFlowEdge } from './graph-model';

/** A relation with its rerun flag as a clickable True/False label; False is drawn dashed. */
export const RelationEdge = memo(function RelationEdge(props: EdgeProps<RelationFlowEdge>) {
  const {
    source,
    target,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    selected,
    markerEnd,
  } = props;
  const actions = useGraphActions();
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const rerun = data?.rerun !== false;
  return (
    <>
      <BaseEdge
        path={path}
        markerEnd={markerEnd}
        className={`relation-edge${rerun ? '' : ' rerun-false'}${selected ? ' selected' : ''}`}
      />
      <EdgeLabelRenderer>
        <button
          className={`relation-label nodrag nopan${rerun ? '' : ' rerun-false'}${selected ? ' selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid="designer-edge"
          data-from={source}
          data-to={target}
          data-rerun={String(rerun)}
          title={
            rerun
              ? 'Rerun: True — a rerun of the upstream node runs this downstream too. Click to set False.'
              : 'Rerun: False — a rerun of the upstream node skips this downstream. Click to set True.'
          }
          disabled={data?.readOnly}
          onClick={() => actions.toggleRerun(source, target)}
        >
          {rerun ? 'True' : 'False'}
        </button>
      </EdgeLabelRenderer>
    </>
  );
});
