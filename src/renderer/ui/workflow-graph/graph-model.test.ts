import { describe, expect, it } from 'vitest';
import { parseWorkflow } from '../../../shared/model/validate-file';
import { sampleWorkflow } from '../../test-support/sample-workflows';
import { canvasCanOpen, reconcileEdges, reconcileNodes, workflowGraph } from './graph-model';

const FILE = 'workflows/retail/daily_orders.workflow.yaml';
const TEXT = sampleWorkflow('daily_orders');
const wf = parseWorkflow(TEXT, FILE).workflow!;

describe('workflowGraph', () => {
  it('maps tasks to nodes and relations to edges', () => {
    const g = workflowGraph(wf, new Map([['sync_orders', { x: 5, y: 6 }]]));
    expect(g.nodes.map((n) => [n.id, n.type])).toEqual([
      ['sync_orders', 'task'],
      ['clean_orders', 'task'],
      ['aggregate_sales', 'task'],
      ['notify_bi', 'task'],
    ]);
    expect(g.nodes[0].position).toEqual({ x: 5, y: 6 });
    expect(g.nodes[1].data).toMatchObject({ taskType: 'PYTHON', detail: 'clean_orders V1.0.0' });
    expect(g.edges.map((e) => [e.id, e.data?.rerun])).toEqual([
      ['sync_orders->clean_orders', true],
      ['clean_orders->aggregate_sales', true],
      ['aggregate_sales->notify_bi', false],
    ]);
  });

  it('keeps unchanged node and edge objects', () => {
    const a = workflowGraph(wf, new Map());
    const b = workflowGraph(wf, new Map([['notify_bi', { x: 1, y: 1 }]]));
    const nodes = reconcileNodes(a.nodes, b.nodes);
    expect(nodes.slice(0, 3).every((n, i) => n === a.nodes[i])).toBe(true);
    expect(nodes[3]).not.toBe(a.nodes[3]);
    expect(reconcileNodes(a.nodes, workflowGraph(wf, new Map()).nodes)).toBe(a.nodes);
    expect(reconcileEdges(a.edges, b.edges)).toBe(a.edges);
  });
});

describe('canvasCanOpen', () => {
  it('waits for measured nodes, but opens an empty workflow (a new one) at once', () => {
    expect(canvasCanOpen(wf, false)).toBe(false);
    expect(canvasCanOpen(wf, true)).toBe(true);
    expect(canvasCanOpen({ tasks: [], references: [] }, false)).toBe(true);
  });
});
