import { describe, expect, it } from 'vitest';
import { formatHeaders, parseHeaders, splitList } from './task-edit';

describe('header lines', () => {
  it('round-trips Name: value lines, values may hold colons', () => {
    const parsed = parseHeaders('Content-Type: application/json\n\nAuthorization: Bearer a:b\n');
    expect(parsed).toEqual({
      ok: true,
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer a:b' },
    });
    expect(formatHeaders(parsed.ok ? parsed.headers : {})).toBe(
      'Content-Type: application/json\nAuthorization: Bearer a:b',
    );
  });

  it('names the line that is not a header', () => {
    expect(parseHeaders('X-A: 1\nno colon here')).toEqual({
      ok: false,
      reason: 'Line 2: write a header as "Name: value"',
    });
    expect(parseHeaders('Bad Name: 1')).toEqual({
      ok: false,
      reason: 'Line 1: "Bad Name" is not a valid header name',
    });
  });
});

describe('splitList', () => {
  it('trims and drops empty entries', () => expect(splitList(' a, b ,,c ')).toEqual(['a', 'b', 'c']));
});
