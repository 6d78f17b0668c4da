import { describe, expect, it } from 'vitest';
import type { DagInput } from '../../../../shared/dag';
import {
  DEFAULT_ELK_OPTIONS,
  LAYOUT_OPTIONS,
  layoutOptionsFor,
  inputPortId,
  layoutEdgeId,
  needsAutoLayout,
  outputPortId,
  toLayoutGraph,
  type LayoutResult,
  type NodePlacement,
} from './layout-dag';
import { layoutDag } from './layout-engine';

/** refs -> extract -> clean -> join -> mart, with a reference feeding a late stage. */
const etl: DagInput = {
  references: [{ name: 'upstream_flow' }, { name: 'dim_ref' }],
  tasks: ['extract_a', 'extract_b', 'clean_a', 'clean_b', 'join_ab', 'mart', 'export'].map((name) => ({
    name,
  })),
  relations: [
    { from: 'upstream_flow', to: 'extract_a' },
    { from: 'extract_a', to: 'clean_a' },
    { from: 'extract_b', to: 'clean_b' },
    { from: 'clean_a', to: 'join_ab' },
    { from: 'clean_b', to: 'join_ab' },
    { from: 'join_ab', to: 'mart' },
    { from: 'dim_ref', to: 'mart' },
    { from: 'mart', to: 'export' },
  ],
};

/** A seeded ETL-shaped DAG: stages, fan-in of 1-4 parents, some edges skipping stages. */
function randomDag(n: number, seed: number): DagInput {
  let s = seed;
  const rnd = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const stages = 8;
  const byStage: string[][] = Array.from({ length: stages }, () => []);
  const tasks: Array<{ name: string }> = [];
  const relations: Array<{ from: string; to: string }> = [];
  for (let i = 0; i < n; i++) {
    const stage = i < stages ? i : Math.floor(rnd() * stages);
    const name = `t${i}`;
    tasks.push({ name });
    byStage[stage].push(name);
  }
  byStage.forEach((names, stage) => {
    if (stage === 0) return;
    for (const to of names) {
      const parents = 1 + Math.floor(rnd() * rnd() * 4);
      for (let k = 0; k < parents; k++) {
        const from = byStage[Math.max(0, stage - 1 - Math.floor(rnd() * rnd() * stage))];
        if (from.length > 0) relations.push({ from: from[Math.floor(rnd() * from.length)], to });
      }
    }
  });
  return {
    references: [{ name: 'ref_x' }],
    tasks,
    relations: [...relations, { from: 'ref_x', to: byStage[stages - 1][0] }],
  };
}

function byId(result: LayoutResult): Map<string, NodePlacement> {
  return new Map(result.nodes.map((n) => [n.id, n]));
}

function expectLeftToRight(result: LayoutResult): void {
  const nodes = byId(result);
  for (const e of result.edges) {
    expect(nodes.get(e.target)!.x, `${e.id}`).toBeGreaterThan(nodes.get(e.source)!.x);
  }
}

function expectNoOverlap(result: LayoutResult): void {
  // Sweep by x: only nodes whose x-ranges overlap need a y check.
  const sorted = [...result.nodes].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].x < a.x + a.width; j++) {
      const b = sorted[j];
      const overlap = a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
}

describe('toLayoutGraph', () => {
  it('makes one west input port and one east output port per node, edges between them', () => {
    const g = toLayoutGraph(etl, new Map([['mart', { width: 300, height: 90 }]]));
    expect(g.children.map((n) => n.id)).toEqual([
      'upstream_flow',
      'dim_ref',
      'extract_a',
      'extract_b',
      'clean_a',
      'clean_b',
      'join_ab',
      'mart',
      'export',
    ]);
    const mart = g.children.find((n) => n.id === 'mart')!;
    expect(mart).toMatchObject({
      width: 300,
      height: 90,
      layoutOptions: { 'org.eclipse.elk.portConstraints': 'FIXED_ORDER' },
    });
    expect(mart.ports.map((p) => [p.id, p.layoutOptions['org.eclipse.elk.port.side']])).toEqual([
      [inputPortId('mart'), 'WEST'],
      [outputPortId('mart'), 'EAST'],
    ]);
    expect(g.children.find((n) => n.id === 'export')).toMatchObject({ width: 220, height: 64 });
    expect(g.edges[0]).toEqual({
      id: layoutEdgeId('upstream_flow', 'extract_a'),
      source: 'upstream_flow',
      target: 'extract_a',
      sources: ['upstream_flow:out'],
      targets: ['extract_a:in'],
    });
  });

  it('pins references to the first layer', () => {
    const g = toLayoutGraph(etl);
    const constraint = (id: string): string | undefined =>
      g.children.find((n) => n.id === id)!.layoutOptions?.[
        'org.eclipse.elk.layered.layering.layerConstraint'
      ];
    expect(constraint('dim_ref')).toBe('FIRST');
    expect(constraint('extract_b')).toBeUndefined();
  });

  it('leaves out relations ELK cannot lay out, and FIRST on a reference that has an upstream', () => {
    const g = toLayoutGraph({
      references: [{ name: 'r' }],
      tasks: [{ name: 'a' }, { name: 'b' }],
      relations: [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'b' },
        { from: 'a', to: 'a' },
        { from: 'a', to: 'ghost' },
        { from: 'b', to: 'r' },
      ],
    });
    expect(g.edges.map((e) => e.id)).toEqual(['a->b', 'b->r']);
    expect(g.children[0].layoutOptions?.['org.eclipse.elk.layered.layering.layerConstraint']).toBeUndefined();
  });
});

