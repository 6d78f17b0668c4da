import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { wouldCreateCycle, type DagInput } from '../../../../shared/dag';
import { TASK_TYPES, taskSchema, workflowSchema, type TaskType } from '../../../../shared/model/workflow';
import { applyToPlain, newSchemaIssue, setInYaml, type FieldSet } from './field-edit';
import { mergeLines } from './line-merge';
import type { XY } from '../../../ui/workflow-graph/graph-model';

export type OpResult = { ok: true } | { ok: false; reason: string };

export type { XY };

export type ReferenceKind = 'flow' | 'task';

/** Node scheduling config fields the properties panel edits; `undefined` leaves a key alone, `null` removes it. */
export interface ConfigPatch {
  timeout?: number | null;
  retryTimes?: number | null;
  retryInterval?: number | null;
  successCode?: string | null;
  allowReference?: boolean | null;
}

/** A task edit; `''`/`null` removes an optional key. Renames go through `renameNode`. */
export interface TaskPatch {
  description?: string | null;
  command?: string | null;
  script?: string | null;
  config?: ConfigPatch;
  parameters?: Record<string, string>;
}

export interface WorkflowPatch {
  description?: string | null;
  cycle?: string;
  cron?: string;
  effectiveDate?: string;
  parameters?: Record<string, string>;
}

/** Copied nodes: plain values of their YAML items and the relations among them. */
export interface NodeClipboard {
  tasks: Array<Record<string, unknown>>;
  references: Array<Record<string, unknown>>;
  relations: Array<Record<string, unknown>>;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const ok: OpResult = { ok: true };
const BROKEN = { ok: false as const, reason: 'The YAML has syntax errors: fix them in the text first' };
const refuse = (reason: string): OpResult => ({ ok: false, reason });

/** What a task dropped from the palette starts with. */
export const DEFAULT_BODY: Record<TaskType, Record<string, unknown>> = {
  // A file into the warehouse: the one direction every workspace can run (see newDataSyncBody).
  DATA_SYNC: {
    sync: {
      source: { connection: 'local_files', path: 'input_${cal_dt8}.csv' },
      target: {
        table: 'ods.target_table',
        partition: { column: 'dt', fill: 'placeholder', value: '${cal_dt}' },
        writeRule: 'overwrite',
      },
    },
  },
  SHELL: { command: 'echo "business date ${cal_dt}"' },
  PYTHON: { command: 'python3 -c "print(\'${cal_dt}\')"' },
  EXTERNAL_APP: { app: { domain: 'http://127.0.0.1:8765', command: '/', method: 'GET' } },
};

/** A new Data Sync that can run: from the workspace's first file connection (by name) into the warehouse. */
export function newDataSyncBody(fileConnection: string | undefined): Record<string, unknown> {
  const body = structuredClone(DEFAULT_BODY.DATA_SYNC) as { sync: { source: { connection: string } } };
  if (fileConnection) body.sync.source.connection = fileConnection;
  return body;
}

export const DEFAULT_NAME_PREFIX: Record<TaskType | 'flow-ref' | 'task-ref', string> = {
  DATA_SYNC: 'data_sync',
  SHELL: 'shell',
  PYTHON: 'python',
  EXTERNAL_APP: 'external_app',
  'flow-ref': 'flow_ref',
  'task-ref': 'task_ref',
};

/** Keys a position goes after, so it sits right below a node's identity. */
const POSITION_AFTER = ['name', 'type', 'kind', 'workflow', 'task', 'description'];

/** Where a new top-level list goes, by the keys it must come before. */
const TOP_LEVEL_BEFORE: Record<string, string[]> = {
  references: ['tasks', 'relations'],
  tasks: ['relations'],
  relations: [],
};

/**
 * A workflow file as a `yaml` Document, edited in place by the graph operations. `toString()`
 * returns the source text unchanged until an edit, then the edited document merged line-wise
 * into the source (see `mergeLines`), so comments, key order and alignment outside the edited
 * lines survive.
 */
export class WorkflowDocument {
  readonly doc: Document;
  private readonly baseline: string;
  private edited = false;

  constructor(readonly source: string) {
    this.doc = parseDocument(source);
    this.baseline = this.doc.errors.length > 0 ? source : this.print();
  }

  /** YAML syntax errors: no edit is possible until they are fixed. */
  get errors(): string[] {
    return this.doc.errors.map((e) => e.message);
  }

  toString(): string {
    return this.edited ? mergeLines(this.source, this.baseline, this.print()) : this.source;
  }

