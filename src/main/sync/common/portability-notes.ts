import type { Workflow } from '../../../shared/model';
import { commandPathIssues } from '../../../shared/task-command';
import type { WorkspaceSnapshot } from '../backend';

/**
 * Plan notes for commands that name a workspace path the published task will not have (the same
 * warnings the designer shows): e.g. `python3 scripts/x.py` when the resource ships `x.py`.
 */
export function portabilityNotes(wf: Workflow, snapshot: WorkspaceSnapshot): string[] {
  if (!snapshot.files) return [];
  const resources = new Map(snapshot.resources.map((r) => [r.name, r]));
  const files = new Set(snapshot.files);
  return wf.tasks.flatMap((t) =>
    t.type === 'SHELL' || t.type === 'PYTHON'
      ? commandPathIssues(t, resources, files).map((i) => i.message)
      : [],
  );
}
