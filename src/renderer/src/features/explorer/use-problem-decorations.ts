import { useMemo } from 'react';
import { useStore } from '../../app/store';
import { workspaceStore } from '../workspace/workspace-store';
import { ancestors } from './tree-model';

/** The worst problem severity per file and per folder above it, for the tree's decorations. */
export function useProblemSeverityByPath(): Map<string, 'error' | 'warning'> {
  const problems = useStore(workspaceStore, (s) => s.problems);
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
