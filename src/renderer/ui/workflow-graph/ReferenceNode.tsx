import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { Codicon } from '../Codicon';
import type { ReferenceFlowNode } from './graph-model';

/** A Flow Ref / Task Ref: a root, so it has only an outgoing handle. */
export const ReferenceNode = memo(function ReferenceNode({ data, selected }: NodeProps<ReferenceFlowNode>) {
  const label = data.kind === 'flow' ? 'Flow Ref' : 'Task Ref';
  return (
    <div
      className={`designer-node reference-node dz-tone-ref${selected ? ' selected' : ''}`}
      data-testid="designer-node"
      data-name={data.name}
      data-type={data.kind === 'flow' ? 'FLOW_REF' : 'TASK_REF'}
      title={`${data.name}: ${label} → ${data.target}`}
    >
      <div className="designer-node-icon">
        <Codicon name="link" />
      </div>
      <div className="designer-node-body">
        <div className="designer-node-title">
          <span className="designer-node-name">{data.name}</span>
        </div>
        <div className="designer-node-type">
          <span className="designer-node-type-label">
            {label} → {data.target}
          </span>
          {data.status && (
            <span className={`designer-node-status status-${data.status.toLowerCase()}`}>{data.status}</span>
          )}
        </div>
      </div>
      <Handle
        type="source"
        position={Position.Right}
        className="designer-handle"
        isConnectable={!data.readOnly}
      />
    </div>
  );
});
