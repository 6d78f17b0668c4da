/**
 * The layout graph of a workflow DAG for ELK `layered`, left to right: ELK JSON in, top-left node
 * positions and edge routes out, and the options. ELK itself (`layout-engine.ts`) runs only in
 * `elk.worker.ts` (see `layout-client.ts`); this module stays light for the UI thread.
 */
import type { DagInput } from '../../../../shared/dag';

/** ELK layout options: fully qualified option id -> value, as ELK JSON wants them. */
export type ElkOptions = Record<string, string>;

/** A handle of a node as an ELK port. `FIXED_ORDER` on the node keeps it on `side`. */
export interface LayoutPort {
  id: string;
  width: number;
  height: number;
  layoutOptions: ElkOptions;
}

/** A node with its measured size (xyflow's `node.measured`). */
export interface LayoutNode {
  id: string;
  width: number;
  height: number;
  ports: LayoutPort[];
  layoutOptions?: ElkOptions;
}

/** An edge between an output port and an input port. */
export interface LayoutEdge {
  id: string;
  /** The source node id (ELK itself only sees the port ids). */
  source: string;
  target: string;
  sources: [string];
  targets: [string];
}

/** The ELK JSON graph `layoutDag` lays out: flat (no compound nodes), ports on every node. */
export interface LayoutGraph {
  id: string;
  children: LayoutNode[];
  edges: LayoutEdge[];
}

export interface Point {
  x: number;
  y: number;
}

/** A node's place: top-left corner, as xyflow's `node.position` wants it. */
export interface NodePlacement extends Point {
  id: string;
  width: number;
  height: number;
}

/** An edge's route from its source port to its target port, bend points in between. */
export interface EdgeRoute {
  id: string;
  source: string;
  target: string;
  points: Point[];
}

/** Arrays in input order rather than records: node names like `__proto__` are valid workflow names. */
export interface LayoutResult {
  nodes: NodePlacement[];
  edges: EdgeRoute[];
  width: number;
  height: number;
}

/** ELK's own behaviour for `layered` left to right; the baseline in `scripts/bench-layout.mjs`. */
export const DEFAULT_ELK_OPTIONS: Readonly<ElkOptions> = Object.freeze({
  'org.eclipse.elk.algorithm': 'layered',
  'org.eclipse.elk.direction': 'RIGHT',
});

/**
 * The options BDP Studio lays workflows out with. Measured in docs/benchmarks.md ("Graph layout"):
 * a 1,000-node workflow takes about half the time of {@link DEFAULT_ELK_OPTIONS} in the worker
 * (~1.2 s instead of ~2.4 s on a 2-core box).
 */
export const LAYOUT_OPTIONS: Readonly<ElkOptions> = Object.freeze({
  'org.eclipse.elk.algorithm': 'layered',
  // Data flows left to right, as in DolphinScheduler and EnOS designers; handles sit west/east.
  'org.eclipse.elk.direction': 'RIGHT',
  // The speed knob. Crossing minimisation restarts its layer sweep `thoroughness` times and
  // network-simplex layering scales its iteration budget with it; at the default 7 those two
  // phases are ~70% of a 1,000-node layout. 2 halves the total time with crossings within ~10%
  // of 7 on ETL-shaped DAGs; 1 is only ~10% faster again but has ~30% more crossings.
  'org.eclipse.elk.layered.thoroughness': '2',
  // One layering for the whole workflow instead of laying out each connected component alone and
  // packing the results into rows: independent chains then share the stage columns and stack
  // vertically instead of being placed side by side at arbitrary x (the 1,000-node bench graph
  // gets half as wide). Not slower in our measurements.
  'org.eclipse.elk.separateConnectedComponents': 'false',
  'org.eclipse.elk.randomSeed': '1',
  // Spacing for 220x64 cards: room for edge bends between columns, a visible gap within one.
  'org.eclipse.elk.layered.spacing.nodeNodeBetweenLayers': '80',
  'org.eclipse.elk.spacing.nodeNode': '32',
  'org.eclipse.elk.spacing.edgeNode': '16',
  'org.eclipse.elk.spacing.edgeEdge': '8',
  // The graph origin is the canvas origin; fitView frames it.
  'org.eclipse.elk.padding': '[top=0,left=0,bottom=0,right=0]',
});

