import type { DebugFrame, DebugVariable } from '../../../shared/contract';

/** The dotted name (`order.lines`) that ends at `column` (1-based, within or just after it), or null. */
export function dottedNameAt(
  line: string,
  column: number,
): { name: string; start: number; end: number } | null {
  const re = /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const start = m.index + 1;
    const end = start + m[0].length;
    if (column < start || column > end) continue;
    // Up to the part under the pointer: hovering `order` in `order.id` shows the order.
    const upTo = m[0].indexOf('.', column - start);
    const name = upTo === -1 ? m[0] : m[0].slice(0, upTo);
    return { name, start, end: start + name.length };
  }
  return null;
}

/** A name of the frame's locals, else its module globals, followed through attributes and keys. */
export function lookUp(frame: DebugFrame, dotted: string): DebugVariable | undefined {
  const [first, ...rest] = dotted.split('.');
  let found = frame.locals.find((v) => v.name === first) ?? frame.globals.find((v) => v.name === first);
  for (const part of rest) found = found?.children?.find((c) => c.name === part || c.name === `'${part}'`);
  return found;
}

/** Hover text: the value, and a container's first items. */
export function hoverMarkdown(name: string, v: DebugVariable): string {
  const fence = (text: string) => '```python\n' + text + '\n```';
  const lines = [`${name}: ${v.type} = ${v.value}`];
  for (const c of v.children?.slice(0, 10) ?? []) lines.push(`  ${c.name}: ${c.value}`);
  const left = (v.children?.length ?? 0) - 10 + (v.more ?? 0);
  if (left > 0) lines.push(`  … ${left} more`);
  return fence(lines.join('\n'));
}