  /** The graph part (names and relations) of the document as it is now. */
  graph(): DagInput & { references: Array<{ name: string }> } {
    return {
      references: this.items('references').map((m) => ({ name: String(m.get('name')) })),
      tasks: this.items('tasks').map((m) => ({ name: String(m.get('name')) })),
      relations: this.items('relations').map((m) => ({
        from: String(m.get('from')),
        to: String(m.get('to')),
        rerun: m.get('rerun') !== false,
      })),
    };
  }

  nodeNames(): string[] {
    return [...this.items('references'), ...this.items('tasks')].map((m) => String(m.get('name')));
  }

  /** `prefix_1`, `prefix_2`, ...: the first name not used by a node. */
  uniqueName(prefix: string): string {
    const used = new Set(this.nodeNames());
    for (let i = 1; ; i++) if (!used.has(`${prefix}_${i}`)) return `${prefix}_${i}`;
  }

  /** Adds a task with the type's default body, or `body` (e.g. a Data Sync reading the workspace's file connection). */
  addTask(
    type: TaskType,
    name: string = this.uniqueName(DEFAULT_NAME_PREFIX[type]),
    position?: XY,
    body: Record<string, unknown> = DEFAULT_BODY[type],
  ): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    if (!TASK_TYPES.includes(type)) return refuse(`Unknown task type "${type}"`);
    const bad = this.checkNewName(name);
    if (bad) return bad;
    const value: Record<string, unknown> = { name, type };
    if (position) value.position = roundXY(position);
    Object.assign(value, structuredClone(body));
    return this.appendItem('tasks', value);
  }

