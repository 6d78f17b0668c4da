import nodeFs, { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { GitAuthor, GitStatus } from '../../../shared/contract/git';
import { AppError } from '../../../shared/rpc/errors';
import { GitServiceNode } from './git-service';
import { nativeGitVersion } from './native-git';

const hasNativeGit = (await nativeGitVersion()) !== null;
const ALICE: GitAuthor = { name: 'Alice Analyst', email: 'alice@example.com' };
const dirs: string[] = [];
const services: GitServiceNode[] = [];

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
});
afterAll(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bdp-git-'));
  dirs.push(dir);
  return dir;
}

async function write(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), content);
  }
}

const read = (root: string, rel: string): Promise<string> => fs.readFile(path.join(root, rel), 'utf8');
const exists = (root: string, rel: string): Promise<boolean> =>
  fs.access(path.join(root, rel)).then(
    () => true,
    () => false,
  );

async function rejectsWith(promise: Promise<unknown>, code: AppError['code']): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(AppError);
  await expect(promise).rejects.toMatchObject({ code });
}

/** `[path, index, worktree]` triples, compact for assertions. */
function rows(status: GitStatus): Array<[string, string, string]> {
  return status.files.map((f) => [f.path, f.index, f.worktree]);
}

describe.each([
  { name: 'isomorphic-git', preferNative: false, kind: 'isomorphic-git' },
  { name: 'native git', preferNative: true, kind: 'native' },
])('GitServiceNode ($name)', ({ preferNative, kind }) => {
  // The native suite only makes sense where git is installed; isomorphic-git runs everywhere.
  const maybe = kind === 'native' && !hasNativeGit ? it.skip : it;

  async function service(root: string, author?: GitAuthor): Promise<GitServiceNode> {
    const s = new GitServiceNode({ root, preferNative, author: () => author });
    services.push(s);
    return s;
  }

  /** A repo with one commit of `files`, made through the service under test. */
  /** `settingsAuthor` null: no author in Settings. */
  async function repo(
    files: Record<string, string | Uint8Array>,
    settingsAuthor: GitAuthor | null = ALICE,
  ): Promise<{ root: string; git: GitServiceNode; first: string }> {
    const root = await tempDir();
    await write(root, files);
    const s = await service(root, settingsAuthor ?? undefined);
    await s.init();
    await s.stage({ paths: Object.keys(files) });
    const { oid } = await s.commit({ message: 'initial', author: ALICE });
    return { root, git: s, first: oid };
  }

  maybe('lists branches and switches between them, refusing while tracked files have changes', async () => {
    const { root, git: s, first } = await repo({ 'a.sh': 'echo main\n' });
    await git.branch({ fs: nodeFs, dir: root, ref: 'feature', object: first });
    expect(await s.branches()).toEqual({ current: 'main', branches: ['feature', 'main'] });
    await write(root, { 'a.sh': 'echo feature\n' });
    await s.stage({ paths: ['a.sh'] });
    await rejectsWith(s.checkout({ branch: 'feature' }), 'CONFLICT');
    await s.commit({ message: 'main work' });
    await write(root, { 'notes.txt': 'untracked\n' });
    await rejectsWith(s.checkout({ branch: 'nope' }), 'NOT_FOUND');
    await s.checkout({ branch: 'feature' });
    expect((await s.status()).branch).toBe('feature');
    expect(await read(root, 'a.sh')).toBe('echo main\n');
    expect(await read(root, 'notes.txt')).toBe('untracked\n');
    await s.checkout({ branch: 'main' });
    expect(await read(root, 'a.sh')).toBe('echo feature\n');
  });

  maybe('createBranch creates a branch at HEAD and switches to it, keeping uncommitted changes', async () => {
    const { root, git: s, first } = await repo({ 'a.sh': 'echo main\n', 'b.sh': 'echo b\n' });
    await write(root, { 'a.sh': 'echo staged\n', 'b.sh': 'echo wip\n', 'new.txt': 'new\n' });
    await s.stage({ paths: ['a.sh'] });
    const events: GitStatus[] = [];
    const sub = s.onDidChangeStatus((e) => events.push(e));
    await s.createBranch({ name: 'feature/orders-2026' });
    sub();
    const status = await s.status();
    expect(status.branch).toBe('feature/orders-2026');
    expect(status.head).toBe(first);
    expect(rows(status)).toEqual([
      ['a.sh', 'modified', 'unmodified'],
      ['b.sh', 'unmodified', 'modified'],
      ['new.txt', 'unmodified', 'untracked'],
    ]);
    expect(await read(root, 'b.sh')).toBe('echo wip\n');
    expect(events.at(-1)?.branch).toBe('feature/orders-2026');
    expect(await s.branches()).toEqual({
      current: 'feature/orders-2026',
      branches: ['feature/orders-2026', 'main'],
    });
    // A commit lands on the new branch; main stays where it was.
    const { oid } = await s.commit({ message: 'on the branch' });
    expect((await s.log({ limit: 5 })).map((c) => c.oid)).toEqual([oid, first]);
    expect(await git.resolveRef({ fs: nodeFs, dir: root, ref: 'refs/heads/main' })).toBe(first);
    expect(await git.resolveRef({ fs: nodeFs, dir: root, ref: 'refs/heads/feature/orders-2026' })).toBe(oid);
  });

  maybe('createBranch refuses existing and invalid names without changing anything', async () => {
    const { root, git: s } = await repo({ 'a.sh': 'echo\n' });
    await rejectsWith(s.createBranch({ name: 'main' }), 'CONFLICT');
    for (const name of ['', 'has space', 'a..b', 'x.lock', '-x', 'a/', '.hidden', 'a@{1}', 'HEAD', 'what?']) {
      await rejectsWith(s.createBranch({ name }), 'INVALID_ARGUMENT');
    }
    expect(await s.branches()).toEqual({ current: 'main', branches: ['main'] });
    await fs.rm(path.join(root, '.git'), { recursive: true });
    await rejectsWith(s.createBranch({ name: 'fresh' }), 'NOT_FOUND');
  });

  maybe('createBranch before the first commit renames the unborn branch', async () => {
    const root = await tempDir();
    await write(root, { 'a.sh': 'echo\n' });
    const s = await service(root, ALICE);
    await s.init();
    await s.createBranch({ name: 'develop' });
    expect((await s.status()).branch).toBe('develop');
    await s.stage({ paths: ['a.sh'] });
    const { oid } = await s.commit({ message: 'first' });
    expect(await s.branches()).toEqual({ current: 'develop', branches: ['develop'] });
    expect(await git.resolveRef({ fs: nodeFs, dir: root, ref: 'refs/heads/develop' })).toBe(oid);
  });

  maybe(
    'readBytesAt returns the exact bytes of a binary file at a commit, null where it is absent',
    async () => {
      const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10]);
      const { root, git: s, first } = await repo({ 'lib/tool.jar': bytes });
      await write(root, { 'lib/tool.jar': new Uint8Array([1, 2, 3]) });
      expect(await s.readBytesAt({ path: 'lib/tool.jar', ref: first })).toEqual(bytes);
      expect(await s.readBytesAt({ path: 'lib/tool.jar', ref: 'HEAD' })).toEqual(bytes);
      expect(await s.readBytesAt({ path: 'lib/missing.jar', ref: first })).toBeNull();
      await rejectsWith(s.readBytesAt({ path: '../outside.jar', ref: 'HEAD' }), 'OUTSIDE_WORKSPACE');
    },
  );

  maybe('uses the expected backend', async () => {
    expect(await (await service(await tempDir())).backendKind()).toBe(kind);
  });

  maybe('a folder without .git reports no repository; init creates one on main', async () => {
    const root = await tempDir();
    await write(root, { 'a.sql': 'select 1;\n' });
    const s = await service(root);
    expect(await s.status()).toEqual({ repository: false, branch: null, head: null, files: [] });
    expect(await s.currentBranch()).toBeNull();
    await rejectsWith(s.log({}), 'NOT_FOUND');
    await s.init();
    await s.init(); // idempotent
    expect(await s.status()).toEqual({
      repository: true,
      branch: 'main',
      head: null,
      files: [{ path: 'a.sql', index: 'unmodified', worktree: 'untracked', staged: false }],
    });
  });

  maybe('an empty repository (no HEAD yet) has status, branch, empty log and empty HEAD reads', async () => {
    const root = await tempDir();
    await write(root, { 'scripts/load.py': 'print(1)\n' });
    const s = await service(root);
    await s.init();
    expect(await s.log({})).toEqual([]);
    expect(await s.log({ path: 'scripts/load.py' })).toEqual([]);
    expect(await s.currentBranch()).toBe('main');
    expect(await s.readAt({ path: 'scripts/load.py', ref: 'HEAD' })).toEqual({
      text: '',
      encoding: 'utf-8',
      exists: false,
    });
    await s.stage({ paths: ['scripts/load.py'] });
    expect(rows(await s.status())).toEqual([['scripts/load.py', 'added', 'unmodified']]);
    expect((await s.readAt({ path: 'scripts/load.py', ref: 'INDEX' })).text).toBe('print(1)\n');
  });

  maybe('stage -> commit -> log, with HEAD and branch in status', async () => {
    const { git: s, first } = await repo({ 'bdp.yaml': 'name: demo\n', 'scripts/a.sh': 'echo a\n' });
    const status = await s.status();
    expect(status).toEqual({ repository: true, branch: 'main', head: first, files: [] });
    const log = await s.log({});
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ oid: first, message: 'initial', author: ALICE, parents: [] });
    expect(log[0].author.timestamp).toBeGreaterThan(1_600_000_000);
  });

  maybe('detects untracked, modified, deleted, staged-added, staged-modified and ignored files', async () => {
    const { root, git: s } = await repo({
      '.gitignore': '.bdp/\n',
      'a.txt': 'a\n',
      'b.txt': 'b\n',
      'c.txt': 'c\n',
      'd/e.txt': 'e\n',
    });
    await write(root, {
      'a.txt': 'a2\n',
      'new.txt': 'n\n',
      'staged.txt': 's\n',
      'c.txt': 'c2\n',
      '.bdp/runs/x.log': 'ignored\n',
      'sub dir/ü.txt': 'u\n',
    });
    await fs.rm(path.join(root, 'b.txt'));
    await s.stage({ paths: ['staged.txt', 'c.txt'] });
    await write(root, { 'c.txt': 'c3\n' });
    const status = await s.status();
    expect(rows(status)).toEqual([
      ['a.txt', 'unmodified', 'modified'],
      ['b.txt', 'unmodified', 'deleted'],
      ['c.txt', 'modified', 'modified'],
      ['new.txt', 'unmodified', 'untracked'],
      ['staged.txt', 'added', 'unmodified'],
      ['sub dir/ü.txt', 'unmodified', 'untracked'],
    ]);
    expect(status.files.filter((f) => f.staged).map((f) => f.path)).toEqual(['c.txt', 'staged.txt']);
  });

  maybe('stages a deletion and commits it', async () => {
    const { root, git: s } = await repo({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    await fs.rm(path.join(root, 'b.txt'));
    await s.stage({ paths: ['b.txt'] });
    expect(rows(await s.status())).toEqual([['b.txt', 'deleted', 'unmodified']]);
    await s.commit({ message: 'remove b' });
    expect((await s.status()).files).toEqual([]);
    expect(await s.readAt({ path: 'b.txt', ref: 'HEAD' })).toMatchObject({ exists: false });
  });

  maybe('commit: author from args, then settings, then .git/config; clear errors otherwise', async () => {
    const { root, git: s } = await repo({ 'a.txt': 'a\n' }, null);
    await rejectsWith(s.commit({ message: '   \n' }), 'INVALID_ARGUMENT');
    await rejectsWith(s.commit({ message: 'nothing staged' }), 'CONFLICT');
    await write(root, { 'a.txt': 'a2\n' });
    await s.stage({ paths: ['a.txt'] });
    await expect(s.commit({ message: 'who?' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/author/),
    });

    const bob = { name: 'Bob', email: 'bob@example.com' };
    const { oid } = await s.commit({ message: 'explicit\n\nwith a body\n', author: bob });
    expect((await s.log({ limit: 1 }))[0]).toMatchObject({
      oid,
      message: 'explicit\n\nwith a body',
      author: bob,
    });

    const fromSettings = await service(root, { name: 'Carol', email: 'carol@example.com' });
    await write(root, { 'a.txt': 'a3\n' });
    await fromSettings.stage({ paths: ['a.txt'] });
    await fromSettings.commit({ message: 'settings' });
    expect((await fromSettings.log({ limit: 1 }))[0].author).toMatchObject({
      name: 'Carol',
      email: 'carol@example.com',
    });

    await git.setConfig({ fs: nodeFs, dir: root, path: 'user.name', value: 'Repo User' });
    await git.setConfig({ fs: nodeFs, dir: root, path: 'user.email', value: 'repo@example.com' });
    const fromRepo = await service(root, { name: '', email: '' });
    await write(root, { 'a.txt': 'a4\n' });
    await fromRepo.stage({ paths: ['a.txt'] });
    await fromRepo.commit({ message: 'repo config' });
    const log = await fromRepo.log({});
    expect(log.map((c) => c.message)).toEqual([
      'repo config',
      'settings',
      'explicit\n\nwith a body',
      'initial',
    ]);
    expect(log[0].author).toMatchObject({ name: 'Repo User', email: 'repo@example.com' });
    expect(log[0].parents).toEqual([log[1].oid]);
  });

  maybe('unstage resets the index to HEAD and keeps the working tree', async () => {
    const { root, git: s } = await repo({ 'a.txt': 'a\n' });
    await write(root, { 'a.txt': 'a2\n', 'n.txt': 'n\n' });
    await s.stage({ paths: ['a.txt', 'n.txt'] });
    await s.unstage({ paths: ['a.txt', 'n.txt'] });
    expect(rows(await s.status())).toEqual([
      ['a.txt', 'unmodified', 'modified'],
      ['n.txt', 'unmodified', 'untracked'],
    ]);
    expect(await read(root, 'a.txt')).toBe('a2\n');
  });

  maybe('unstage before the first commit removes the file from the index', async () => {
    const root = await tempDir();
    await write(root, { 'a.txt': 'a\n' });
    const s = await service(root);
    await s.init();
    await s.stage({ paths: ['a.txt'] });
    await s.unstage({ paths: ['a.txt'] });
    expect(rows(await s.status())).toEqual([['a.txt', 'unmodified', 'untracked']]);
  });

  maybe(
    'discard restores modified and deleted files, keeps staged content, deletes only listed untracked files',
    async () => {
      const { root, git: s } = await repo({
        'a.txt': 'a\n',
        'b.txt': 'b\n',
        'c.txt': 'c\n',
        'gone.txt': 'g\n',
      });
      await write(root, { 'a.txt': 'a2\n', 'b.txt': 'b-staged\n', 'u1.txt': 'u1\n', 'u2.txt': 'u2\n' });
      await s.stage({ paths: ['b.txt'] });
      await write(root, { 'b.txt': 'b-unstaged\n' });
      await fs.rm(path.join(root, 'c.txt'));
      await fs.rm(path.join(root, 'gone.txt'));
      await s.stage({ paths: ['gone.txt'] }); // a staged deletion

      await s.discard({ paths: ['a.txt', 'b.txt', 'c.txt', 'gone.txt', 'u1.txt'] });
      expect(await read(root, 'a.txt')).toBe('a\n');
      expect(await read(root, 'b.txt')).toBe('b-staged\n');
      expect(await read(root, 'c.txt')).toBe('c\n');
      expect(await read(root, 'gone.txt')).toBe('g\n');
      expect(await exists(root, 'u1.txt')).toBe(false);
      expect(await exists(root, 'u2.txt')).toBe(true);
      expect(rows(await s.status())).toEqual([
        ['b.txt', 'modified', 'unmodified'],
        ['u2.txt', 'unmodified', 'untracked'],
      ]);
    },
  );

  maybe('discard and restore keep the executable bit', async () => {
    const root = await tempDir();
    await write(root, { 'run.sh': '#!/bin/sh\necho 1\n' });
    await fs.chmod(path.join(root, 'run.sh'), 0o755);
    const s = await service(root, ALICE);
    await s.init();
    await s.stage({ paths: ['run.sh'] });
    await s.commit({ message: 'script' });
    await fs.rm(path.join(root, 'run.sh'));
    await s.discard({ paths: ['run.sh'] });
    expect((await fs.stat(path.join(root, 'run.sh'))).mode & 0o111).not.toBe(0);
  });

  maybe('readAt HEAD, INDEX, an old commit (full and short id), and missing files', async () => {
    const { root, git: s, first } = await repo({ 'q.sql': 'v1\n' });
    await write(root, { 'q.sql': 'v2\n' });
    await s.stage({ paths: ['q.sql'] });
    const { oid: second } = await s.commit({ message: 'v2' });
    await write(root, { 'q.sql': 'v3\n' });
    await s.stage({ paths: ['q.sql'] });
    await write(root, { 'q.sql': 'v4\n' });
    expect(await s.readAt({ path: 'q.sql', ref: 'HEAD' })).toEqual({
      text: 'v2\n',
      encoding: 'utf-8',
      exists: true,
    });
    expect((await s.readAt({ path: 'q.sql', ref: 'INDEX' })).text).toBe('v3\n');
    expect((await s.readAt({ path: 'q.sql', ref: first })).text).toBe('v1\n');
    expect((await s.readAt({ path: 'q.sql', ref: first.slice(0, 10) })).text).toBe('v1\n');
    expect((await s.readAt({ path: 'q.sql', ref: second })).text).toBe('v2\n');
    expect(await s.readAt({ path: 'nope.sql', ref: 'HEAD' })).toEqual({
      text: '',
      encoding: 'utf-8',
      exists: false,
    });
    expect(await s.readAt({ path: 'nope.sql', ref: 'INDEX' })).toMatchObject({ exists: false });
    await rejectsWith(
      s.readAt({ path: 'q.sql', ref: 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef' }),
      'NOT_FOUND',
    );
  });

  maybe('restore writes an old version to the working tree without staging or committing', async () => {
    const { root, git: s, first } = await repo({ 'q.sql': 'v1\n' });
    await write(root, { 'q.sql': 'v2\n', 'later.sql': 'x\n' });
    await s.stage({ paths: ['q.sql', 'later.sql'] });
    const { oid: head } = await s.commit({ message: 'v2' });
    await s.restore({ path: 'q.sql', ref: first });
    expect(await read(root, 'q.sql')).toBe('v1\n');
    const status = await s.status();
    expect(status.head).toBe(head);
    expect(rows(status)).toEqual([['q.sql', 'unmodified', 'modified']]);
    await rejectsWith(s.restore({ path: 'later.sql', ref: first }), 'NOT_FOUND');
  });

  maybe('non-UTF-8 content reads as binary', async () => {
    const gbk = Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4, 0x0a]); // "中文" in GBK
    const { git: s } = await repo({
      'gbk.txt': gbk,
      'nul.bin': Uint8Array.from([0x61, 0x00, 0x62]),
      'bom.txt': '\ufeffhi\n',
    });
    expect(await s.readAt({ path: 'gbk.txt', ref: 'HEAD' })).toEqual({
      text: '',
      encoding: 'binary',
      exists: true,
    });
    expect(await s.readAt({ path: 'nul.bin', ref: 'INDEX' })).toEqual({
      text: '',
      encoding: 'binary',
      exists: true,
    });
    expect(await s.readAt({ path: 'bom.txt', ref: 'HEAD' })).toEqual({
      text: '\ufeffhi\n',
      encoding: 'utf-8',
      exists: true,
    });
  });

  maybe('rejects paths outside the workspace and inside .git', async () => {
    const { git: s } = await repo({ 'a.txt': 'a\n' });
    await rejectsWith(s.stage({ paths: ['../outside.txt'] }), 'OUTSIDE_WORKSPACE');
    await rejectsWith(s.readAt({ path: '/etc/passwd', ref: 'HEAD' }), 'OUTSIDE_WORKSPACE');
    await rejectsWith(s.discard({ paths: ['a/../../x'] }), 'OUTSIDE_WORKSPACE');
    await rejectsWith(s.restore({ path: 'C:\\Windows\\x', ref: 'HEAD' }), 'OUTSIDE_WORKSPACE');
    await rejectsWith(s.log({ path: '../a.txt' }), 'OUTSIDE_WORKSPACE');
    await rejectsWith(s.discard({ paths: ['.git/config'] }), 'INVALID_ARGUMENT');
    await rejectsWith(s.stage({ paths: [] }), 'INVALID_ARGUMENT');
  });

  maybe('log: limit, skip, and per-file history that follows a rename', async () => {
    const { root, git: s } = await repo({ 'old.sql': 'select 1;\n', 'other.txt': 'o\n' });
    const commit = async (
      files: Record<string, string>,
      message: string,
      remove: string[] = [],
    ): Promise<void> => {
      await write(root, files);
      for (const r of remove) await fs.rm(path.join(root, r));
      await s.stage({ paths: [...Object.keys(files), ...remove] });
      await s.commit({ message });
    };
    await commit({ 'old.sql': 'select 2;\n' }, 'edit old');
    await commit({ 'other.txt': 'o2\n' }, 'unrelated');
    await commit({ 'new.sql': 'select 2;\n' }, 'rename', ['old.sql']);
    await commit({ 'new.sql': 'select 3;\n' }, 'edit new');

    expect((await s.log({})).map((c) => c.message)).toEqual([
      'edit new',
      'rename',
      'unrelated',
      'edit old',
      'initial',
    ]);
    expect((await s.log({ limit: 2, skip: 1 })).map((c) => c.message)).toEqual(['rename', 'unrelated']);
    expect((await s.log({ path: 'new.sql' })).map((c) => c.message)).toEqual([
      'edit new',
      'rename',
      'edit old',
      'initial',
    ]);
    expect((await s.log({ path: 'other.txt' })).map((c) => c.message)).toEqual(['unrelated', 'initial']);
    expect((await s.log({ path: 'new.sql', limit: 2, skip: 1 })).map((c) => c.message)).toEqual([
      'rename',
      'edit old',
    ]);
    expect(await s.log({ path: 'never.sql' })).toEqual([]);
  });

  maybe('status names the current branch, and null when detached', async () => {
    const { root, git: s, first } = await repo({ 'a.txt': 'a\n' });
    await git.branch({ fs: nodeFs, dir: root, ref: 'feature/orders', checkout: true });
    expect((await s.status()).branch).toBe('feature/orders');
    expect(await s.currentBranch()).toBe('feature/orders');
    await git.checkout({ fs: nodeFs, dir: root, ref: first });
    expect(await s.status()).toMatchObject({ branch: null, head: first });
    expect(await s.currentBranch()).toBeNull();
  });

  maybe('fires onDidChangeStatus after changes, once per distinct status', async () => {
    const { root, git: s } = await repo({ 'a.txt': 'a\n' });
    const seen: GitStatus[] = [];
    s.onDidChangeStatus((st) => seen.push(st));
    await write(root, { 'a.txt': 'a2\n' });
    await s.refresh();
    await s.refresh();
    await s.stage({ paths: ['a.txt'] });
    expect(seen.map(rows)).toEqual([
      [['a.txt', 'unmodified', 'modified']],
      [['a.txt', 'modified', 'unmodified']],
    ]);
  });
});

describe.skipIf(!hasNativeGit)('isomorphic-git and native git agree', () => {
  it('on the status of the same working tree and read each other’s commits', async () => {
    const root = await tempDir();
    await write(root, { 'a.txt': 'a\n', 'b.txt': 'b\n', 'c/d.txt': 'd\n' });
    const iso = new GitServiceNode({ root, preferNative: false, author: () => ALICE });
    const native = new GitServiceNode({ root, preferNative: true, author: () => ALICE });
    services.push(iso, native);
    await iso.init();
    await iso.stage({ paths: ['a.txt', 'b.txt', 'c/d.txt'] });
    const { oid } = await iso.commit({ message: 'by iso' });
    await write(root, { 'a.txt': 'a2\n', 'n.txt': 'n\n', 'c/e.txt': 'e\n' });
    await fs.rm(path.join(root, 'b.txt'));
    await native.stage({ paths: ['c/e.txt'] });
    const { oid: second } = await native.commit({ message: 'by native' });
    expect(await iso.status()).toEqual(await native.status());
    expect((await iso.log({})).map((c) => c.oid)).toEqual([second, oid]);
    expect(await iso.log({})).toEqual(await native.log({}));
  });
});
