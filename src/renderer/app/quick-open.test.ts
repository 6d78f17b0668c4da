import { describe, expect, it } from 'vitest';
import { rankFiles } from './quick-open';

const files = [
  'bdp.yaml',
  'workflows/retail/daily_orders.workflow.yaml',
  'scripts/retail/clean_orders.py',
  'data/orders_20260101.csv',
  'docs/ordering.md',
];

describe('rankFiles', () => {
  it('prefers matches in the file name over matches spread across the path', () => {
    const picks = rankFiles('orders', files);
    expect(picks.map((p) => p.path).slice(0, 3)).toEqual(
      expect.arrayContaining([
        'workflows/retail/daily_orders.workflow.yaml',
        'scripts/retail/clean_orders.py',
        'data/orders_20260101.csv',
      ]),
    );
    expect(picks[0].name).toBe('orders_20260101.csv');
  });

  it('splits highlights between name and folder', () => {
    const [pick] = rankFiles('retcl', ['scripts/retail/clean_orders.py']);
    expect(pick.dirMatch.length).toBeGreaterThan(0);
    expect(pick.nameMatch).toEqual([0, 1]);
  });

  it('lists recent files first when the query is empty', () => {
    const picks = rankFiles('', files, ['docs/ordering.md']);
    expect(picks[0].path).toBe('docs/ordering.md');
    expect(picks).toHaveLength(files.length);
  });

  it('returns nothing for a query that matches no file', () => {
    expect(rankFiles('zzz', files)).toEqual([]);
  });
});
