import { createStore, type Store } from '../../app/store';

/** Per-file run settings: `key=value` parameter lines, command-line arguments, business date. */
export interface ScriptParams {
  /** `key=value` per line; `#` comments and blank lines ignored. */
  text: string;
  args: string;
  /** Empty = the status bar's business date. */
  businessDate: string;
}

export const EMPTY_PARAMS: ScriptParams = { text: '', args: '', businessDate: '' };

/** A store mirrored to sessionStorage: kept across reloads of the window, not across sessions. */
function sessionStore<T>(key: string, initial: T): Store<T> {
  let value = initial;
  try {
    const saved = sessionStorage.getItem(key);
    if (saved) value = { ...initial, ...(JSON.parse(saved) as T) };
  } catch {
    // A broken entry starts empty.
  }
  const store = createStore<T>(value);
  store.subscribe(() => {
    try {
      sessionStorage.setItem(key, JSON.stringify(store.get()));
    } catch {
      // Storage full or disabled: the state still lives in memory.
    }
  });
  return store;
}

/** Breakpoint lines per workspace-relative path, persisted for the session. */
export const breakpointStore = sessionStore<Record<string, number[]>>('bdp.script.breakpoints', {});
export const paramsStore = sessionStore<Record<string, ScriptParams>>('bdp.script.params', {});

export function toggleBreakpoint(path: string, line: number): void {
  breakpointStore.set((all) => {
    const lines = all[path] ?? [];
    const next = lines.includes(line)
      ? lines.filter((l) => l !== line)
      : [...lines, line].sort((a, b) => a - b);
    return { ...all, [path]: next };
  });
}

export function setBreakpoints(path: string, lines: number[]): void {
  const current = breakpointStore.get()[path] ?? [];
  const next = [...new Set(lines)].sort((a, b) => a - b);
  if (current.length === next.length && current.every((l, i) => l === next[i])) return;
  breakpointStore.set((all) => ({ ...all, [path]: next }));
}

export function paramsOf(path: string): ScriptParams {
  return paramsStore.get()[path] ?? EMPTY_PARAMS;
}

export function patchParams(path: string, patch: Partial<ScriptParams>): void {
  paramsStore.set((all) => ({ ...all, [path]: { ...(all[path] ?? EMPTY_PARAMS), ...patch } }));
}

/** Parses `key=value` lines. Returns the parameters and one message per bad line (1-based). */
export function parseParameters(text: string): { values: Record<string, string>; errors: string[] } {
  const values: Record<string, string> = {};
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!/^[A-Za-z_][\w.]*$/.test(key)) {
      errors.push(
        `line ${i + 1}: expected key=value with a name of letters, digits, _ and . (got "${line}")`,
      );
      return;
    }
    values[key] = line.slice(eq + 1).trim();
  });
  return { values, errors };
}
