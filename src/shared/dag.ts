/**
 * The workflow graph: tasks and references are nodes, relations are edges. Pure; every function
 * is O(V+E) (topological order adds a log factor for its stable tie-break).
 */

/** The part of a workflow the graph needs; a parsed `Workflow` satisfies it. */
export interface DagInput {
  references?: ReadonlyArray<{ name: string }>;
  tasks: ReadonlyArray<{ name: string }>;
  relations: ReadonlyArray<{ from: string; to: string; rerun?: boolean }>;
}

export type DagIssueKind =
  'cycle' | 'duplicate-name' | 'missing-endpoint' | 'reference-not-root' | 'self-loop' | 'duplicate-relation';

export interface DagIssue {
  kind: DagIssueKind;
  message: string;
  /** Index into `relations` of the relation at fault (for a cycle: the edge that closes it). */
  relationIndex?: number;
  /** Which end of the relation is at fault, when only one is. */
  endpoint?: 'from' | 'to';
  /** The node at fault (duplicate names). */
  taskName?: string;
  /** Where the fault is in the workflow document, e.g. `['relations', 3, 'to']`. */
  path: Array<string | number>;
}

interface Graph {
  names: string[];
  index: Map<string, number>;
  isReference: boolean[];
  /** Outgoing edges per node: [target, relationIndex]. Self-loops, duplicates and dangling edges are left out. */
  out: Array<Array<[number, number]>>;
  inc: Array<Array<[number, number]>>;
}

function buildGraph(w: DagInput): Graph {
  const names: string[] = [];
  const index = new Map<string, number>();
  const isReference: boolean[] = [];
  const add = (name: string, ref: boolean): void => {
    if (index.has(name)) return;
    index.set(name, names.length);
    names.push(name);
    isReference.push(ref);
  };
  for (const r of w.references ?? []) add(r.name, true);
  for (const t of w.tasks) add(t.name, false);
  const out: Array<Array<[number, number]>> = names.map(() => []);
  const inc: Array<Array<[number, number]>> = names.map(() => []);
  const seen = new Set<string>();
  w.relations.forEach((rel, i) => {
    const a = index.get(rel.from);
    const b = index.get(rel.to);
    if (a === undefined || b === undefined || a === b) return;
    const key = `${a}\u0000${b}`;
    if (seen.has(key)) return;
    seen.add(key);
    out[a].push([b, i]);
    inc[b].push([a, i]);
  });
  return { names, index, isReference, out, inc };
}

function nodeIndex(g: Graph, name: string): number {
  const i = g.index.get(name);
  if (i === undefined) throw new Error(`no node named "${name}" in the workflow`);
  return i;
}

/**
 * Every structural problem of the graph: duplicate node names, relations to unknown nodes,
 * self-loops, duplicate relations, relations into a reference (references are roots only),
 * and cycles, each cycle message naming its path (`cycle: a -> b -> c -> a`).
 */
