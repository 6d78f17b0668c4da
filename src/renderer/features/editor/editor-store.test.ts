import { describe, expect, it } from 'vitest';
import { closeReducer, openReducer, type EditorState } from './editor-store';

const empty: EditorState = { tabs: [], active: null, mru: [], reveal: null, cursor: null };

describe('editor tabs', () => {
  it('a single-click open replaces the preview tab; a pinned open adds a tab', () => {
    let s = openReducer(empty, 'a');
    expect(s.tabs).toEqual([{ path: 'a', preview: true }]);
    s = openReducer(s, 'b');
    expect(s.tabs).toEqual([{ path: 'b', preview: true }]);
    s = openReducer(s, 'b', { preview: false });
    expect(s.tabs).toEqual([{ path: 'b', preview: false }]);
    s = openReducer(s, 'c');
    s = openReducer(s, 'd');
    expect(s.tabs.map((t) => `${t.path}${t.preview ? '*' : ''}`)).toEqual(['b', 'd*']);
    expect(s.active).toBe('d');
  });

  it('opens new tabs to the right of the active one', () => {
    let s = openReducer(empty, 'a', { preview: false });
    s = openReducer(s, 'b', { preview: false });
    s = openReducer(s, 'a');
    s = openReducer(s, 'c', { preview: false });
    expect(s.tabs.map((t) => t.path)).toEqual(['a', 'c', 'b']);
  });

  it('records a reveal request with a fresh sequence number each time', () => {
    const s1 = openReducer(empty, 'a', { line: 12, column: 3 });
    const s2 = openReducer(s1, 'a', { line: 12, column: 3 });
    expect(s1.reveal).toMatchObject({ path: 'a', line: 12, column: 3 });
    expect(s2.reveal!.seq).toBeGreaterThan(s1.reveal!.seq);
  });

  it('closing the active tab activates the most recently used one', () => {
    let s = openReducer(empty, 'a', { preview: false });
    s = openReducer(s, 'b', { preview: false });
    s = openReducer(s, 'c', { preview: false });
    s = openReducer(s, 'a');
    s = closeReducer(s, 'a');
    expect(s.active).toBe('c');
    s = closeReducer(s, 'c');
    expect(s.active).toBe('b');
    s = closeReducer(s, 'b');
    expect(s.active).toBeNull();
    expect(closeReducer(s, 'zzz')).toBe(s);
  });
});