  addReference(kind: ReferenceKind, workflow: string, task?: string, name?: string, position?: XY): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    const nodeName = name ?? this.uniqueName(DEFAULT_NAME_PREFIX[kind === 'flow' ? 'flow-ref' : 'task-ref']);
    const bad = this.checkNewName(nodeName);
    if (bad) return bad;
    if (!NAME.test(workflow)) return refuse(`"${workflow}" is not a valid workflow name`);
    if (kind === 'task' && (!task || !NAME.test(task)))
      return refuse('A Task Ref needs the name of the referenced task');
    const value: Record<string, unknown> = { name: nodeName, kind, workflow };
    if (kind === 'task') value.task = task;
    if (position) value.position = roundXY(position);
    return this.appendItem('references', value);
  }

  /** Removes tasks and references by name, and every relation touching them. */
  removeNodes(names: readonly string[]): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    const gone = new Set(names);
    const known = new Set(this.nodeNames());
    const missing = names.find((n) => !known.has(n));
    if (missing !== undefined) return refuse(`No task or reference named "${missing}"`);
    if (gone.size === 0) return ok;
    this.removeItems('tasks', (m) => gone.has(String(m.get('name'))));
    this.removeItems('references', (m) => gone.has(String(m.get('name'))));
    this.removeItems('relations', (m) => gone.has(String(m.get('from'))) || gone.has(String(m.get('to'))));
    return this.touch();
  }

  renameNode(from: string, to: string): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    if (from === to) return ok;
    const node = this.findNode(from);
    if (!node) return refuse(`No task or reference named "${from}"`);
    const bad = this.checkNewName(to);
    if (bad) return bad;
    node.set('name', to);
    for (const rel of this.items('relations')) {
      if (String(rel.get('from')) === from) rel.set('from', to);
      if (String(rel.get('to')) === from) rel.set('to', to);
    }
    return this.touch();
  }

  addRelation(from: string, to: string): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    const reason = relationRefusal(this.graph(), from, to);
    if (reason) return refuse(reason);
    return this.appendItem('relations', { from, to });
  }

  removeRelation(from: string, to: string): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    const before = this.items('relations').length;
    this.removeItems('relations', (m) => String(m.get('from')) === from && String(m.get('to')) === to);
    if (this.items('relations').length === before) return refuse(`No relation ${from} -> ${to}`);
    return this.touch();
  }

  /** `rerun: true` is the default, so it is written only as `false`. */
  setRelationRerun(from: string, to: string, rerun: boolean): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    const rel = this.items('relations').find(
      (m) => String(m.get('from')) === from && String(m.get('to')) === to,
    );
    if (!rel) return refuse(`No relation ${from} -> ${to}`);
    if ((rel.get('rerun') !== false) === rerun) return ok;
    if (rerun) rel.delete('rerun');
    else rel.set('rerun', false);
    return this.touch();
  }

  setPositions(positions: ReadonlyMap<string, XY>): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    let changed = false;
    for (const [name, xy] of positions) {
      const node = this.findNode(name);
      if (!node) return refuse(`No task or reference named "${name}"`);
      const { x, y } = roundXY(xy);
      const current = node.get('position', true);
      if (isMap(current)) {
        if (current.get('x') === x && current.get('y') === y) continue;
        current.set('x', x);
        current.set('y', y);
      } else {
        const value = this.doc.createNode({ x, y }, { flow: true });
        insertPairAfter(node, this.doc.createPair('position', value), POSITION_AFTER);
      }
      changed = true;
    }
    return changed ? this.touch() : ok;
  }

  updateTask(name: string, patch: TaskPatch): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    const task = this.items('tasks').find((m) => String(m.get('name')) === name);
    if (!task) return refuse(`No task named "${name}"`);
    for (const key of ['description', 'command', 'script'] as const) {
      if (patch[key] === undefined) continue;
      setOptional(task, key, patch[key]);
    }
    if (patch.config) {
      const reason = configRefusal(patch.config);
      if (reason) return refuse(reason);
      const existing: unknown = task.get('config', true);
      let map: YAMLMap;
      if (isMap(existing)) map = existing;
      else {
        map = this.doc.createNode({}) as YAMLMap;
        insertPairAfter(task, this.doc.createPair('config', map), [...POSITION_AFTER, 'position']);
      }
      for (const [key, value] of Object.entries(patch.config)) {
        if (value === undefined) continue;
        setOptional(map, key, value);
      }
      if (map.items.length === 0) task.delete('config');
    }
    if (patch.parameters) {
      const reason = parametersRefusal(patch.parameters);
      if (reason) return refuse(reason);
      this.setParameters(task, patch.parameters, [...POSITION_AFTER, 'position', 'config']);
    }
    return this.touch();
  }

  updateReference(name: string, patch: { workflow?: string; task?: string }): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    const ref = this.items('references').find((m) => String(m.get('name')) === name);
    if (!ref) return refuse(`No reference named "${name}"`);
    if (patch.workflow !== undefined) {
      if (!NAME.test(patch.workflow)) return refuse(`"${patch.workflow}" is not a valid workflow name`);
      ref.set('workflow', patch.workflow);
    }
    if (patch.task !== undefined) {
      if (ref.get('kind') !== 'task') return refuse('Only a Task Ref names a task');
      if (!NAME.test(patch.task)) return refuse(`"${patch.task}" is not a valid task name`);
      ref.set('task', patch.task);
    }
    return this.touch();
  }

  updateWorkflow(patch: WorkflowPatch): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    const root = this.doc.contents;
    if (!isMap(root)) return refuse('The workflow file is not a YAML map');
    if (patch.description !== undefined) {
      // A new description goes right below the name, where the samples keep it.
      if (patch.description !== '' && !root.has('description'))
        insertPairAfter(root, this.doc.createPair('description', patch.description), ['name']);
      else setOptional(root, 'description', patch.description);
    }
    const schedule = root.get('schedule', true);
    for (const key of ['cycle', 'cron', 'effectiveDate'] as const) {
      const value = patch[key];
      if (value === undefined) continue;
      if (!isMap(schedule) || schedule.get('type') !== 'periodic')
        return refuse(`${key} applies to periodic workflows only`);
      schedule.set(key, value);
    }
    if (patch.parameters) {
      const reason = parametersRefusal(patch.parameters);
      if (reason) return refuse(reason);
      this.setParameters(root, patch.parameters, ['name', 'description', 'schedule', 'alertMode', 'owners']);
    }
    return this.touch();
  }

  /**
   * Writes fields of a task by path (`[['sync', 'source', 'table'], 'ods.x']`; `null`/`''` removes).
   * Refused when the task would break a model rule it did not already break; names and types
   * change through `renameNode` / not at all.
   */
  setTaskFields(name: string, sets: readonly FieldSet[]): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    const task = this.items('tasks').find((m) => String(m.get('name')) === name);
    if (!task) return refuse(`No task named "${name}"`);
    if (sets.some(([path]) => path[0] === 'name' || path[0] === 'type'))
      return refuse('Rename a task with its Name field; its type cannot change');
    const before = task.toJSON() as unknown;
    const issue = newSchemaIssue(taskSchema, before, applyToPlain(before, sets));
    if (issue) return refuse(issue);
    for (const [path, value] of sets) setInYaml(this.doc, task, path, value);
    return this.touch();
  }

  /** Writes workflow-level fields by path (`[['alertMode'], 'sms']`), checked like `setTaskFields`. */
  setWorkflowFields(sets: readonly FieldSet[]): OpResult {
    if (this.doc.errors.length > 0) return BROKEN;
    const root = this.doc.contents;
    if (!isMap(root)) return refuse('The workflow file is not a YAML map');
    if (sets.some(([path]) => ['name', 'tasks', 'references', 'relations'].includes(String(path[0]))))
      return refuse('Edit nodes and relations on the canvas');
    if (sets.some(([path]) => path[0] === 'schedule' && (path.length === 1 || path[1] === 'type'))) {
      return refuse('The scheduling type cannot switch between manual and periodic after creation');
    }
    const before = root.toJSON() as unknown;
    const issue = newSchemaIssue(workflowSchema, before, applyToPlain(before, sets));
    if (issue) return refuse(issue);
    for (const [path, value] of sets) setInYaml(this.doc, root, path, value);
    return this.touch();
  }

  copyNodes(names: readonly string[]): NodeClipboard {
    const set = new Set(names);
    const pick = (key: string, field: string) =>
      this.items(key)
        .filter((m) => set.has(String(m.get(field))))
        .map((m) => m.toJSON() as Record<string, unknown>);
    return {
      tasks: pick('tasks', 'name'),
      references: pick('references', 'name'),
      relations: this.items('relations')
        .filter((m) => set.has(String(m.get('from'))) && set.has(String(m.get('to'))))
        .map((m) => m.toJSON() as Record<string, unknown>),
    };
  }

  /** Pastes copied nodes under fresh names (`a` -> `a_copy`, `a_copy_2`, ...), shifted by `offset`; returns the new names. */
  pasteNodes(
    clip: NodeClipboard,
    offset: XY = { x: 40, y: 40 },
  ): { ok: true; names: string[] } | { ok: false; reason: string } {
    if (this.doc.errors.length > 0) return BROKEN;
    const used = new Set(this.nodeNames());
    const renamed = new Map<string, string>();
    const fresh = (old: string): string => {
      let name = `${old}_copy`.slice(0, 64);
      for (let i = 2; used.has(name); i++) name = `${old}_copy_${i}`.slice(0, 64);
      used.add(name);
      renamed.set(old, name);
      return name;
    };
    const place = (node: Record<string, unknown>): Record<string, unknown> => {
      const copy = structuredClone(node);
      copy.name = fresh(String(node.name));
      const p = node.position as XY | undefined;
      if (p) copy.position = roundXY({ x: p.x + offset.x, y: p.y + offset.y });
      return copy;
    };
    for (const r of clip.references) this.appendItem('references', place(r));
    for (const t of clip.tasks) this.appendItem('tasks', place(t));
    for (const rel of clip.relations) {
      const from = renamed.get(String(rel.from));
      const to = renamed.get(String(rel.to));
      if (from && to) this.appendItem('relations', { ...structuredClone(rel), from, to });
    }
    this.touch();
    return { ok: true, names: [...renamed.values()] };
  }

  private print(): string {
    return this.doc.toString({ lineWidth: 0 });
  }

  private touch(): OpResult {
    this.edited = true;
    return ok;
  }

  private items(key: string): YAMLMap[] {
    const seq = this.doc.get(key, true);
    return isSeq(seq) ? (seq.items.filter((i) => isMap(i)) as YAMLMap[]) : [];
  }

  private findNode(name: string): YAMLMap | undefined {
    return [...this.items('tasks'), ...this.items('references')].find((m) => String(m.get('name')) === name);
  }

  private checkNewName(name: string): OpResult | null {
    if (!NAME.test(name))
      return refuse(`"${name}" is not a valid name: use 1-64 letters, digits, "_" or "-"`);
    if (this.items('tasks').some((m) => String(m.get('name')) === name))
      return refuse(`The name "${name}" is already used by a task`);
    if (this.items('references').some((m) => String(m.get('name')) === name))
      return refuse(`The name "${name}" is already used by a reference`);
    return null;
  }

  private seq(key: string): YAMLSeq {
    const existing = this.doc.get(key, true);
    if (isSeq(existing)) {
      // A new workflow's `tasks: []`: its first item turns it into a block list, not one long flow line.
      if (existing.items.length === 0) existing.flow = false;
      return existing;
    }
    const seq = this.doc.createNode([]) as YAMLSeq;
    seq.flow = false;
    const root = this.doc.contents as YAMLMap;
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair) pair.value = seq;
    else {
      const before = TOP_LEVEL_BEFORE[key] ?? [];
      const at = root.items.findIndex((p) => isScalar(p.key) && before.includes(String(p.key.value)));
      const newPair = this.doc.createPair(key, seq) as Pair<unknown, unknown>;
      if (at < 0) root.items.push(newPair);
      else root.items.splice(at, 0, newPair);
    }
    return seq;
  }

  private appendItem(key: string, value: Record<string, unknown>): OpResult {
    const seq = this.seq(key);
    const last = seq.items[seq.items.length - 1];
    const flow = key === 'relations' ? !isMap(last) || last.flow === true : false;
    const node = this.doc.createNode(value, { flow }) as YAMLMap;
    if (!flow) {
      for (const pair of node.items) {
        if (
          isMap(pair.value) &&
          ['position', 'runMode', 'partition', 'headers', 'success'].includes(
            String((pair.key as { value?: unknown })?.value),
          )
        )
          pair.value.flow = true;
      }
    }
    if (isMap(last) && last.spaceBefore && key !== 'relations') node.spaceBefore = true;
    seq.items.push(node);
    return this.touch();
  }

  private removeItems(key: string, match: (m: YAMLMap) => boolean): void {
    const seq = this.doc.get(key, true);
    if (!isSeq(seq)) return;
    const first = seq.items[0];
    const firstSpace = isMap(first) ? first.spaceBefore : undefined;
    const firstComment = isMap(first) ? first.commentBefore : undefined;
    seq.items = seq.items.filter((i) => !(isMap(i) && match(i)));
    const head = seq.items[0];
    if (isMap(head) && head !== first) {
      head.spaceBefore = firstSpace;
      head.commentBefore ??= firstComment;
    }
  }

  private setParameters(owner: YAMLMap, params: Record<string, string>, after: string[]): void {
    const entries = Object.entries(params);
    const current = owner.get('parameters', true);
    if (entries.length === 0) {
      if (owner.has('parameters')) owner.delete('parameters');
      return;
    }
    if (!isMap(current)) {
      const node = this.doc.createNode(params);
      if (owner.has('parameters')) owner.set('parameters', node);
      else insertPairAfter(owner, this.doc.createPair('parameters', node), after);
      return;
    }
    // A new workflow's `parameters: {}`: filled in, it becomes a block map.
    if (current.items.length === 0) current.flow = false;
    for (const pair of [...current.items]) {
      const k = String((pair.key as { value?: unknown })?.value ?? pair.key);
      if (!(k in params)) current.delete(pair.key);
    }
    for (const [k, v] of entries) {
      if (current.get(k) !== v) current.set(k, v);
    }
  }
}

