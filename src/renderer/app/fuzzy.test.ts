import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy';

describe('fuzzyMatch', () => {
  it('matches an in-order subsequence case-insensitively and reports indexes', () => {
    expect(fuzzyMatch('tgl', 'Toggle')?.indexes).toEqual([0, 2, 4]);
    expect(fuzzyMatch('TOG', 'toggle')?.indexes).toEqual([0, 1, 2]);
  });

  it('returns null when a character is missing or out of order', () => {
    expect(fuzzyMatch('xyz', 'Toggle Panel')).toBeNull();
    expect(fuzzyMatch('lgt', 'Toggle')).toBeNull();
  });

  it('treats the empty query as a match with no highlights', () => {
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, indexes: [] });
  });

  it('ignores spaces in the query', () => {
    expect(fuzzyMatch('tog pan', 'View: Toggle Panel')).not.toBeNull();
  });

  it('prefers word starts and contiguous runs', () => {
    const a = fuzzyMatch('tp', 'View: Toggle Panel')!;
    expect(a.indexes).toEqual([6, 13]);
    const contiguous = fuzzyMatch('pan', 'Panel')!;
    const scattered = fuzzyMatch('pan', 'open a thing')!;
    expect(contiguous.score).toBeGreaterThan(scattered.score);
  });

  it('matches camelCase humps as word starts', () => {
    expect(fuzzyMatch('do', 'dailyOrders')?.indexes).toEqual([0, 5]);
  });
});

describe('fuzzyFilter', () => {
  it('drops non-matches and ranks better matches first, keeping input order on ties', () => {
    const items = ['Close Editor', 'Color Theme: Dark', 'Color Theme: Light', 'Toggle Theme'];
    const out = fuzzyFilter('theme', items, (s) => s).map((r) => r.item);
    expect(out).toEqual(['Color Theme: Dark', 'Color Theme: Light', 'Toggle Theme']);
    expect(fuzzyFilter('', items, (s) => s).map((r) => r.item)).toEqual(items);
  });
});
