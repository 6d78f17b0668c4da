import type { FieldSet } from '../model/field-edit';
import type { OpResult, WorkflowDocument } from '../model/workflow-document';

export type Edit = (op: (doc: WorkflowDocument) => OpResult) => OpResult;

export const reasonOf = (r: OpResult): string | null => (r.ok ? null : r.reason);

/** Writes fields of one task through the designer's undoable edit; returns the refusal reason, if any. */
export const taskFieldWriter =
  (edit: Edit, name: string) =>
  (...sets: FieldSet[]): string | null =>
    reasonOf(edit((d) => d.setTaskFields(name, sets)));

export type SetFields = ReturnType<typeof taskFieldWriter>;

/** `a, b ,c` -> `['a', 'b', 'c']`; empty entries dropped. */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `Name: value` lines <-> a header record. */
export function formatHeaders(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

export function parseHeaders(
  text: string,
): { ok: true; headers: Record<string, string> } | { ok: false; reason: string } {
  const headers: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(':');
    if (at <= 0) return { ok: false, reason: `Line ${i + 1}: write a header as "Name: value"` };
    const name = line.slice(0, at).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      return { ok: false, reason: `Line ${i + 1}: "${name}" is not a valid header name` };
    headers[name] = line.slice(at + 1).trim();
  }
  return { ok: true, headers };
}
