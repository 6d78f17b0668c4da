import type { RemoteTaskInfo } from '../../../shared/contract';

/** Tasks in dependency order (upstream first, stable by name), each with its upstream names. */
export function orderTasks(
  tasks: readonly RemoteTaskInfo[],
  relations: readonly { source: string; target: string }[],
): { task: RemoteTaskInfo; upstream: string[] }[] {
  const byId = new Map(tasks.map((t) => [t.taskId, t]));
  const ups = new Map<string, string[]>();
  for (const r of relations)
    if (byId.has(r.source)) ups.set(r.target, [...(ups.get(r.target) ?? []), r.source]);
  const out: { task: RemoteTaskInfo; upstream: string[] }[] = [];
  const done = new Set<string>();
  const visit = (t: RemoteTaskInfo, path: Set<string>): void => {
    if (done.has(t.taskId) || path.has(t.taskId)) return;
    path.add(t.taskId);
    for (const u of ups.get(t.taskId) ?? []) visit(byId.get(u)!, path);
    done.add(t.taskId);
    out.push({ task: t, upstream: (ups.get(t.taskId) ?? []).map((u) => byId.get(u)!.taskName) });
  };
  for (const t of [...tasks].sort((a, b) => a.taskName.localeCompare(b.taskName))) visit(t, new Set());
  return out;
}