/** Why relation `from -> to` cannot be added to the graph, or null when it can. */
export function relationRefusal(graph: DagInput, from: string, to: string): string | null {
  const refs = new Set((graph.references ?? []).map((r) => r.name));
  const names = new Set([...refs, ...graph.tasks.map((t) => t.name)]);
  if (!names.has(from)) return `No task or reference named "${from}"`;
  if (!names.has(to)) return `No task or reference named "${to}"`;
  if (from === to) return `A relation cannot connect "${from}" to itself`;
  if (refs.has(to)) return `"${to}" is a reference: references are root nodes and cannot have an upstream`;
  if (graph.relations.some((r) => r.from === from && r.to === to))
    return `The relation ${from} -> ${to} already exists`;
  const cycle = wouldCreateCycle(graph, from, to);
  if (cycle) return `This relation would close a cycle: ${cycle.join(' -> ')}`;
  return null;
}

function configRefusal(config: ConfigPatch): string | null {
  for (const key of ['timeout', 'retryTimes', 'retryInterval'] as const) {
    const v = config[key];
    if (v === undefined || v === null) continue;
    if (!Number.isInteger(v) || v < 0) return `${key} must be a whole number of 0 or more`;
    if (key === 'retryTimes' && v > 100) return 'retryTimes must be at most 100';
  }
  return null;
}

function parametersRefusal(params: Record<string, string>): string | null {
  const bad = Object.keys(params).find((k) => !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(k));
  return bad === undefined
    ? null
    : `Parameter name "${bad}" must start with a letter or "_" and use letters, digits, "_" and "."`;
}

function setOptional(map: YAMLMap, key: string, value: unknown): void {
  if (value === null || value === '') {
    if (map.has(key)) map.delete(key);
  } else if (map.get(key) !== value) map.set(key, value);
}

function insertPairAfter(map: YAMLMap, pair: Pair, after: readonly string[]): void {
  let at = -1;
  map.items.forEach((p, i) => {
    if (isScalar(p.key) && after.includes(String(p.key.value))) at = i;
  });
  map.items.splice(at + 1, 0, pair as Pair<unknown, unknown>);
}

function roundXY(p: XY): XY {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
