import { describe, expect, it } from 'vitest';
import type { GitFileStatus } from '../../../shared/contract/git';
import { changeCount, gitDecorations, groupChanges, relativeTime, subjectOf } from './scm-model';

const f = (
  path: string,
  index: GitFileStatus['index'],
  worktree: GitFileStatus['worktree'],
): GitFileStatus => ({
  path,
  index,
  worktree,
  staged: index !== 'unmodified',
});

describe('groupChanges', () => {
  it('splits staged and unstaged changes, a partly staged file in both groups', () => {
    const { staged, changes } = groupChanges([
      f('scripts/b.py', 'modified', 'modified'),
      f('scripts/a.py', 'unmodified', 'modified'),
      f('new.sh', 'unmodified', 'untracked'),
      f('gone.sql', 'unmodified', 'deleted'),
      f('added.hql', 'added', 'unmodified'),
      f('removed.xml', 'deleted', 'unmodified'),
    ]);
    expect(staged.map((e) => `${e.letter} ${e.path}`)).toEqual([
      'A added.hql',
      'D removed.xml',
      'M scripts/b.py',
    ]);
    expect(changes.map((e) => `${e.letter} ${e.path}`)).toEqual([
      'D gone.sql',
      'U new.sh',
      'M scripts/a.py',
      'M scripts/b.py',
    ]);
  });
});

describe('gitDecorations', () => {
  it('marks files with their letter and folders above them with the strongest change', () => {
    const map = gitDecorations([
      f('scripts/utils/notify.sh', 'unmodified', 'untracked'),
      f('scripts/clean_orders.py', 'unmodified', 'modified'),
      f('data/x.csv', 'unmodified', 'deleted'),
      f('ok.py', 'unmodified', 'unmodified'),
    ]);
    expect(map.get('scripts/clean_orders.py')).toEqual({ letter: 'M', folder: false });
    expect(map.get('scripts/utils/notify.sh')).toEqual({ letter: 'U', folder: false });
    expect(map.get('scripts/utils')).toEqual({ letter: 'U', folder: true });
    expect(map.get('scripts')).toEqual({ letter: 'M', folder: true });
    expect(map.get('data')).toEqual({ letter: 'D', folder: true });
    expect(map.has('ok.py')).toBe(false);
  });
});

describe('relativeTime', () => {
  const now = Date.UTC(2026, 10, 24, 21, 0, 0);
  const ago = (s: number) => relativeTime(now / 1000 - s, now);
  it('speaks in the largest whole unit', () => {
    expect(ago(10)).toBe('just now');
    expect(ago(60)).toBe('1 minute ago');
    expect(ago(60 * 5 + 30)).toBe('5 minutes ago');
    expect(ago(3600 * 3)).toBe('3 hours ago');
    expect(ago(86400 * 2)).toBe('2 days ago');
    expect(ago(86400 * 15)).toBe('2 weeks ago');
    expect(ago(86400 * 400)).toBe('1 year ago');
  });
  it('takes the subject line of a message', () => {
    expect(subjectOf('Fix the gate\n\nlonger text')).toBe('Fix the gate');
  });
});

describe('changeCount', () => {
  it('counts the rows of both groups, as the activity badge shows them', () => {
    expect(changeCount([])).toBe(0);
    expect(
      changeCount([
        f('a.sh', 'modified', 'modified'),
        f('b.sh', 'unmodified', 'untracked'),
        f('c.sh', 'added', 'unmodified'),
      ]),
    ).toBe(4);
  });
});