// ELK on a shared 2-core CI box: a 200-node layout can take seconds.
describe('layoutDag', { timeout: 20_000 }, () => {
  it('lays out left to right with references in the first layer', async () => {
    const result = await layoutDag(toLayoutGraph(etl));
    expectLeftToRight(result);
    expectNoOverlap(result);
    const nodes = byId(result);
    const minX = Math.min(...result.nodes.map((n) => n.x));
    expect(nodes.get('upstream_flow')!.x).toBe(minX);
    // dim_ref feeds only `mart`, four stages right; unpinned it would sit next to it.
    expect(nodes.get('dim_ref')!.x).toBe(minX);
  });

  it('returns top-left positions with the measured sizes, and routes from output to input port', async () => {
    const result = await layoutDag(toLayoutGraph(etl, new Map([['join_ab', { width: 300, height: 100 }]])));
    const nodes = byId(result);
    expect(nodes.get('join_ab')).toMatchObject({ width: 300, height: 100 });
    for (const n of result.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(result.width);
      expect(n.y + n.height).toBeLessThanOrEqual(result.height);
    }
    for (const e of result.edges) {
      const s = nodes.get(e.source)!;
      const t = nodes.get(e.target)!;
      const first = e.points[0];
      const last = e.points[e.points.length - 1];
      expect(first.x).toBeCloseTo(s.x + s.width);
      expect(first.y).toBeCloseTo(s.y + s.height / 2);
      expect(last.x).toBeCloseTo(t.x);
      expect(last.y).toBeCloseTo(t.y + t.height / 2);
    }
  });

  it('is deterministic', async () => {
    const graph = toLayoutGraph(randomDag(120, 7));
    const a = await layoutDag(graph);
    const b = await layoutDag(graph);
    expect(b).toEqual(a);
  });

  it('does not change the graph it is given', async () => {
    const graph = toLayoutGraph(etl);
    const before = structuredClone(graph);
    await layoutDag(graph);
    expect(graph).toEqual(before);
  });

  it('gives a valid layout for a larger ETL-shaped DAG with the chosen and the default options', async () => {
    const dag = randomDag(200, 42);
    const graph = toLayoutGraph(dag);
    for (const options of [LAYOUT_OPTIONS, DEFAULT_ELK_OPTIONS]) {
      const result = await layoutDag(graph, options);
      expect(result.nodes).toHaveLength(201);
      expect(result.edges).toHaveLength(graph.edges.length);
      expectLeftToRight(result);
      expectNoOverlap(result);
    }
    const result = await layoutDag(graph);
    const minX = Math.min(...result.nodes.map((n) => n.x));
    expect(byId(result).get('ref_x')!.x).toBe(minX);
  });

  it('still lays out a workflow with a cycle (it is reported elsewhere)', async () => {
    const result = await layoutDag(
      toLayoutGraph({
        tasks: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
        relations: [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'c' },
          { from: 'c', to: 'a' },
        ],
      }),
    );
    expect(result.nodes).toHaveLength(3);
    expectNoOverlap(result);
  });

  it("rejects with ELK's message for a graph it cannot lay out", async () => {
    const graph = toLayoutGraph({ tasks: [{ name: 'a' }], relations: [] });
    graph.edges.push({ id: 'bad', source: 'a', target: 'zz', sources: ['a:out'], targets: ['zz:in'] });
    await expect(layoutDag(graph)).rejects.toThrow('Referenced shape does not exist: zz:in');
  });

  it('lays out an empty workflow', async () => {
    expect(await layoutDag(toLayoutGraph({ tasks: [], relations: [] }))).toMatchObject({
      nodes: [],
      edges: [],
    });
  });
});

describe('needsAutoLayout', () => {
  it('is true only when no node has a stored position', () => {
    expect(needsAutoLayout({ tasks: [{}, {}] })).toBe(true);
    expect(needsAutoLayout({ tasks: [{}], references: [{ position: { x: 0, y: 0 } }] })).toBe(false);
    expect(needsAutoLayout({ tasks: [{ position: { x: 10, y: 5 } }, {}] })).toBe(false);
  });
});

describe('layoutOptionsFor', () => {
  it('keeps full crossing minimisation for typical workflows and trades it for speed on big ones', () => {
    const t = (n: number): string | undefined => layoutOptionsFor(n)['org.eclipse.elk.layered.thoroughness'];
    expect([t(10), t(200), t(201), t(800), t(801), t(2000)]).toEqual(['7', '7', '2', '2', '1', '1']);
    expect(layoutOptionsFor(10)['org.eclipse.elk.direction']).toBe('RIGHT');
  });
});
