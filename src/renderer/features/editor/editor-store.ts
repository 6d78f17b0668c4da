import { createStore } from '../../app/store';

export interface EditorTab {
  path: string;
  /** A preview tab (italic) is replaced by the next single-click open; editing or double-click pins it. */
  preview: boolean;
}

export interface RevealRequest {
  path: string;
  line: number;
  column: number;
  /** Characters to select from `column` (a search match); none = just the cursor. */
  length?: number;
  /** Leave the keyboard focus where it is (a search result clicked once), as VS Code's preserveFocus. */
  preserveFocus?: boolean;
  /** Increments on every request so revealing the same line twice still scrolls. */
  seq: number;
}

export interface EditorState {
  tabs: EditorTab[];
  active: string | null;
  /** Most recently used first, for Ctrl+Tab and for what becomes active when a tab closes. */
  mru: string[];
  reveal: RevealRequest | null;
  /** Cursor of the active text view, for the status bar. */
  /** The active text editor's cursor; `selected` = characters selected (0 = none). */
  cursor: { path: string; line: number; column: number; selected?: number } | null;
}

export const editorStore = createStore<EditorState>({
  tabs: [],
  active: null,
  mru: [],
  reveal: null,
  cursor: null,
});

let revealSeq = 0;

export interface OpenOptions {
  /** Default true: single-click opens replace the current preview tab. */
  preview?: boolean;
  line?: number;
  column?: number;
  /** Select this many characters from `column`, on `line`. */
  length?: number;
  /** Reveal without moving the keyboard focus into the editor. */
  preserveFocus?: boolean;
}

/** Pure state transition for opening a file; exported for tests. */
export function openReducer(state: EditorState, path: string, options: OpenOptions = {}): EditorState {
  const preview = options.preview ?? true;
  let tabs = state.tabs;
  const existing = tabs.findIndex((t) => t.path === path);
  if (existing >= 0) {
    if (!preview && tabs[existing].preview)
      tabs = tabs.map((t, i) => (i === existing ? { ...t, preview: false } : t));
  } else {
    const tab: EditorTab = { path, preview };
    const previewIndex = preview ? tabs.findIndex((t) => t.preview) : -1;
    if (previewIndex >= 0) {
      tabs = tabs.map((t, i) => (i === previewIndex ? tab : t));
    } else {
      const activeIndex = tabs.findIndex((t) => t.path === state.active);
      tabs = [...tabs.slice(0, activeIndex + 1), tab, ...tabs.slice(activeIndex + 1)];
    }
  }
  const open = new Set(tabs.map((t) => t.path));
  const mru = [path, ...state.mru.filter((p) => p !== path && open.has(p))];
  const reveal = options.line
    ? {
        path,
        line: options.line,
        column: options.column ?? 1,
        length: options.length,
        preserveFocus: options.preserveFocus,
        seq: ++revealSeq,
      }
    : state.reveal;
  return { ...state, tabs, active: path, mru, reveal };
}

/** Pure state transition for closing a tab; the most recently used remaining tab becomes active. */
export function closeReducer(state: EditorState, path: string): EditorState {
  if (!state.tabs.some((t) => t.path === path)) return state;
  const tabs = state.tabs.filter((t) => t.path !== path);
  const mru = state.mru.filter((p) => p !== path);
  const active = state.active === path ? (mru[0] ?? tabs[0]?.path ?? null) : state.active;
  return { ...state, tabs, mru, active, cursor: state.cursor?.path === path ? null : state.cursor };
}

export function openFile(path: string, options?: OpenOptions): void {
  editorStore.set((s) => openReducer(s, path, options));
}

export function pinTab(path: string): void {
  editorStore.set((s) => ({
    ...s,
    tabs: s.tabs.map((t) => (t.path === path ? { ...t, preview: false } : t)),
  }));
}

/** Lets the editor ask Save / Don't Save / Cancel before a tab with unsaved changes closes. */
export interface CloseGuard {
  isDirty(path: string): boolean;
  /** Resolves false when the user cancelled. */
  confirmClose(path: string): Promise<boolean>;
}

let closeGuard: CloseGuard | null = null;

export function setCloseGuard(guard: CloseGuard | null): void {
  closeGuard = guard;
}

/** Closes tabs one by one; a dirty one asks first, and Cancel stops the rest. */
async function closeGuarded(paths: string[]): Promise<void> {
  for (const path of paths) {
    if (closeGuard?.isDirty(path) && !(await closeGuard.confirmClose(path))) return;
    editorStore.set((s) => closeReducer(s, path));
  }
}

export function closeTab(path: string): void {
  void closeGuarded([path]);
}

export function closeActiveTab(): void {
  const active = editorStore.get().active;
  if (active) closeTab(active);
}

export function closeAllTabs(): void {
  void closeGuarded(editorStore.get().tabs.map((t) => t.path));
}

export function closeOtherTabs(path: string): void {
  activateTab(path);
  void closeGuarded(
    editorStore
      .get()
      .tabs.map((t) => t.path)
      .filter((p) => p !== path),
  );
}

export function activateTab(path: string): void {
  editorStore.set((s) => ({ ...s, active: path, mru: [path, ...s.mru.filter((p) => p !== path)] }));
}

/** Ctrl+Tab: the previously used tab; Ctrl+Shift+Tab goes the other way through the tab strip. */
export function switchTab(direction: 1 | -1): void {
  const s = editorStore.get();
  if (s.tabs.length < 2) return;
  if (direction === 1 && s.mru[1]) return activateTab(s.mru[1]);
  const i = s.tabs.findIndex((t) => t.path === s.active);
  activateTab(s.tabs[(i + direction + s.tabs.length) % s.tabs.length].path);
}

/** Keeps tabs pointing at a renamed file or folder. */
export function renamePaths(from: string, to: string): void {
  const map = (p: string): string =>
    p === from ? to : p.startsWith(from + '/') ? to + p.slice(from.length) : p;
  editorStore.set((s) => ({
    ...s,
    tabs: s.tabs.map((t) => ({ ...t, path: map(t.path) })),
    active: s.active && map(s.active),
    mru: s.mru.map(map),
    cursor: null,
  }));
}

/** Closes the tabs of a deleted file or folder. */
export function closePathsUnder(path: string): void {
  for (const t of editorStore.get().tabs)
    if (t.path === path || t.path.startsWith(path + '/')) editorStore.set((s) => closeReducer(s, t.path));
}

export function setCursor(cursor: EditorState['cursor']): void {
  const prev = editorStore.get().cursor;
  if (
    prev &&
    cursor &&
    prev.path === cursor.path &&
    prev.line === cursor.line &&
    prev.column === cursor.column &&
    prev.selected === cursor.selected
  )
    return;
  editorStore.set((s) => ({ ...s, cursor }));
}
