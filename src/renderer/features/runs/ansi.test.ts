import { describe, expect, it } from 'vitest';
import { parseAnsiLine, stripAnsi } from './ansi';

describe('ANSI parser', () => {
  it('splits SGR colours into spans and removes the escapes', () => {
    const { spans } = parseAnsiLine('plain \x1b[31mred\x1b[0m and \x1b[1;92mbold green\x1b[m');
    expect(spans).toEqual([
      { text: 'plain ' },
      { text: 'red', fg: 'ansi-1' },
      { text: ' and ' },
      { text: 'bold green', fg: 'ansi-10', bold: true },
    ]);
  });

  it('supports 256 and true colours, backgrounds and resets of single attributes', () => {
    expect(parseAnsiLine('\x1b[38;5;196mx').spans[0].fg).toBe('#ff0000');
    expect(parseAnsiLine('\x1b[38;5;244mx').spans[0].fg).toBe('#808080');
    expect(parseAnsiLine('\x1b[48;2;1;2;255mx').spans[0].bg).toBe('#0102ff');
    expect(parseAnsiLine('\x1b[1;4mx\x1b[22my').spans).toEqual([
      { text: 'x', bold: true, underline: true },
      { text: 'y', underline: true },
    ]);
  });

  it('carries the state across lines and ignores non-colour sequences', () => {
    const first = parseAnsiLine('\x1b[33mwarn');
    const second = parseAnsiLine('still yellow\x1b[2K\x1b[1A', first.state);
    expect(second.spans).toEqual([{ text: 'still yellow', fg: 'ansi-3' }]);
    expect(stripAnsi('\x1b]0;title\x07a\x1b[32mb\r')).toBe('ab');
  });
});
