import { describe, expect, it } from 'vitest';
import { canvasKeyCommand } from './canvas-keys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});
const ctx = { selectedNodes: 1, findOpen: false, readOnly: false };

describe('canvasKeyCommand', () => {
  it('maps the editing shortcuts, with Ctrl or Cmd', () => {
    expect(canvasKeyCommand(key('z', { ctrlKey: true }), ctx)).toEqual({ kind: 'undo' });
    expect(canvasKeyCommand(key('Z', { metaKey: true, shiftKey: true }), ctx)).toEqual({ kind: 'redo' });
    expect(canvasKeyCommand(key('y', { ctrlKey: true }), ctx)).toEqual({ kind: 'redo' });
    expect(canvasKeyCommand(key('d', { metaKey: true }), ctx)).toEqual({ kind: 'duplicate' });
    expect(canvasKeyCommand(key('Backspace'), ctx)).toEqual({ kind: 'delete' });
    expect(canvasKeyCommand(key('f', { ctrlKey: true }), ctx)).toEqual({ kind: 'find' });
    expect(canvasKeyCommand(key('z'), ctx)).toBeNull();
  });

  it('nudges a selection by 10, or by 1 with Shift; nothing selected lets arrows through', () => {
    expect(canvasKeyCommand(key('ArrowLeft'), ctx)).toEqual({ kind: 'nudge', dx: -10, dy: 0 });
    expect(canvasKeyCommand(key('ArrowDown', { shiftKey: true }), ctx)).toEqual({
      kind: 'nudge',
      dx: 0,
      dy: 1,
    });
    expect(canvasKeyCommand(key('ArrowUp'), { ...ctx, selectedNodes: 0 })).toBeNull();
  });

  it('F2 renames one node of an editable graph; Escape closes Find only when it is open', () => {
    expect(canvasKeyCommand(key('F2'), ctx)).toEqual({ kind: 'rename' });
    expect(canvasKeyCommand(key('F2'), { ...ctx, selectedNodes: 2 })).toBeNull();
    expect(canvasKeyCommand(key('F2'), { ...ctx, readOnly: true })).toBeNull();
    expect(canvasKeyCommand(key('Escape'), ctx)).toBeNull();
    expect(canvasKeyCommand(key('Escape'), { ...ctx, findOpen: true })).toEqual({ kind: 'closeFind' });
  });
});
