import { createStore, type Store } from '../../app/store';

/** Undo history of a workflow file as whole texts: every distinct text seen is one step. */
export interface History {
  past: string[];
  present: string;
  future: string[];
}

export const HISTORY_LIMIT = 200;

export function createHistory(text: string): History {
  return { past: [], present: text, future: [] };
}

/** A new text (a canvas edit, typed YAML, a change on disk) becomes the present; redo is dropped. */
export function record(h: History, text: string, limit = HISTORY_LIMIT): History {
  if (text === h.present) return h;
  return { past: [...h.past, h.present].slice(-limit), present: text, future: [] };
}

export function undo(h: History): History {
  if (h.past.length === 0) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future] };
}

export function redo(h: History): History {
  if (h.future.length === 0) return h;
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}

/** Histories per open workflow file; they outlive the view so switching tabs keeps them. */
const histories = new Map<string, Store<History>>();

export function historyStore(path: string, text: string): Store<History> {
  let store = histories.get(path);
  if (!store) {
    store = createStore(createHistory(text));
    histories.set(path, store);
  }
  return store;
}

export function forgetHistory(path: string): void {
  histories.delete(path);
}
