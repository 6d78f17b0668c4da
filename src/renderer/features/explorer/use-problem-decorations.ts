import { useMemo } from 'react';
import { ancestors } from '../workspace';
import { useProblems } from '../editor';

/** The worst problem severity per file and per folder above it, for the tree's decorations. */
export function useProblemSeverityByPath(): Map<string, 'error' | 'warning'> {
  const problems = useProblems();
  return useMemo(() => {
    const map = new Map<string, 'error' | 'warning'>();
    for (const p of problems) {
      if (p.severity === 'info') continue;
      for (const path of [p.path, ...ancestors(p.path)]) {
        if (map.get(path) !== 'error') map.set(path, p.severity);
      }
    }
    return map;
  }, [problems]);
}
