import type { Edge, Node } from '@xyflow/react';
import { layoutEdgeId } from './layout/layout-dag';
import type { Task, TaskType, Workflow } from '../../../shared/model/workflow';

export interface XY {
  x: number;
  y: number;
}

export interface TaskNodeData extends Record<string, unknown> {
  name: string;
  taskType: TaskType;
  /** Resource and version, script path, or what the task runs. */
  detail: string;
  /** Run status for the badge (filled by the runs feature). */
  status?: string;
  /** Workspace warnings about the task, one per line (a command path the published task will not have, ...). */
  warning?: string;
  readOnly?: boolean;
}

export interface ReferenceNodeData extends Record<string, unknown> {
  name: string;
  kind: 'flow' | 'task';
  /** `daily_orders` or `daily_orders.sync_orders`. */
  target: string;
  status?: string;
  readOnly?: boolean;
}

export type TaskFlowNode = Node<TaskNodeData, 'task'>;
export type ReferenceFlowNode = Node<ReferenceNodeData, 'reference'>;
export type DesignerNode = TaskFlowNode | ReferenceFlowNode;

export interface RelationEdgeData extends Record<string, unknown> {
  rerun: boolean;
  readOnly?: boolean;
}
export type RelationFlowEdge = Edge<RelationEdgeData, 'relation'>;

export const TASK_TYPE_LABEL: Record<TaskType, string> = {
  DATA_SYNC: 'Data Sync',
  SHELL: 'SHELL',
  PYTHON: 'PYTHON',
  EXTERNAL_APP: 'External APP',
};

export function taskDetail(task: Task): string {
  switch (task.type) {
    case 'SHELL':
    case 'PYTHON':
      if (task.resource) return `${task.resource.name} ${task.resource.version}`;
      if (task.script) return task.script;
      return (task.command ?? '').split('\n')[0];
    case 'DATA_SYNC': {
      const src = task.sync.source.table ?? task.sync.source.path ?? '';
      return `${task.sync.source.connection}:${src} → ${task.sync.target.table}`;
    }
    case 'EXTERNAL_APP':
      return `${task.app.method} ${task.app.domain}${task.app.command}`;
  }
}

/** Where nodes without a stored or laid-out position go until a layout places them: a simple grid. */
function fallback(index: number): XY {
  return { x: (index % 4) * 280, y: Math.floor(index / 4) * 120 };
}

/** The canvas graph of a workflow: stored positions first, then laid-out view positions, then a grid. */
/**
 * Whether the canvas can open the workflow: once xyflow has measured its nodes, or at once when it
 * has none (xyflow never reports an empty graph as initialised, and a new workflow starts empty).
 */
export function canvasCanOpen(
  wf: Pick<Workflow, 'tasks' | 'references'>,
  nodesInitialized: boolean,
): boolean {
  return nodesInitialized || (wf.tasks.length === 0 && wf.references.length === 0);
}

export function workflowGraph(
  wf: Workflow,
  viewPositions: ReadonlyMap<string, XY>,
  readOnly = false,
  warnings: ReadonlyMap<string, string> = new Map(),
): { nodes: DesignerNode[]; edges: RelationFlowEdge[] } {
  const nodes: DesignerNode[] = [];
  let i = 0;
  for (const r of wf.references) {
    nodes.push({
      id: r.name,
      type: 'reference',
      position: r.position ?? viewPositions.get(r.name) ?? fallback(i),
      data: {
        name: r.name,
        kind: r.kind,
        target: r.kind === 'task' ? `${r.workflow}.${r.task}` : r.workflow,
        readOnly,
      },
    });
    i++;
  }
  for (const t of wf.tasks) {
    nodes.push({
      id: t.name,
      type: 'task',
      position: t.position ?? viewPositions.get(t.name) ?? fallback(i),
      data: {
        name: t.name,
        taskType: t.type,
        detail: taskDetail(t),
        readOnly,
        ...(warnings.has(t.name) ? { warning: warnings.get(t.name) } : {}),
      },
    });
    i++;
  }
  const seen = new Set<string>();
  const edges: RelationFlowEdge[] = [];
  for (const rel of wf.relations) {
    const id = layoutEdgeId(rel.from, rel.to);
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({
      id,
      source: rel.from,
      target: rel.to,
      type: 'relation',
      data: { rerun: rel.rerun, readOnly },
    });
  }
  return { nodes, edges };
}

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.is(a[k], b[k]));
}

/**
 * Keeps the previous object of every node whose content did not change, so memoised node
 * components do not re-render; carries over what xyflow owns (measured size, selection).
 */
export function reconcileNodes(prev: readonly DesignerNode[], next: DesignerNode[]): DesignerNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  let same = prev.length === next.length;
  const out = next.map((n, idx) => {
    const old = byId.get(n.id);
    if (!old) {
      same = false;
      return n;
    }
    if (
      old.type === n.type &&
      old.position.x === n.position.x &&
      old.position.y === n.position.y &&
      shallowEqual(old.data, n.data)
    ) {
      if (prev[idx] !== old) same = false;
      return old;
    }
    same = false;
    return { ...n, selected: old.selected, measured: old.measured } as DesignerNode;
  });
  return same ? (prev as DesignerNode[]) : out;
}

export function reconcileEdges(
  prev: readonly RelationFlowEdge[],
  next: RelationFlowEdge[],
): RelationFlowEdge[] {
  const byId = new Map(prev.map((e) => [e.id, e]));
  let same = prev.length === next.length;
  const out = next.map((e, idx) => {
    const old = byId.get(e.id);
    if (old && old.data && e.data && shallowEqual(old.data, e.data)) {
      if (prev[idx] !== old) same = false;
      return old;
    }
    same = false;
    return old ? { ...e, selected: old.selected } : e;
  });
  return same ? (prev as RelationFlowEdge[]) : out;
}
