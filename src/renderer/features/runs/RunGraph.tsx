import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunTask } from '../../../shared/contract/runner';
import type { Workflow } from '../../../shared/model/workflow';
import './runs.css';
import {
  reconcileNodes,
  workflowGraph,
  type DesignerNode,
  type XY,
} from '../../ui/workflow-graph/graph-model';
import { needsAutoLayout } from '../../ui/workflow-graph/layout/layout-dag';
import { ReferenceNode } from '../../ui/workflow-graph/ReferenceNode';
import { RelationEdge } from '../../ui/workflow-graph/RelationEdge';
import { TaskNode, useLevelOfDetail } from '../../ui/workflow-graph/TaskNode';
import { useAutoLayout } from '../../ui/workflow-graph/use-auto-layout';

const nodeTypes = { task: TaskNode, reference: ReferenceNode };
const edgeTypes = { relation: RelationEdge };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };

export interface RunGraphProps {
  workflow: Workflow;
  tasks: ReadonlyArray<Pick<RunTask, 'name' | 'status'>>;
  onSelect(task: string): void;
}

const MIN_HEIGHT = 140;
const MAX_HEIGHT = 420;
const PADDING = 0.15;
/** Readable zoom for a graph shown whole: wider graphs scroll by panning instead. */
const MIN_ZOOM = 0.6;

interface FrameProps {
  height: number;
  onHeight(px: number): void;
  frameWidth(): number;
}

function Graph({ workflow, tasks, onSelect, height, onHeight, frameWidth }: RunGraphProps & FrameProps) {
  const flow = useReactFlow<DesignerNode>();
  const lod = useLevelOfDetail();
  const initialized = useNodesInitialized();
  const layout = useAutoLayout();
  const [positions, setPositions] = useState<ReadonlyMap<string, XY>>(new Map());
  const laidOut = useRef(false);
  const [fitSeq, setFitSeq] = useState(0);
  // Once the frame has its new height: fit into it.
  useEffect(() => {
    if (fitSeq === 0) return;
    const frame = requestAnimationFrame(
      () => void flow.fitView({ padding: PADDING, maxZoom: 1, minZoom: 0.3 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [fitSeq, height, flow]);
  const states = useMemo(() => new Map(tasks.map((t) => [t.name, t.status])), [tasks]);
  const graph = useMemo(() => workflowGraph(workflow, positions, true), [workflow, positions]);
  // The designer's nodes with the instance's states: a badge, and the state colour on the frame.
  const wanted = useMemo(
    () =>
      graph.nodes.map((n) => {
        const state = states.get(n.id);
        return {
          ...n,
          className: `run-node run-state-${state ?? 'NONE'}`,
          draggable: false,
          data: { ...n.data, status: state ?? (n.type === 'reference' ? 'NONE' : undefined) },
        } as DesignerNode;
      }),
    [graph.nodes, states],
  );
  // xyflow measures nodes through onNodesChange; the layout needs those sizes.
  const [nodes, setNodes] = useState<DesignerNode[]>([]);
  useEffect(() => setNodes((prev) => reconcileNodes(prev, wanted)), [wanted]);
  useEffect(() => {
    if (!initialized || laidOut.current) return;
    laidOut.current = true;
    // The frame takes the height the graph needs at the zoom its width allows (not a fixed strip), then fits.
    const fit = (): void =>
      void requestAnimationFrame(() => {
        const bounds = flow.getNodesBounds(flow.getNodes());
        const width = frameWidth();
        if (!width || bounds.width <= 0) return;
        const zoom = Math.max(MIN_ZOOM, Math.min(1, (width * (1 - 2 * PADDING)) / bounds.width));
        onHeight(
          Math.round(Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, (bounds.height * zoom) / (1 - 2 * PADDING)))),
        );
        setFitSeq((n) => n + 1);
      });
    if (!needsAutoLayout(workflow)) return fit();
    void layout(workflow).then((p) => {
      if (p) setPositions(p);
      fit();
    });
  }, [initialized, workflow, layout, flow, onHeight, frameWidth]);
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
  const [height, setHeight] = useState(260);
  const frame = useRef<HTMLDivElement>(null);
  const frameWidth = useCallback(() => frame.current?.clientWidth ?? 0, []);
  return (
    <div className="run-graph designer-canvas" data-testid="run-graph" style={{ height }} ref={frame}>
      <ReactFlowProvider>
        <Graph {...props} height={height} onHeight={setHeight} frameWidth={frameWidth} />
      </ReactFlowProvider>
    </div>
  );
}