export function validateDag(w: DagInput): DagIssue[] {
  const issues: DagIssue[] = [];
  const seenNames = new Map<string, 'task' | 'reference'>();
  const checkName = (name: string, kind: 'task' | 'reference', path: Array<string | number>): void => {
    const prev = seenNames.get(name);
    if (prev) {
      issues.push({
        kind: 'duplicate-name',
        message: `duplicate name "${name}": names must be unique across tasks and references (already used by a ${prev})`,
        taskName: name,
        path,
      });
    } else seenNames.set(name, kind);
  };
  (w.references ?? []).forEach((r, i) => checkName(r.name, 'reference', ['references', i, 'name']));
  w.tasks.forEach((t, i) => checkName(t.name, 'task', ['tasks', i, 'name']));

  const g = buildGraph(w);
  const pairs = new Map<string, number>();
  w.relations.forEach((rel, i) => {
    let dangling = false;
    for (const end of ['from', 'to'] as const) {
      if (!g.index.has(rel[end])) {
        dangling = true;
        issues.push({
          kind: 'missing-endpoint',
          message: `relation ${end} "${rel[end]}": no task or reference has that name`,
          relationIndex: i,
          endpoint: end,
          path: ['relations', i, end],
        });
      }
    }
    if (rel.from === rel.to) {
      issues.push({
        kind: 'self-loop',
        message: `relation from "${rel.from}" to itself`,
        relationIndex: i,
        path: ['relations', i],
      });
      return;
    }
    const key = `${rel.from}\u0000${rel.to}`;
    const first = pairs.get(key);
    if (first !== undefined) {
      issues.push({
        kind: 'duplicate-relation',
        message: `duplicate relation ${rel.from} -> ${rel.to} (first at relations[${first}])`,
        relationIndex: i,
        path: ['relations', i],
      });
    } else pairs.set(key, i);
    if (!dangling && g.isReference[g.index.get(rel.to)!]) {
      issues.push({
        kind: 'reference-not-root',
        message: `relation into reference "${rel.to}": references must be root nodes (no upstream)`,
        relationIndex: i,
        endpoint: 'to',
        path: ['relations', i, 'to'],
      });
    }
  });

  for (const c of findCycles(g)) {
    issues.push({
      kind: 'cycle',
      message: `cycle: ${c.path.join(' -> ')}`,
      relationIndex: c.relationIndex,
      path: ['relations', c.relationIndex],
    });
  }
  return issues;
}

/** Iterative DFS; each back edge yields one cycle, reported with the edge that closes it. */
function findCycles(g: Graph): Array<{ path: string[]; relationIndex: number }> {
  const n = g.names.length;
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const cycles: Array<{ path: string[]; relationIndex: number }> = [];
  const stack: number[] = [];
  const edgePos: number[] = [];
  const posOnStack = new Int32Array(n).fill(-1);
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    stack.push(root);
    edgePos.push(0);
    state[root] = 1;
    posOnStack[root] = 0;
    while (stack.length > 0) {
      const top = stack.length - 1;
      const v = stack[top];
      const k = edgePos[top];
      if (k < g.out[v].length) {
        edgePos[top] = k + 1;
        const [u, rel] = g.out[v][k];
        if (state[u] === 0) {
          state[u] = 1;
          posOnStack[u] = stack.length;
          stack.push(u);
          edgePos.push(0);
        } else if (state[u] === 1) {
          const path = stack.slice(posOnStack[u]).map((x) => g.names[x]);
          path.push(g.names[u]);
          cycles.push({ path, relationIndex: rel });
        }
      } else {
        state[v] = 2;
        posOnStack[v] = -1;
        stack.pop();
        edgePos.pop();
      }
    }
  }
  return cycles;
}

/** Thrown by {@link topologicalOrder} when the graph has a cycle. */
export class DagCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`cycle: ${cycle.join(' -> ')}`);
    this.name = 'DagCycleError';
  }
}

/** Kahn's algorithm with a min-heap on declaration index (references first, then tasks). */
function order(g: Graph, include?: Uint8Array): number[] {
  const n = g.names.length;
  const indeg = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    if (include && !include[v]) continue;
    for (const [u] of g.out[v]) if (!include || include[u]) indeg[u]++;
  }
  const heap: number[] = [];
  const push = (x: number): void => {
    heap.push(x);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= heap[i]) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l] < heap[m]) m = l;
        if (r < heap.length && heap[r] < heap[m]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  for (let v = 0; v < n; v++) if ((!include || include[v]) && indeg[v] === 0) push(v);
  const result: number[] = [];
  while (heap.length > 0) {
    const v = pop();
    result.push(v);
    for (const [u] of g.out[v]) {
      if (include && !include[u]) continue;
      if (--indeg[u] === 0) push(u);
    }
  }
  return result;
}

/**
 * Node names in dependency order; among nodes that are ready together, the one declared first
 * (references, then tasks, in file order) comes first. Throws {@link DagCycleError} on a cycle.
 */
