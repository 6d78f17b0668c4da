import { Document, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import { fromPortableFlow, type PortableFlow } from './enos-portable';
import { nameSchema, workflowSchema, type Workflow } from './model';

/**
 * Pure helpers behind the Workflows view's New / Import / Clone / Delete (docs/workspace-format.md
 * `*.workflow.yaml`): building a workflow, converting an EnOS export, and serialising it with the
 * documented key order.
 */

export const WORKFLOW_SUFFIX = '.workflow.yaml';
export const WORKFLOWS_DIR = 'workflows';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** `workflows/<dir>/<name>.workflow.yaml` */
export function workflowPath(dir: string, name: string): string {
  return `${WORKFLOWS_DIR}/${dir}/${name}${WORKFLOW_SUFFIX}`;
}

/** The workflow name a path stands for (the file name without the suffix). */
export function workflowNameOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.endsWith(WORKFLOW_SUFFIX) ? base.slice(0, -WORKFLOW_SUFFIX.length) : base;
}

/** Folders directly under `workflows/` that hold workflow files, sorted. */
export function workflowDirs(paths: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const p of paths) {
    const m = /^workflows\/([^/]+)\/[^/]+\.workflow\.yaml$/.exec(p);
    if (m) dirs.add(m[1]);
  }
  return [...dirs].sort();
}

/** Why `name` cannot name a new workflow, or null. */
export function workflowNameError(name: string, existing: readonly string[]): string | null {
  if (!name) return 'Enter a name.';
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) return `The name ${parsed.error.issues[0]?.message ?? 'is invalid'}.`;
  if (existing.includes(name)) return `A workflow named ${name} already exists.`;
  return null;
}

/** Why `dir` cannot be a folder under `workflows/`, or null. */
export function workflowDirError(dir: string): string | null {
  if (!dir) return 'Enter a directory.';
  return /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(dir)
    ? null
    : 'Use letters, digits, "_" or "-", folders separated by "/".';
}

export type ScheduleKind = 'manual' | 'periodic';

/** YYYY-MM-DD of `now` in local time. */
export function localDate(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** An empty workflow; periodic ones run daily (cycle D, `0 0 1 * * ? *`) from `today`. */
export function newWorkflow(name: string, kind: ScheduleKind, today: string): Workflow {
  return workflowSchema.parse({
    name,
    schedule:
      kind === 'periodic'
        ? { type: 'periodic', cycle: 'D', cron: '0 0 1 * * ? *', effectiveDate: today }
        : { type: 'manual' },
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the pasted text is a PortableFlow (the EnOS API specification §4.3) and converts it; `name` overrides the exported one. */
export function importPortableFlow(text: string, name?: string): Outcome<Workflow> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${(e as Error).message}` };
  }
  // Export Flow answers with an envelope; accept both the envelope and its `data`.
  if (isObject(json) && isObject(json.data) && !('tasks' in json)) json = json.data;
  if (!isObject(json)) return { ok: false, error: 'Expected a JSON object (an EnOS workflow export).' };
  if (typeof json.name !== 'string')
    return { ok: false, error: 'Not an EnOS workflow export: "name" is missing.' };
  if (!Array.isArray(json.tasks))
    return { ok: false, error: 'Not an EnOS workflow export: "tasks" must be an array.' };
  for (const key of ['flowLinks', 'taskLinks', 'relations', 'linkRelations']) {
    if (json[key] !== undefined && json[key] !== null && !Array.isArray(json[key]))
      return { ok: false, error: `Not an EnOS workflow export: "${key}" must be an array.` };
  }
  const bad = (json.tasks as unknown[]).findIndex((t) => !isObject(t) || typeof t.name !== 'string');
  if (bad >= 0) return { ok: false, error: `Not an EnOS workflow export: task ${bad + 1} has no name.` };
  const p = json as unknown as PortableFlow;
  const converted = fromPortableFlow({ ...p, name: name || p.name });
  const checked = workflowSchema.safeParse(converted);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return {
      ok: false,
      error: `The export does not convert to a valid workflow: ${issue.path.join('.')}: ${issue.message}`,
    };
  }
  return { ok: true, value: checked.data };
}

/**
 * A copy of `wf` named `name` (the EnOS behaviour specification §4.1): tasks, relations, positions and
 * the workflow's own references (all upstream: references are root nodes) are copied; what
 * other workflows reference (downstream) is not part of the file and stays with the original.
 */
export function cloneWorkflow(wf: Workflow, name: string): Workflow {
  const copy = structuredClone(wf);
  return { ...copy, name };
}

/** Workflows whose references point at `name`. */
export function referencingWorkflows(
  name: string,
  others: readonly { path: string; workflow: unknown }[],
): string[] {
  return others
    .filter(
      ({ workflow }) =>
        isObject(workflow) &&
        Array.isArray(workflow.references) &&
        workflow.references.some((r) => isObject(r) && r.workflow === name),
    )
    .map((o) => o.path);
}

const TOP_KEYS = [
  'name',
  'description',
  'schedule',
  'alertMode',
  'owners',
  'parameters',
  'references',
  'tasks',
  'relations',
];
const NODE_KEYS = ['name', 'kind', 'workflow', 'task', 'type', 'description', 'position', 'config'];

function ordered(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  for (const [k, v] of Object.entries(o)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

/** The file text: keys in the documented order, positions and relations on one line each. */
export function workflowYaml(wf: Workflow): string {
  const data = ordered(JSON.parse(JSON.stringify(wf)) as Record<string, unknown>, TOP_KEYS);
  for (const k of ['references', 'tasks'] as const) {
    if (Array.isArray(data[k]))
      data[k] = (data[k] as Record<string, unknown>[]).map((n) => ordered(n, NODE_KEYS));
  }
  const doc = new Document(data);
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'position' && isMap(pair.value))
        pair.value.flow = true;
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'relations' && isSeq(pair.value)) {
        for (const item of pair.value.items) if (isMap(item)) item.flow = true;
      }
    },
  });
  return doc.toString({ lineWidth: 0 });
}
