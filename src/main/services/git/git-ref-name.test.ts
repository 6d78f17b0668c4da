import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { branchNameProblem, sanitizeBranchInput } from '../../../shared/git-ref-name';

const VALID = ['main', 'feature/orders', 'fix-1.2', 'user/alice/wip', 'a.b', 'x@y', 'release_2026', '日本'];
const INVALID = [
  '',
  '-x',
  'HEAD',
  '@',
  'has space',
  'tab\tname',
  'a..b',
  'a~1',
  'a^',
  'a:b',
  'a?',
  'a*',
  'a[b',
  'a\\b',
  'a@{1}',
  '/a',
  'a/',
  'a//b',
  'a.',
  '.a',
  'a/.b',
  'a.lock',
  'a/b.lock/c',
  'del\x7f',
  'x'.repeat(256),
];

function gitAccepts(name: string): boolean | null {
  try {
    execFileSync('git', ['check-ref-format', '--branch', name], { stdio: 'ignore' });
    return true;
  } catch (error) {
    const status = (error as { status?: number | null }).status;
    return typeof status === 'number' ? false : null; // null: no git here
  }
}

describe('branchNameProblem', () => {
  it.each(VALID)('accepts %j', (name) => expect(branchNameProblem(name)).toBeNull());
  it.each(INVALID)('refuses %j', (name) => expect(branchNameProblem(name)).toEqual(expect.any(String)));

  it('agrees with `git check-ref-format --branch` wherever git does not normalise', () => {
    // git normalises `a//b` and a leading/trailing `/` away, and `--branch` expands `@` to the
    // current branch; we refuse those (and `HEAD`, and names over 255 characters) on purpose.
    const normalisedByGit = new Set(['a//b', 'a/', '/a', '@', 'HEAD', 'x'.repeat(256)]);
    for (const name of [...VALID, ...INVALID].filter((n) => n !== '' && !normalisedByGit.has(n))) {
      const accepted = gitAccepts(name);
      if (accepted === null) return;
      expect({ name, valid: branchNameProblem(name) === null }).toEqual({ name, valid: accepted });
    }
  });

  it('turns whitespace into dashes while typing', () => {
    expect(sanitizeBranchInput('fix the  bug')).toBe('fix-the-bug');
  });
});