export function topologicalOrder(w: DagInput): string[] {
  const g = buildGraph(w);
  const result = order(g);
  if (result.length < g.names.length) {
    const cycle = findCycles(g)[0];
    throw new DagCycleError(cycle ? cycle.path : []);
  }
  return result.map((i) => g.names[i]);
}

function reach(g: Graph, start: number, edges: 'out' | 'inc', follow: (rel: number) => boolean): Uint8Array {
  const seen = new Uint8Array(g.names.length);
  seen[start] = 1;
  const queue = [start];
  for (let h = 0; h < queue.length; h++) {
    for (const [u, rel] of g[edges][queue[h]]) {
      if (!seen[u] && follow(rel)) {
        seen[u] = 1;
        queue.push(u);
      }
    }
  }
  return seen;
}

function inOrder(g: Graph, set: Uint8Array): string[] {
  const ordered = order(g, set);
  // On a cyclic graph Kahn drops the cycle; keep those nodes, in declaration order.
  if (ordered.length < set.reduce((a, b) => a + b, 0)) {
    const got = new Uint8Array(set.length);
    for (const i of ordered) got[i] = 1;
    for (let i = 0; i < set.length; i++) if (set[i] && !got[i]) ordered.push(i);
  }
  return ordered.map((i) => g.names[i]);
}

/**
 * The nodes a "pre-run the node and downstream" from `startNode` touches. `run` holds the start
 * node and every node reachable from it along `rerun: true` relations; `skip` holds the nodes
 * reachable only through a `rerun: false` relation (and their downstream), which end SKIP.
 * With `honourRerun: false` every downstream node runs. Both lists are in topological order.
 */
export function downstreamOf(
  w: DagInput,
  startNode: string,
  options: { honourRerun?: boolean } = {},
): { run: string[]; skip: string[] } {
  const honour = options.honourRerun ?? true;
  const g = buildGraph(w);
  const start = nodeIndex(g, startNode);
  const all = reach(g, start, 'out', () => true);
  const run = honour ? reach(g, start, 'out', (rel) => w.relations[rel].rerun !== false) : all;
  const skip = new Uint8Array(all.length);
  for (let i = 0; i < all.length; i++) skip[i] = all[i] && !run[i] ? 1 : 0;
  return { run: inOrder(g, run), skip: inOrder(g, skip) };
}

/** Every node `node` depends on, directly or not, in topological order (without `node`). */
export function upstreamOf(w: DagInput, node: string): string[] {
  const g = buildGraph(w);
  const start = nodeIndex(g, node);
  const set = reach(g, start, 'inc', () => true);
  set[start] = 0;
  return inOrder(g, set);
}

/** Direct successors of a node, in relation order. */
export function childrenOf(w: DagInput, node: string): string[] {
  const g = buildGraph(w);
  return g.out[nodeIndex(g, node)].map(([u]) => g.names[u]);
}

/**
 * The cycle a new relation `from -> to` would close, as a path starting and ending at `from`
 * (`['a', 'b', 'c', 'a']`), or null when the edge is safe. Unknown names yield null.
 */
export function wouldCreateCycle(w: DagInput, from: string, to: string): string[] | null {
  if (from === to) return [from, from];
  const g = buildGraph(w);
  const a = g.index.get(from);
  const b = g.index.get(to);
  if (a === undefined || b === undefined) return null;
  const parent = new Int32Array(g.names.length).fill(-1);
  parent[b] = b;
  const queue = [b];
  for (let h = 0; h < queue.length; h++) {
    const v = queue[h];
    if (v === a) break;
    for (const [u] of g.out[v]) {
      if (parent[u] === -1) {
        parent[u] = v;
        queue.push(u);
      }
    }
  }
  if (parent[a] === -1) return null;
  const back: string[] = [];
  for (let v = a; v !== b; v = parent[v]) back.push(g.names[v]);
  back.push(g.names[b]);
  return [from, ...back.reverse()];
}
