import type { SearchQuery, SearchResult } from '../../../shared/contract';
import { createStore } from '../../app/store';
import { notify } from '../../app/notifications';
import { client } from '../../platform/services';
import { isDirty } from '../editor';
import { onFilesChanged } from '../workspace';

export interface SearchState {
  query: SearchQuery;
  replacement: string;
  showReplace: boolean;
  showFilters: boolean;
  result: SearchResult | null;
  error: string | null;
  searching: boolean;
  /** Files whose matches are folded away. */
  collapsed: ReadonlySet<string>;
  /** Bumped to move the keyboard focus into the search box (Ctrl/Cmd+Shift+F). */
  focusSeq: number;
}

const TYPING_DELAY_MS = 250;
/** Files changing on disk while results are shown: search again, once the burst is over. */
const REFRESH_DELAY_MS = 500;

export const searchStore = createStore<SearchState>({
  query: { pattern: '', isRegex: false, matchCase: false, wholeWord: false, include: '', exclude: '' },
  replacement: '',
  showReplace: false,
  showFilters: false,
  result: null,
  error: null,
  searching: false,
  collapsed: new Set(),
  focusSeq: 0,
});

let timer: ReturnType<typeof setTimeout> | undefined;
/** Only the newest search may write its answer (an older one is stopped in main, or just late). */
let latest = 0;

export function patchSearch(patch: Partial<SearchState>): void {
  searchStore.set((s) => ({ ...s, ...patch }));
}

/** Changes the query and searches again once typing pauses. */
export function setQuery(patch: Partial<SearchQuery>): void {
  searchStore.set((s) => ({ ...s, query: { ...s.query, ...patch } }));
  schedule(TYPING_DELAY_MS);
}

export function focusSearch(initial?: string): void {
  searchStore.set((s) => ({
    ...s,
    focusSeq: s.focusSeq + 1,
    query: initial ? { ...s.query, pattern: initial } : s.query,
  }));
  if (initial) schedule(0);
}

function schedule(delay: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => void runSearch(), delay);
}

export async function runSearch(): Promise<void> {
  const { query } = searchStore.get();
  const seq = ++latest;
  if (query.pattern === '') {
    patchSearch({ result: null, error: null, searching: false });
    return;
  }
  patchSearch({ searching: true });
  try {
    const result = await client.search.find(query);
    if (seq === latest) patchSearch({ result, error: null, searching: false });
  } catch (error) {
    if (seq === latest) patchSearch({ result: null, error: (error as Error).message, searching: false });
  }
}

export function toggleCollapsed(path: string): void {
  searchStore.set((s) => {
    const collapsed = new Set(s.collapsed);
    if (collapsed.has(path)) collapsed.delete(path);
    else collapsed.add(path);
    return { ...s, collapsed };
  });
}

/** What a replace would do: the files it writes, and those left alone because their editors hold unsaved edits. */
export function replacePlan(
  result: SearchResult,
  only?: string,
): { paths: string[]; matches: number; unsaved: string[] } {
  const files = result.files.filter((f) => only === undefined || f.path === only);
  const unsaved = files.filter((f) => isDirty(f.path)).map((f) => f.path);
  const writable = files.filter((f) => !isDirty(f.path));
  return {
    paths: writable.map((f) => f.path),
    matches: writable.reduce((n, f) => n + f.matches.length, 0),
    unsaved,
  };
}

/** Replaces in every found file (or one), except files with unsaved edits, then searches again. */
export async function replaceAll(only?: string): Promise<void> {
  const { query, replacement, result } = searchStore.get();
  if (!result) return;
  const plan = replacePlan(result, only);
  try {
    if (plan.paths.length > 0) {
      const done = await client.search.replace({ ...query, replacement, paths: plan.paths });
      notify(
        'info',
        `Replaced ${done.replacements} occurrence${done.replacements === 1 ? '' : 's'} in ${done.files} file${done.files === 1 ? '' : 's'}.`,
      );
    }
    if (plan.unsaved.length > 0)
      notify(
        'warning',
        `Not replaced in ${plan.unsaved.length} file${plan.unsaved.length === 1 ? '' : 's'} with unsaved changes: save or revert first.`,
        plan.unsaved.join('\n'),
      );
  } catch (error) {
    patchSearch({ error: (error as Error).message });
    return;
  }
  await runSearch();
}

onFilesChanged(() => {
  if (searchStore.get().result) schedule(REFRESH_DELAY_MS);
});