/**
 * {@link LAYOUT_OPTIONS} tuned to the graph's size: ELK's full crossing minimisation where it is
 * cheap (≤ 200 nodes, under 0.2 s — almost every real workflow), the measured 2 up to 800 nodes,
 * and 1 beyond, which keeps headroom under the 1.5 s budget at 1,000 nodes on a loaded machine.
 */
export function layoutOptionsFor(nodeCount: number): Readonly<ElkOptions> {
  const thoroughness = nodeCount <= 200 ? '7' : nodeCount <= 800 ? '2' : '1';
  return { ...LAYOUT_OPTIONS, 'org.eclipse.elk.layered.thoroughness': thoroughness };
}

/** Size used for a node the canvas has not measured yet (a task card). */
export const DEFAULT_NODE_SIZE: Readonly<{ width: number; height: number }> = Object.freeze({
  width: 220,
  height: 64,
});

/** The ELK port id of a node's input handle (`:` cannot occur in a workflow name). */
export function inputPortId(nodeId: string): string {
  return `${nodeId}:in`;
}

/** The ELK port id of a node's output handle. */
export function outputPortId(nodeId: string): string {
  return `${nodeId}:out`;
}

/** The edge id of relation `from -> to` (`>` cannot occur in a workflow name). */
export function layoutEdgeId(from: string, to: string): string {
  return `${from}->${to}`;
}

/**
 * Whether a workflow should be auto laid out when it is opened: its file stores no node
 * position at all. Positions are saved only once the user moved or laid out nodes, so a file
 * with some positions keeps them and lays out only on demand.
 */
export function needsAutoLayout(workflow: {
  tasks: ReadonlyArray<{ position?: Point }>;
  references?: ReadonlyArray<{ position?: Point }>;
}): boolean {
  return ![...(workflow.references ?? []), ...workflow.tasks].some((n) => n.position !== undefined);
}

function port(id: string, side: 'WEST' | 'EAST'): LayoutPort {
  // Zero-size ports at the middle of the side: edge routes then end exactly where xyflow's
  // default Left/Right handles are.
  return { id, width: 0, height: 0, layoutOptions: { 'org.eclipse.elk.port.side': side } };
}

/**
 * The layout graph of a workflow: tasks and references are nodes (references first, then tasks,
 * in file order), relations are edges from the source's output port to the target's input port.
 * References are pinned to the first layer. Relations ELK cannot lay out (unknown endpoints,
 * self-loops, duplicates) are left out; the Problems view reports them.
 *
 * @param workflow the workflow, or any graph with the same shape
 * @param measuredSizes `node.measured` per node id; missing nodes get {@link DEFAULT_NODE_SIZE}
 */
export function toLayoutGraph(
  workflow: DagInput,
  measuredSizes: ReadonlyMap<string, { width?: number; height?: number }> = new Map(),
): LayoutGraph {
  const children: LayoutNode[] = [];
  const isReference = new Map<string, boolean>();
  const add = (id: string, reference: boolean): void => {
    if (isReference.has(id)) return;
    isReference.set(id, reference);
    const size = measuredSizes.get(id);
    children.push({
      id,
      width: positive(size?.width) ?? DEFAULT_NODE_SIZE.width,
      height: positive(size?.height) ?? DEFAULT_NODE_SIZE.height,
      ports: [port(inputPortId(id), 'WEST'), port(outputPortId(id), 'EAST')],
      layoutOptions: { 'org.eclipse.elk.portConstraints': 'FIXED_ORDER' },
    });
  };
  for (const r of workflow.references ?? []) add(r.name, true);
  for (const t of workflow.tasks) add(t.name, false);

  const edges: LayoutEdge[] = [];
  const edgeIds = new Set<string>();
  const hasIncoming = new Set<string>();
  for (const { from, to } of workflow.relations) {
    const id = layoutEdgeId(from, to);
    if (from === to || !isReference.has(from) || !isReference.has(to) || edgeIds.has(id)) continue;
    edgeIds.add(id);
    edges.push({ id, source: from, target: to, sources: [outputPortId(from)], targets: [inputPortId(to)] });
    hasIncoming.add(to);
  }

  for (const node of children) {
    // ELK rejects FIRST on a node with incoming edges; a reference with one is already an error.
    if (isReference.get(node.id) && !hasIncoming.has(node.id)) {
      node.layoutOptions = {
        ...node.layoutOptions,
        'org.eclipse.elk.layered.layering.layerConstraint': 'FIRST',
      };
    }
  }
  return { id: 'root', children, edges };
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}
