import { describe, expect, it, vi } from 'vitest';
import {
  CommandRegistry,
  formatKeybinding,
  matchesKeybinding,
  parseKeybinding,
  type KeyEventLike,
} from './commands';

const key = (k: string, mods: Partial<KeyEventLike> = {}, code?: string): KeyEventLike => ({
  key: k,
  code,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('parseKeybinding', () => {
  it('parses modifiers and the key', () => {
    expect(parseKeybinding('Mod+Shift+P')).toEqual({
      mod: true,
      ctrl: false,
      shift: true,
      alt: false,
      meta: false,
      key: 'p',
    });
    expect(parseKeybinding('Ctrl+Tab').key).toBe('tab');
    expect(parseKeybinding('Alt+Esc').key).toBe('escape');
    expect(parseKeybinding('F8')).toMatchObject({ key: 'f8', mod: false });
    expect(parseKeybinding('Ctrl++').key).toBe('+');
  });

  it('rejects bindings without a key or with two keys', () => {
    expect(() => parseKeybinding('Ctrl+Shift')).toThrow(/no key/);
    expect(() => parseKeybinding('Ctrl+A+B')).toThrow(/more than one key/);
  });
});

describe('matchesKeybinding', () => {
  const palette = parseKeybinding('Mod+Shift+P');

  it('maps Mod to Ctrl off macOS and to Cmd on macOS', () => {
    expect(matchesKeybinding(palette, key('P', { ctrlKey: true, shiftKey: true }, 'KeyP'), false)).toBe(true);
    expect(matchesKeybinding(palette, key('P', { ctrlKey: true, shiftKey: true }, 'KeyP'), true)).toBe(false);
    expect(matchesKeybinding(palette, key('p', { metaKey: true, shiftKey: true }, 'KeyP'), true)).toBe(true);
  });

  it('requires the exact modifier set', () => {
    expect(matchesKeybinding(palette, key('p', { ctrlKey: true }, 'KeyP'), false)).toBe(false);
    expect(
      matchesKeybinding(parseKeybinding('Mod+P'), key('P', { ctrlKey: true, shiftKey: true }, 'KeyP'), false),
    ).toBe(false);
  });

  it('uses the physical key for letters so layouts and Shift do not matter', () => {
    expect(
      matchesKeybinding(
        parseKeybinding('Mod+Shift+M'),
        key('M', { ctrlKey: true, shiftKey: true }, 'KeyM'),
        false,
      ),
    ).toBe(true);
  });

  it('keeps Ctrl literal on macOS (Ctrl+Tab)', () => {
    expect(matchesKeybinding(parseKeybinding('Ctrl+Tab'), key('Tab', { ctrlKey: true }, 'Tab'), true)).toBe(
      true,
    );
  });
});

describe('formatKeybinding', () => {
  it('formats for Windows/Linux and macOS', () => {
    expect(formatKeybinding('Mod+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(formatKeybinding('Mod+Shift+P', true)).toBe('⇧⌘P');
    expect(formatKeybinding('Ctrl+Tab', false)).toBe('Ctrl+Tab');
    expect(formatKeybinding('F8', false)).toBe('F8');
  });
});

describe('CommandRegistry', () => {
  it('registers, lists enabled commands, executes and unregisters', async () => {
    const r = new CommandRegistry();
    const run = vi.fn();
    let enabled = false;
    const dispose = r.register({ id: 'a', title: 'A', keybinding: 'Mod+J', run });
    r.register({ id: 'b', title: 'B', when: () => enabled, run: () => {} });
    expect(r.all().map((c) => c.id)).toEqual(['a']);
    enabled = true;
    expect(r.all().map((c) => c.id)).toEqual(['a', 'b']);
    await r.execute('a');
    expect(run).toHaveBeenCalledOnce();
    expect(r.resolveKey(key('j', { ctrlKey: true }, 'KeyJ'), false)?.id).toBe('a');
    dispose();
    expect(r.get('a')).toBeUndefined();
    expect(r.resolveKey(key('j', { ctrlKey: true }, 'KeyJ'), false)).toBeUndefined();
    await expect(r.execute('a')).rejects.toThrow(/Unknown command/);
  });

  it('refuses duplicate ids and does not resolve disabled commands', () => {
    const r = new CommandRegistry();
    r.register({ id: 'x', title: 'X', keybinding: 'F8', when: () => false, run: () => {} });
    expect(() => r.register({ id: 'x', title: 'X', run: () => {} })).toThrow(/already registered/);
    expect(r.resolveKey(key('F8', {}, 'F8'), false)).toBeUndefined();
  });

  it('notifies listeners on change', () => {
    const r = new CommandRegistry();
    const l = vi.fn();
    r.onDidChange(l);
    r.register({ id: 'x', title: 'X', run: () => {} })();
    expect(l).toHaveBeenCalledTimes(2);
  });
});
