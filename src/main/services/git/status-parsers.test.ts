import { describe, expect, it } from 'vitest';
import { fileStatusFromRow } from './iso-git-backend';
import { parseLog, parsePorcelainV2 } from './native-git-backend';

const Z = '\0';
const OID = 'a'.repeat(40);

describe('parsePorcelainV2', () => {
  it('reads branch, head and every entry kind, with spaces in paths', () => {
    const out = [
      `# branch.oid ${OID}`,
      '# branch.head feature/x',
      `1 .M N... 100644 100644 100644 ${OID} ${OID} dir/with space.sql`,
      `1 A. N... 000000 100644 100644 ${'0'.repeat(40)} ${OID} new.py`,
      `1 .A N... 000000 000000 100644 ${'0'.repeat(40)} ${'0'.repeat(40)} intent.txt`,
      `1 D. N... 100644 000000 000000 ${OID} ${'0'.repeat(40)} untracked-again.txt`,
      `2 R. N... 100644 100644 100644 ${OID} ${OID} R100 renamed.txt`,
      'original.txt',
      `u UU N... 100644 100644 100644 100644 ${OID} ${OID} ${OID} conflict.txt`,
      '? untracked-again.txt',
      '? ü.txt',
      '',
    ].join(Z);
    expect(parsePorcelainV2(out)).toEqual({
      repository: true,
      branch: 'feature/x',
      head: OID,
      files: [
        { path: 'conflict.txt', index: 'modified', worktree: 'modified', staged: true },
        { path: 'dir/with space.sql', index: 'unmodified', worktree: 'modified', staged: false },
        { path: 'intent.txt', index: 'unmodified', worktree: 'added', staged: false },
        { path: 'new.py', index: 'added', worktree: 'unmodified', staged: true },
        { path: 'renamed.txt', index: 'added', worktree: 'unmodified', staged: true },
        { path: 'untracked-again.txt', index: 'deleted', worktree: 'untracked', staged: true },
        { path: 'ü.txt', index: 'unmodified', worktree: 'untracked', staged: false },
      ],
    });
  });

  it('reports an unborn branch and a detached HEAD', () => {
    expect(parsePorcelainV2(`# branch.oid (initial)${Z}# branch.head main${Z}`)).toMatchObject({
      branch: 'main',
      head: null,
    });
    expect(parsePorcelainV2(`# branch.oid ${OID}${Z}# branch.head (detached)${Z}`)).toMatchObject({
      branch: null,
      head: OID,
    });
  });
});

describe('parseLog', () => {
  it('splits NUL-separated records with multi-line messages and merge parents', () => {
    const out = [
      OID,
      `${'b'.repeat(40)} ${'c'.repeat(40)}`,
      'Ann',
      'ann@x',
      '1700000000',
      'merge\n\nbody\n',
      'b'.repeat(40),
      '',
      'Bo',
      'bo@x',
      '1600000000',
      'root\n',
    ].join(Z);
    expect(parseLog(out)).toEqual([
      {
        oid: OID,
        parents: ['b'.repeat(40), 'c'.repeat(40)],
        author: { name: 'Ann', email: 'ann@x', timestamp: 1700000000 },
        message: 'merge\n\nbody',
      },
      {
        oid: 'b'.repeat(40),
        parents: [],
        author: { name: 'Bo', email: 'bo@x', timestamp: 1600000000 },
        message: 'root',
      },
    ]);
  });
});

describe('fileStatusFromRow', () => {
  it.each([
    [[1, 1, 1], null],
    [
      [0, 2, 0],
      ['unmodified', 'untracked'],
    ],
    [
      [0, 2, 2],
      ['added', 'unmodified'],
    ],
    [
      [0, 2, 3],
      ['added', 'modified'],
    ],
    [
      [0, 0, 3],
      ['added', 'deleted'],
    ],
    [
      [1, 2, 1],
      ['unmodified', 'modified'],
    ],
    [
      [1, 2, 2],
      ['modified', 'unmodified'],
    ],
    [
      [1, 2, 3],
      ['modified', 'modified'],
    ],
    [
      [1, 1, 3],
      ['modified', 'modified'],
    ],
    [
      [1, 0, 1],
      ['unmodified', 'deleted'],
    ],
    [
      [1, 0, 0],
      ['deleted', 'unmodified'],
    ],
    [
      [1, 2, 0],
      ['deleted', 'untracked'],
    ],
  ] as const)('%j -> %j', ([head, workdir, stage], expected) => {
    const status = fileStatusFromRow(['f', head, workdir, stage]);
    expect(status && [status.index, status.worktree]).toEqual(expected);
  });
});
