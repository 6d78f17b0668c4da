/** One run of text with the SGR attributes in force. */
export interface AnsiSpan {
  text: string;
  /** Foreground: `ansi-<0..15>` palette index, or `#rrggbb` for 256/true colours. */
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** SGR state carried from one line to the next (a colour may span lines). */
export type AnsiState = Omit<AnsiSpan, 'text'>;

// Any CSI sequence (colours, cursor moves, erase) and OSC titles; only SGR ("m") changes the style.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[([0-9;?]*)([A-Za-z])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\r/g;

function xterm256(n: number): string {
  if (n < 16) return `ansi-${n}`;
  const hex = (v: number): string => v.toString(16).padStart(2, '0');
  if (n >= 232) {
    const g = 8 + (n - 232) * 10;
    return `#${hex(g)}${hex(g)}${hex(g)}`;
  }
  const i = n - 16;
  const level = (v: number): number => (v === 0 ? 0 : 55 + v * 40);
  return `#${hex(level(Math.floor(i / 36)))}${hex(level(Math.floor(i / 6) % 6))}${hex(level(i % 6))}`;
}

function applySgr(state: AnsiState, params: string): AnsiState {
  const codes = params === '' ? [0] : params.split(';').map((p) => (p === '' ? 0 : Number(p)));
  let s = { ...state };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) s = {};
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 22) s.bold = s.dim = undefined;
    else if (c === 23) s.italic = undefined;
    else if (c === 24) s.underline = undefined;
    else if (c >= 30 && c <= 37) s.fg = `ansi-${c - 30}`;
    else if (c >= 90 && c <= 97) s.fg = `ansi-${c - 90 + 8}`;
    else if (c === 39) s.fg = undefined;
    else if (c >= 40 && c <= 47) s.bg = `ansi-${c - 40}`;
    else if (c >= 100 && c <= 107) s.bg = `ansi-${c - 100 + 8}`;
    else if (c === 49) s.bg = undefined;
    else if (c === 38 || c === 48) {
      const key = c === 38 ? 'fg' : 'bg';
      if (codes[i + 1] === 5 && codes[i + 2] !== undefined) {
        s[key] = xterm256(codes[i + 2]);
        i += 2;
      } else if (codes[i + 1] === 2 && codes[i + 4] !== undefined) {
        const hex = (v: number): string => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0');
        s[key] = `#${hex(codes[i + 2])}${hex(codes[i + 3])}${hex(codes[i + 4])}`;
        i += 4;
      }
    }
  }
  return s;
}

/** Splits one line into styled spans; escape sequences are removed. Returns the state at the end of the line. */
export function parseAnsiLine(line: string, state: AnsiState = {}): { spans: AnsiSpan[]; state: AnsiState } {
  const spans: AnsiSpan[] = [];
  let current = state;
  let last = 0;
  const push = (text: string): void => {
    if (text) spans.push({ ...current, text });
  };
  ESCAPES.lastIndex = 0;
  for (let m = ESCAPES.exec(line); m; m = ESCAPES.exec(line)) {
    push(line.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] === 'm') current = applySgr(current, m[1]);
  }
  push(line.slice(last));
  return { spans, state: current };
}

/** The line without escape sequences (for search and download-as-text). */
export function stripAnsi(line: string): string {
  return line.indexOf('\x1b') < 0 && line.indexOf('\r') < 0 ? line : line.replace(ESCAPES, '');
}
