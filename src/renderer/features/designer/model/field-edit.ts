import {
  isCollection,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { ZodType } from 'zod';

/** A path of keys and list indexes inside a task or the workflow root, e.g. `['sync', 'source', 'table']`. */
export type FieldPath = ReadonlyArray<string | number>;

/** One field write: `null` or `''` removes the key (and a map it leaves empty); `undefined` is ignored. */
export type FieldSet = readonly [FieldPath, unknown];

type Plain = Record<string | number, unknown>;

const removes = (v: unknown): boolean => v === null || v === '';

/** The plain value with the writes applied (the input is not changed). */
export function applyToPlain(value: unknown, sets: readonly FieldSet[]): unknown {
  const out = structuredClone(value) as Plain;
  for (const [path, v] of sets) {
    if (v === undefined || path.length === 0) continue;
    const parents: Plain[] = [];
    let at: Plain = out;
    for (const key of path.slice(0, -1)) {
      parents.push(at);
      if (at[key] === null || typeof at[key] !== 'object') {
        if (removes(v)) break;
        at[key] = typeof path[parents.length] === 'number' ? [] : {};
      }
      at = at[key] as Plain;
    }
    if (parents.length < path.length - 1) continue;
    const last = path[path.length - 1];
    if (removes(v)) {
      if (Array.isArray(at) && typeof last === 'number') at.splice(last, 1);
      else delete at[last];
      // Drop maps the removal left empty, innermost first.
      for (let i = parents.length - 1; i >= 0; i--) {
        const child = parents[i][path[i]];
        if (child && typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length === 0)
          delete parents[i][path[i]];
        else break;
      }
    } else at[last] = structuredClone(v);
  }
  return out;
}

/**
 * Why `next` is refused by `schema`: the first issue it has that `before` did not have (issues a
 * file already had are not blamed on this edit), as `field: message`; null when it is fine.
 */
export function newSchemaIssue(schema: ZodType, before: unknown, next: unknown): string | null {
  const issues = (v: unknown) => {
    const r = schema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
  };
  const old = new Set(issues(before).map((i) => `${i.path.join('.')}|${i.message}`));
  const fresh = issues(next).find((i) => !old.has(`${i.path.join('.')}|${i.message}`));
  if (!fresh) return null;
  const field = fresh.path.filter((p) => !/^\d+$/.test(p)).pop();
  return field ? `${field}: ${fresh.message}` : fresh.message;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes the plain value `v` at `path` under `owner` in place: a scalar keeps its node (quotes and
 * comments), a collection replaced by one of the same kind keeps its flow style and comments, and
 * list items equal to an existing item reuse that item's node (reordering rows keeps their comments).
 */
export function setInYaml(doc: Document, owner: YAMLMap, path: FieldPath, v: unknown): void {
  if (v === undefined || path.length === 0) return;
  if (removes(v)) return removeInYaml(owner, path);
  let at: YAMLMap | YAMLSeq = owner;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const next: unknown = at.get(key, true);
    if (isMap(next) || isSeq(next)) {
      at = next;
      continue;
    }
    const created = doc.createNode(typeof path[i + 1] === 'number' ? [] : {}) as YAMLMap | YAMLSeq;
    at.set(key, created);
    at = created;
  }
  const key = path[path.length - 1];
  const existing: unknown = at.get(key, true);
  if (isScalar(existing) && (v === null || typeof v !== 'object')) {
    if (existing.value !== v) existing.value = v;
    return;
  }
  if (isCollection(existing) && same(existing.toJSON(), v)) return;
  at.set(key, rebuild(doc, existing, v));
}

function rebuild(doc: Document, existing: unknown, v: unknown): Node {
  if (Array.isArray(v) && isSeq(existing)) {
    const pool = existing.items.map((item) => ({
      item,
      json: isCollection(item) || isScalar(item) ? (item as Node).toJSON() : item,
      used: false,
    }));
    const flowItems = existing.items.some((i) => isMap(i) && i.flow);
    const seq = doc.createNode([]) as YAMLSeq;
    seq.flow = existing.flow;
    seq.comment = existing.comment;
    seq.commentBefore = existing.commentBefore;
    for (const value of v) {
      const hit = pool.find((p) => !p.used && same(p.json, value));
      if (hit) {
        hit.used = true;
        seq.items.push(hit.item);
      } else seq.items.push(doc.createNode(value, { flow: flowItems && typeof value === 'object' }) as Node);
    }
    return seq;
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && isMap(existing)) {
    const map = doc.createNode(v, { flow: existing.flow }) as YAMLMap;
    map.comment = existing.comment;
    map.commentBefore = existing.commentBefore;
    return map;
  }
  return doc.createNode(v) as Node;
}

function removeInYaml(owner: YAMLMap, path: FieldPath): void {
  const parents: Array<YAMLMap | YAMLSeq> = [];
  let at: YAMLMap | YAMLSeq = owner;
  for (const key of path.slice(0, -1)) {
    const next: unknown = at.get(key, true);
    if (!isMap(next) && !isSeq(next)) return;
    parents.push(at);
    at = next;
  }
  at.delete(path[path.length - 1]);
  for (let i = parents.length - 1; i >= 0; i--) {
    const child: unknown = parents[i].get(path[i], true);
    if (isMap(child) && child.items.length === 0) parents[i].delete(path[i]);
    else break;
  }
}
