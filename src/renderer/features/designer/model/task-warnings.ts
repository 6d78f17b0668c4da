import type { Problem } from '../../../../shared/contract/workspace';

const TASK_MESSAGE = /^task "([^"]+)": ([\s\S]*)$/;

/** The workspace warnings about each task of one workflow file (`task "x": ...`), one per line, by task name. */
export function taskWarnings(problems: readonly Problem[], path: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of problems) {
    if (p.path !== path || p.severity !== 'warning') continue;
    const m = TASK_MESSAGE.exec(p.message);
    if (!m) continue;
    const prev = out.get(m[1]);
    out.set(m[1], prev ? `${prev}\n${m[2]}` : m[2]);
  }
  return out;
}
