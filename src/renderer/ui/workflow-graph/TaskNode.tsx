import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { Codicon } from '../Codicon';
import type { TaskFlowNode } from './graph-model';
import { KIND_STYLE } from './node-kinds';
import './workflow-graph.css';

/** Below this zoom nodes show name, type and badges only, larger (designer.css `[data-lod="low"]`). */
const LOD_ZOOM = 0.9;

/** `low` when the canvas is zoomed out far enough that nodes switch to their large, short form. */
export function useLevelOfDetail(): 'low' | 'full' {
  return useStore((st) => (st.transform[2] < LOD_ZOOM ? 'low' : 'full'));
}

export const TaskNode = memo(function TaskNode({ data, selected }: NodeProps<TaskFlowNode>) {
  const style = KIND_STYLE[data.taskType];
  return (
    <div
      className={`designer-node task-node ${style.tone}${selected ? ' selected' : ''}`}
      data-testid="designer-node"
      data-name={data.name}
      data-type={data.taskType}
      title={`${data.name} (${style.label})\n${data.detail}${data.warning ? `\n\n${data.warning}` : ''}`}
    >
      <Handle
        type="target"
        position={Position.Left}
        className="designer-handle"
        isConnectable={!data.readOnly}
      />
      <div className="designer-node-icon">
        <Codicon name={style.icon} />
      </div>
      <div className="designer-node-body">
        <div className="designer-node-title">
          <span className="designer-node-name">{data.name}</span>
          {data.warning && (
            <span
              className="designer-node-warning"
              data-testid="designer-node-warning"
              aria-label={data.warning}
            >
              <Codicon name="warning" />
            </span>
          )}
        </div>
        {/* The state sits on the type's line: the name keeps the node's whole width. */}
        <div className="designer-node-type">
          <span className="designer-node-type-label">{style.label}</span>
          {data.status && (
            <span
              className={`designer-node-status status-${data.status.toLowerCase()}`}
              data-testid="designer-node-status"
            >
              {data.status}
            </span>
          )}
        </div>
        <div className="designer-node-detail">{data.detail}</div>
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
