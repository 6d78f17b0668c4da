import { describe, expect, it } from 'vitest';
import {
  DagCycleError,
  downstreamOf,
  topologicalOrder,
  upstreamOf,
  validateDag,
  wouldCreateCycle,
  type DagInput,
} from './dag';

const wf = (
  tasks: string[],
  relations: Array<[string, string, boolean?]>,
  references: string[] = [],
): DagInput => ({
  references: references.map((name) => ({ name })),
  tasks: tasks.map((name) => ({ name })),
  relations: relations.map(([from, to, rerun]) => ({ from, to, rerun: rerun ?? true })),
});

describe('validateDag', () => {
  it('names the cycle path and the relation that closes it', () => {
    const issues = validateDag(
      wf(
        ['a', 'b', 'c'],
        [
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
        ],
      ),
    );
    expect(issues).toEqual([
      { kind: 'cycle', message: 'cycle: a -> b -> c -> a', relationIndex: 2, path: ['relations', 2] },
    ]);
  });

  it('reports duplicate names, dangling endpoints, self-loops, duplicate relations and refs with upstream', () => {
    const issues = validateDag(
      wf(
        ['a', 'b', 'a', 'ref'],
        [
          ['a', 'ghost'],
          ['b', 'b'],
          ['a', 'b'],
          ['a', 'b'],
          ['b', 'ref'],
        ],
        ['ref'],
      ),
    );
    const kinds = issues.map((i) => `${i.kind}@${i.path.join('.')}`);
    expect(kinds).toEqual([
      'duplicate-name@tasks.2.name',
      'duplicate-name@tasks.3.name',
      'missing-endpoint@relations.0.to',
      'self-loop@relations.1',
      'duplicate-relation@relations.3',
      'reference-not-root@relations.4.to',
    ]);
    expect(issues[2].message).toBe('relation to "ghost": no task or reference has that name');
    expect(issues[4].message).toContain('first at relations[2]');
  });

  it('accepts a valid diamond', () => {
    expect(
      validateDag(
        wf(
          ['a', 'b', 'c', 'd'],
          [
            ['a', 'b'],
            ['a', 'c'],
            ['b', 'd'],
            ['c', 'd'],
          ],
        ),
      ),
    ).toEqual([]);
  });
});

describe('topologicalOrder', () => {
  it('breaks ties by declaration order, references first', () => {
    const w = wf(
      ['z', 'y', 'x', 'w'],
      [
        ['ref', 'x'],
        ['z', 'w'],
        ['x', 'w'],
      ],
      ['ref'],
    );
    expect(topologicalOrder(w)).toEqual(['ref', 'z', 'y', 'x', 'w']);
  });

  it('throws with the cycle path', () => {
    expect(() =>
      topologicalOrder(
        wf(
          ['a', 'b'],
          [
            ['a', 'b'],
            ['b', 'a'],
          ],
        ),
      ),
    ).toThrow(new DagCycleError(['a', 'b', 'a']));
  });

  it('handles 10,000 chained nodes without recursion', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `t${i}`);
    const rels = names.slice(1).map((n, i): [string, string] => [names[i], n]);
    expect(topologicalOrder(wf(names, rels)).at(-1)).toBe('t9999');
  });
});

describe('downstreamOf', () => {
  // a -> b (false) -> c ; a -> d -> c ; b -> e
  const w = wf(
    ['a', 'b', 'c', 'd', 'e'],
    [
      ['a', 'b', false],
      ['b', 'c'],
      ['a', 'd'],
      ['d', 'c'],
      ['b', 'e'],
    ],
  );

  it('a rerun=false relation stops propagation; its downstream is skipped unless reachable by a true path', () => {
    expect(downstreamOf(w, 'a')).toEqual({ run: ['a', 'd', 'c'], skip: ['b', 'e'] });
  });

  it('runs everything downstream when rerun flags are not honoured', () => {
    expect(downstreamOf(w, 'a', { honourRerun: false })).toEqual({
      run: ['a', 'b', 'd', 'c', 'e'],
      skip: [],
    });
  });

  it('starting below the false edge runs normally', () => {
    expect(downstreamOf(w, 'b')).toEqual({ run: ['b', 'c', 'e'], skip: [] });
  });

  it('unknown start node throws', () => {
    expect(() => downstreamOf(w, 'nope')).toThrow(/no node named "nope"/);
  });
});

describe('upstreamOf and wouldCreateCycle', () => {
  const w = wf(
    ['a', 'b', 'c', 'd'],
    [
      ['a', 'b'],
      ['b', 'c'],
      ['d', 'c'],
    ],
  );
  it('lists ancestors in order', () => {
    expect(upstreamOf(w, 'c')).toEqual(['a', 'b', 'd']);
    expect(upstreamOf(w, 'a')).toEqual([]);
  });
  it('returns the cycle an edge would close, or null', () => {
    expect(wouldCreateCycle(w, 'c', 'a')).toEqual(['c', 'a', 'b', 'c']);
    expect(wouldCreateCycle(w, 'b', 'b')).toEqual(['b', 'b']);
    expect(wouldCreateCycle(w, 'a', 'd')).toBeNull();
    expect(wouldCreateCycle(w, 'a', 'c')).toBeNull();
  });
});
