import { useMemo } from 'react';
import type { Problem } from '../../../shared/contract';
import { createStore, useStore, type Store } from '../../app/store';
import { workspaceStore } from '../workspace';
import { LIVE_SOURCES } from './live-validation';

/** The findings of each file's unsaved text (YAML, schema, DAG); no entry for a file whose text is saved. */
export const unsavedProblemsStore = createStore<ReadonlyMap<string, readonly Problem[]>>(new Map());

/** Sets (or, with null, removes) one file's entry of a per-file store; no change, no notification. */
function setFileEntry<T>(store: Store<ReadonlyMap<string, T>>, path: string, value: T | null): void {
  const current = store.get();
  if (value === null && !current.has(path)) return;
  const next = new Map(current);
  if (value !== null) next.set(path, value);
  else next.delete(path);
  store.set(next);
}

export function setUnsavedProblems(path: string, problems: readonly Problem[] | null): void {
  setFileEntry(unsavedProblemsStore, path, problems);
}

/** The syntax error of each open Python buffer, saved or not (features/editor/python-syntax.ts). */
export const syntaxProblemsStore = createStore<ReadonlyMap<string, Problem>>(new Map());

export function setSyntaxProblem(path: string, problem: Problem | null): void {
  setFileEntry(syntaxProblemsStore, path, problem);
}

/** The errors the last script run reported (tracebacks, bash `line N:`, SQL), until the next run. */
export const runProblemsStore = createStore<readonly Problem[]>([]);

export function setRunProblems(problems: readonly Problem[]): void {
  if (problems.length === 0 && runProblemsStore.get().length === 0) return;
  runProblemsStore.set(problems);
}

/** The workspace's problems, with an unsaved file's own findings in place of those of its saved text (cross-file ones stay). */
export function mergeUnsaved(
  saved: readonly Problem[],
  unsaved: ReadonlyMap<string, readonly Problem[]>,
): Problem[] {
  if (unsaved.size === 0) return saved as Problem[];
  const kept = saved.filter((p) => !(unsaved.has(p.path) && LIVE_SOURCES.has(p.source)));
  for (const problems of unsaved.values()) kept.push(...problems);
  return kept;
}

/** What Problems, the status bar, the explorer and the designer show: what the editors show. */
export function useProblems(): readonly Problem[] {
  const saved = useStore(workspaceStore, (s) => s.problems);
  const unsaved = useStore(unsavedProblemsStore, (s) => s);
  const syntax = useStore(syntaxProblemsStore, (s) => s);
  const run = useStore(runProblemsStore, (s) => s);
  return useMemo(() => {
    const merged = mergeUnsaved(saved, unsaved);
    return syntax.size === 0 && run.length === 0 ? merged : [...merged, ...syntax.values(), ...run];
  }, [saved, unsaved, syntax, run]);
}
