import type { Problem, ProblemSeverity } from '../../../shared/contract';

export interface ProblemGroup {
  path: string;
  problems: Problem[];
  errors: number;
  warnings: number;
  infos: number;
}

const RANK: Record<ProblemSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Problems grouped by file (files with errors first, then by path), each group sorted by position. */
export function groupProblems(problems: readonly Problem[]): ProblemGroup[] {
  const byPath = new Map<string, ProblemGroup>();
  for (const p of problems) {
    let g = byPath.get(p.path);
    if (!g) byPath.set(p.path, (g = { path: p.path, problems: [], errors: 0, warnings: 0, infos: 0 }));
    g.problems.push(p);
    if (p.severity === 'error') g.errors++;
    else if (p.severity === 'warning') g.warnings++;
    else g.infos++;
  }
  const groups = [...byPath.values()];
  for (const g of groups)
    g.problems.sort((a, b) => a.line - b.line || a.column - b.column || RANK[a.severity] - RANK[b.severity]);
  return groups.sort(
    (a, b) => (a.errors > 0 ? 0 : 1) - (b.errors > 0 ? 0 : 1) || a.path.localeCompare(b.path),
  );
}

export function countProblems(problems: readonly Problem[]): {
  errors: number;
  warnings: number;
  infos: number;
} {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const p of problems) {
    if (p.severity === 'error') errors++;
    else if (p.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** The problem after the cursor (wrapping around), for F8. */
export function nextProblem(
  problems: readonly Problem[],
  at: { path: string; line: number } | null,
): Problem | undefined {
  const ordered = groupProblems(problems).flatMap((g) => g.problems);
  if (!at) return ordered[0];
  const i = ordered.findIndex((p) => p.path === at.path && p.line > at.line);
  if (i >= 0) return ordered[i];
  const groupIndex = ordered.findIndex((p) => p.path === at.path);
  const after = groupIndex >= 0 ? ordered.slice(groupIndex).find((p) => p.path !== at.path) : undefined;
  return after ?? ordered[0];
}
