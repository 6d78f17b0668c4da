import { describe, expect, it } from 'vitest';
import { createHistory, record, redo, undo } from './designer-store';

describe('designer history', () => {
  it('undoes and redoes whole texts', () => {
    let h = createHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'd');
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(h.past).toEqual(['a', 'b']);
  });

  it('ignores the same text and caps its length', () => {
    let h = createHistory('0');
    expect(record(h, '0')).toBe(h);
    for (let i = 1; i <= 5; i++) h = record(h, String(i), 3);
    expect(h.past).toEqual(['2', '3', '4']);
  });
});
