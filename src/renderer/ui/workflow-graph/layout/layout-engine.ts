/**
 * ELK itself (~1.6 MB of GWT output), loaded only by `elk.worker.ts` and by tests: the UI thread
 * never bundles it (`layout-dag.ts` holds what the UI needs).
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import {
  LAYOUT_OPTIONS,
  type EdgeRoute,
  type ElkOptions,
  type LayoutGraph,
  type LayoutResult,
  type NodePlacement,
} from './layout-dag';

type ElkEngine = InstanceType<typeof ELK>;
let engine: ElkEngine | undefined;

/**
 * Loads ELK (~1.6 MB of GWT output) now instead of on the first layout. In a worker, ELK's code
 * claims `self.onmessage` for its own protocol as it loads, so `elk.worker.ts` calls this before
 * installing its handler.
 */
export function loadLayoutEngine(): void {
  elk();
}

function elk(): ElkEngine {
  // elk.bundled.js runs ELK in-process behind the elk-api promise interface: one engine per
  // worker, and the same code path in tests.
  engine ??= new ELK();
  return engine;
}

/**
 * Lays out `graph` with ELK and returns top-left node positions and edge routes, in the order of
 * `graph.children` / `graph.edges`. Deterministic: the same graph and options give the same
 * result. Runs ELK on the calling thread, so call it from `elk.worker.ts`, never from the UI.
 *
 * @param options ELK options for the root; defaults to {@link LAYOUT_OPTIONS}
 * @throws whatever ELK throws for a graph it cannot lay out (e.g. an edge to an unknown port)
 */
export async function layoutDag(
  graph: LayoutGraph,
  options: Readonly<ElkOptions> = LAYOUT_OPTIONS,
): Promise<LayoutResult> {
  const input: ElkNode = {
    id: graph.id,
    layoutOptions: { ...options },
    // Copies: ELK writes x/y and sections into the objects it is given.
    children: graph.children.map((n) => ({
      id: n.id,
      width: n.width,
      height: n.height,
      layoutOptions: n.layoutOptions ? { ...n.layoutOptions } : undefined,
      ports: n.ports.map((p) => ({
        id: p.id,
        width: p.width,
        height: p.height,
        layoutOptions: { ...p.layoutOptions },
      })),
    })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [...e.sources], targets: [...e.targets] })),
  };
  const out = await elk().layout(input);

  const nodes: NodePlacement[] = (out.children ?? []).map((n) => ({
    id: n.id,
    x: n.x ?? 0,
    y: n.y ?? 0,
    width: n.width ?? 0,
    height: n.height ?? 0,
  }));
  const edges: EdgeRoute[] = (out.edges ?? []).map((e, i) => {
    const section = e.sections?.[0];
    const points = section
      ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(({ x, y }) => ({ x, y }))
      : [];
    return { id: e.id, source: graph.edges[i].source, target: graph.edges[i].target, points };
  });
  return { nodes, edges, width: out.width ?? 0, height: out.height ?? 0 };
}
