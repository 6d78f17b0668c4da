import { describe, expect, it } from 'vitest';
import { visibleRange } from '../../ui/use-virtual-rows';
import { isAtBottom, LogBuffer } from './log-buffer';

describe('LogBuffer', () => {
  it('keeps lines whatever the chunking, with the unterminated tail pending', () => {
    const b = new LogBuffer();
    b.append('one\ntw');
    expect(b.lineCount).toBe(2);
    expect(b.line(1)).toBe('tw');
    b.append('o\r\nthree\n');
    expect(b.slice(0, 10)).toEqual(['one', 'two', 'three']);
    expect(b.lineCount).toBe(3);
  });

  it('searches without escape codes and exports plain text', () => {
    const b = new LogBuffer();
    b.append('a \x1b[31mERROR\x1b[0m here\nfine\nerror again\n');
    expect(b.search('error')).toEqual([0, 2]);
    expect(b.search('')).toEqual([]);
    expect(b.plainText()).toBe('a ERROR here\nfine\nerror again');
    // A match may span escape codes; regex characters in the query are literal.
    expect(b.search('error here')).toEqual([0]);
    expect(b.search('A ERR')).toEqual([0]);
    b.append('cost (a+b).*\nnope axb\n');
    expect(b.search('(a+b).*')).toEqual([3]);
    expect(b.search('a.b')).toEqual([]);
  });

  it('handles a large log: only the visible window is materialised', () => {
    const b = new LogBuffer();
    const line = 'x'.repeat(99) + '\n';
    for (let i = 0; i < 50; i++) b.append(line.repeat(20_000)); // 100 MB in 1 MB chunks would be 10x this; same code path
    expect(b.lineCount).toBe(1_000_000);
    const r = visibleRange(18 * 500_000, 900, 18, b.lineCount);
    expect(r).toEqual({ start: 499_990, end: 500_061 });
    expect(b.slice(r.start, r.end)).toHaveLength(71);
  });

  it('follow mode stays on at the bottom only', () => {
    expect(isAtBottom(900, 100, 1000)).toBe(true);
    expect(isAtBottom(850, 100, 1000)).toBe(false);
  });
});
