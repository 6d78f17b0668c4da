import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../shared/contract';
import {
  ancestors,
  collectFiles,
  findEntry,
  flattenTree,
  parentRowIndex,
  sortTree,
  validateName,
} from './tree-model';

const f = (path: string): FileEntry => ({ path, name: path.slice(path.lastIndexOf('/') + 1), kind: 'file' });
const d = (path: string, children: FileEntry[]): FileEntry => ({
  path,
  name: path.slice(path.lastIndexOf('/') + 1),
  kind: 'dir',
  children,
});

const tree: FileEntry[] = [
  f('bdp.yaml'),
  d('workflows', [
    d('workflows/retail', [f('workflows/retail/b.workflow.yaml'), f('workflows/retail/a.workflow.yaml')]),
  ]),
  f('README.md'),
  d('data', [f('data/file10.csv'), f('data/file2.csv')]),
];

describe('sortTree', () => {
  it('puts folders first and sorts names naturally, case-insensitively', () => {
    const sorted = sortTree(tree);
    expect(sorted.map((e) => e.name)).toEqual(['data', 'workflows', 'bdp.yaml', 'README.md']);
    expect(sorted[0].children!.map((e) => e.name)).toEqual(['file2.csv', 'file10.csv']);
  });
});

describe('flattenTree', () => {
  it('shows only the children of expanded folders, with depths', () => {
    const rows = flattenTree(sortTree(tree), new Set(['workflows', 'workflows/retail']));
    expect(rows.map((r) => `${r.depth}:${r.name}`)).toEqual([
      '0:data',
      '0:workflows',
      '1:retail',
      '2:a.workflow.yaml',
      '2:b.workflow.yaml',
      '0:bdp.yaml',
      '0:README.md',
    ]);
    expect(rows[1].expanded).toBe(true);
    expect(rows[0].expanded).toBe(false);
  });

  it('inserts a pending new item first in its parent, opening the folders above it', () => {
    const rows = flattenTree(sortTree(tree), new Set(), { kind: 'new-file', parent: 'workflows/retail' });
    expect(rows.map((r) => r.name || `<${r.edit}>`)).toEqual([
      'data',
      'workflows',
      'retail',
      '<new-file>',
      'a.workflow.yaml',
      'b.workflow.yaml',
      'bdp.yaml',
      'README.md',
    ]);
    expect(rows[3].depth).toBe(2);
  });

  it('marks the row being renamed', () => {
    const rows = flattenTree(sortTree(tree), new Set(), { kind: 'rename', path: 'bdp.yaml' });
    expect(rows.find((r) => r.path === 'bdp.yaml')?.edit).toBe('rename');
  });

  it('flattens 5,000 files quickly', () => {
    const big: FileEntry[] = Array.from({ length: 50 }, (_, i) =>
      d(
        `d${i}`,
        Array.from({ length: 100 }, (_, j) => f(`d${i}/f${j}.py`)),
      ),
    );
    const expanded = new Set(big.map((e) => e.path));
    const t0 = performance.now();
    const rows = flattenTree(sortTree(big), expanded);
    expect(rows).toHaveLength(5050);
    // A guard against quadratic flattening, not a speed budget (~20 ms here when idle).
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('helpers', () => {
  it('collectFiles lists every file depth-first', () => {
    expect(collectFiles(sortTree(tree))).toEqual([
      'data/file2.csv',
      'data/file10.csv',
      'workflows/retail/a.workflow.yaml',
      'workflows/retail/b.workflow.yaml',
      'bdp.yaml',
      'README.md',
    ]);
  });

  it('parentRowIndex finds the enclosing folder row', () => {
    const rows = flattenTree(sortTree(tree), new Set(['workflows', 'workflows/retail']));
    expect(parentRowIndex(rows, 3)).toBe(2);
    expect(parentRowIndex(rows, 2)).toBe(1);
    expect(parentRowIndex(rows, 0)).toBe(-1);
  });

  it('ancestors and findEntry', () => {
    expect(ancestors('a/b/c.txt')).toEqual(['a', 'a/b']);
    expect(findEntry(tree, 'workflows/retail')?.kind).toBe('dir');
    expect(findEntry(tree, 'workflows/nope')).toBeUndefined();
  });

  it('validateName rejects empty, duplicate and unsafe names', () => {
    expect(validateName('  ', [])).toMatch(/must be provided/);
    expect(validateName('A.txt', ['a.txt'])).toMatch(/already exists/);
    expect(validateName('../x', [])).toMatch(/not a valid path/);
    expect(validateName('a:b', [])).toMatch(/not allowed/);
    expect(validateName('sub/new.py', [])).toBeNull();
  });
});
