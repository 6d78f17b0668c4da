import { applyNodeChanges, Background, BackgroundVariant, MarkerType, ReactFlow, ReactFlowProvider, useNodesInitialized, useReactFlow, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunTask } from '../../../../shared/contract/runner';
import type { Workflow } from '../../../../shared/model/workflow';
import '../designer/designer.css';
import './runs.css';
import { needsAutoLayout } from '../designer/layout/layout-dag';
import { reconcileNodes, workflowGraph, type DesignerNode } from '../designer/model/graph-model';
import type { XY } from '../designer/model/workflow-document';
import { ReferenceNode } from '../designer/ReferenceNode';
import { RelationEdge } from '../designer/RelationEdge';
import { TaskNode, useLevelOfDetail } from '../designer/TaskNode';
import { useAutoLayout } from '../designer/use-auto-layout';

const nodeTypes = { task: TaskNode, reference: ReferenceNode };
const edgeTypes = { relation: RelationEdge };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };

export interface RunGraphProps {
  workflow: Workflow;
  tasks: ReadonlyArray<Pick<RunTask, 'name' | 'status'>>;
  onSelect(task: string): void;
}

function Graph({ workflow, tasks, onSelect }: RunGraphProps) {
  const flow = useReactFlow<DesignerNode>();
  const lod = useLevelOfDetail();
  const initialized = useNodesInitialized();
  const layout = useAutoLayout();
  const [positions, setPositions] = useState<ReadonlyMap<string, XY>>(new Map());
  const laidOut = useRef(false);
  const states = useMemo(() => new Map(tasks.map((t) => [t.name, t.status])), [tasks]);
  const graph = useMemo(() => workflowGraph(workflow, positions, true), [workflow, positions]);
  // The designer's nodes with the instance's states: a badge, and the state colour on the frame.
  const wanted = useMemo(
    () =>
      graph.nodes.map((n) => {
        const state = states.get(n.id);
        return { ...n, className: `run-node run-state-${state ?? 'NONE'}`, draggable: false, data: { ...n.data, status: state ?? (n.type === 'reference' ? 'NONE' : undefined) } } as DesignerNode;
      }),
    [graph.nodes, states],
  );
  // xyflow measures nodes through onNodesChange; the layout needs those sizes.
  const [nodes, setNodes] = useState<DesignerNode[]>([]);
  useEffect(() => setNodes((prev) => reconcileNodes(prev, wanted)), [wanted]);
  useEffect(() => {
    if (!initialized || laidOut.current) return;
    laidOut.current = true;
    // Fitted into its container; nodes switch to their large short form when zoomed out (as in the designer).
    const fit = (): void => void requestAnimationFrame(() => void flow.fitView({ padding: 0.15, maxZoom: 1, minZoom: 0.3 }));
    if (!needsAutoLayout(workflow)) return fit();
    void layout(workflow).then((p) => {
      if (p) setPositions(p);
      fit();
    });
  }, [initialized, workflow, layout, flow]);
  return (
    <ReactFlow
      data-lod={lod}
      nodes={nodes}
      edges={graph.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      onNodesChange={(changes: NodeChange<DesignerNode>[]) => setNodes((n) => applyNodeChanges(changes, n))}
      nodesConnectable={false}
      nodesDraggable={false}
      elementsSelectable={false}
      onNodeClick={(_, n) => onSelect(n.id)}
      proOptions={{ hideAttribution: true }}
      minZoom={0.2}
      maxZoom={1.5}
    >
      <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
    </ReactFlow>
  );
}

/** The instance on the designer's canvas (read-only): every node shows its live state. */
export function RunGraph(props: RunGraphProps) {
  return (
    <div className="run-graph designer-canvas" data-testid="run-graph">
      <ReactFlowProvider>
        <Graph {...props} />
      </ReactFlowProvider>
    </div>
  );
}
