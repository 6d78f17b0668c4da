import { describe, expect, it } from 'vitest';
import { formatParameters, parseParameters } from './parameters';

describe('key=value parameters', () => {
  it('round-trips', () => {
    expect(formatParameters({ dt: '${cal_dt}', n: '1' })).toBe('dt=${cal_dt}\nn=1');
    expect(parseParameters('dt=${cal_dt}\n\n n = a=b ')).toEqual({
      ok: true,
      params: { dt: '${cal_dt}', n: 'a=b' },
    });
  });
  it('refuses lines without a key or duplicates', () => {
    expect(parseParameters('x')).toEqual({ ok: false, reason: 'Line 1: write key=value' });
    expect(parseParameters('a=1\na=2')).toEqual({ ok: false, reason: 'Line 2: "a" is given twice' });
  });
});
