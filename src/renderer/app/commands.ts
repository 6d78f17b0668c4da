/** A parsed keybinding: one chord. `mod` is Cmd on macOS and Ctrl elsewhere. */
export interface Keybinding {
  mod: boolean;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
  /** Lower-case `KeyboardEvent.key`, with aliases resolved (`esc` -> `escape`). */
  key: string;
}

export interface Command {
  id: string;
  title: string;
  /** Shown before the title in the palette, e.g. `View`. */
  category?: string;
  /** e.g. `Mod+Shift+P`; `Mod` is Cmd on macOS and Ctrl elsewhere. */
  keybinding?: string;
  /** When it returns false the command is hidden from the palette and its keybinding does nothing. */
  when?: () => boolean;
  run(): void | Promise<void>;
}

const KEY_ALIASES: Record<string, string> = {
  esc: 'escape',
  del: 'delete',
  space: ' ',
  plus: '+',
  up: 'arrowup',
  down: 'arrowdown',
  left: 'arrowleft',
  right: 'arrowright',
  return: 'enter',
  backtick: '`',
};

/** Parses `Mod+Shift+P`, `Ctrl+Tab`, `Alt+F4`… Throws on an empty or modifier-only binding. */
export function parseKeybinding(text: string): Keybinding {
  const kb: Keybinding = { mod: false, ctrl: false, shift: false, alt: false, meta: false, key: '' };
  const parts = text.split(/\+(?!$)/).map((p) => p.trim().toLowerCase());
  for (const part of parts) {
    if (part === 'mod' || part === 'cmdorctrl' || part === 'commandorcontrol') kb.mod = true;
    else if (part === 'ctrl' || part === 'control') kb.ctrl = true;
    else if (part === 'shift') kb.shift = true;
    else if (part === 'alt' || part === 'option') kb.alt = true;
    else if (part === 'meta' || part === 'cmd' || part === 'command' || part === 'super') kb.meta = true;
    else if (kb.key) throw new Error(`Keybinding "${text}" has more than one key`);
    else kb.key = KEY_ALIASES[part] ?? part;
  }
  if (!kb.key) throw new Error(`Keybinding "${text}" has no key`);
  return kb;
}

export interface KeyEventLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/** The key an event stands for, independent of Shift (`?` on Shift+/ stays `/` via `code`). */
function eventKey(e: KeyEventLike): string {
  if (e.code && /^Key[A-Z]$/.test(e.code)) return e.code.slice(3).toLowerCase();
  if (e.code && /^Digit[0-9]$/.test(e.code)) return e.code.slice(5);
  return e.key.toLowerCase();
}

export function matchesKeybinding(kb: Keybinding, e: KeyEventLike, isMac: boolean): boolean {
  const wantCtrl = kb.ctrl || (kb.mod && !isMac);
  const wantMeta = kb.meta || (kb.mod && isMac);
  return (
    e.ctrlKey === wantCtrl &&
    e.metaKey === wantMeta &&
    e.shiftKey === kb.shift &&
    e.altKey === kb.alt &&
    eventKey(e) === kb.key
  );
}

const KEY_LABELS: Record<string, string> = {
  escape: 'Esc',
  arrowup: '↑',
  arrowdown: '↓',
  arrowleft: '←',
  arrowright: '→',
  enter: 'Enter',
  tab: 'Tab',
  ' ': 'Space',
  delete: 'Delete',
  backspace: 'Backspace',
};

/** The label shown next to a command: `Ctrl+Shift+P`, or `⇧⌘P` on macOS. */
export function formatKeybinding(text: string, isMac: boolean): string {
  const kb = parseKeybinding(text);
  const key =
    KEY_LABELS[kb.key] ??
    (kb.key.length === 1 ? kb.key.toUpperCase() : kb.key[0].toUpperCase() + kb.key.slice(1));
  if (isMac) {
    return `${kb.ctrl ? '⌃' : ''}${kb.alt ? '⌥' : ''}${kb.shift ? '⇧' : ''}${kb.mod || kb.meta ? '⌘' : ''}${key}`;
  }
  const parts: string[] = [];
  if (kb.ctrl || kb.mod) parts.push('Ctrl');
  if (kb.shift) parts.push('Shift');
  if (kb.alt) parts.push('Alt');
  if (kb.meta) parts.push('Win');
  parts.push(key);
  return parts.join('+');
}

/** The commands both the palette and the keybinding dispatcher use. */
export class CommandRegistry {
  private readonly commands = new Map<string, { command: Command; kb?: Keybinding }>();
  private readonly listeners = new Set<() => void>();

  register(command: Command): () => void {
    if (this.commands.has(command.id)) throw new Error(`Command ${command.id} is already registered`);
    this.commands.set(command.id, {
      command,
      kb: command.keybinding ? parseKeybinding(command.keybinding) : undefined,
    });
    this.changed();
    return () => {
      if (this.commands.get(command.id)?.command === command) {
        this.commands.delete(command.id);
        this.changed();
      }
    };
  }

  get(id: string): Command | undefined {
    return this.commands.get(id)?.command;
  }

  /** Enabled commands, in registration order. */
  all(): Command[] {
    return [...this.commands.values()].map((c) => c.command).filter((c) => !c.when || c.when());
  }

  async execute(id: string): Promise<void> {
    const command = this.get(id);
    if (!command) throw new Error(`Unknown command ${id}`);
    await command.run();
  }

  /** The enabled command bound to this key event, if any. */
  resolveKey(e: KeyEventLike, isMac: boolean): Command | undefined {
    for (const { command, kb } of this.commands.values()) {
      if (kb && matchesKeybinding(kb, e, isMac) && (!command.when || command.when())) return command;
    }
    return undefined;
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }
}

export const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The application's registry. */
export const commands = new CommandRegistry();
