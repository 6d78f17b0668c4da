import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Event, FileChange, FileEntry, Problem } from '../../../shared/contract';
import { MAX_EDITABLE_BYTES } from '../../../shared/contract';
import { validateWorkspace } from '../../../shared/model/validate-file';
import { AppError } from '../../../shared/rpc/errors';
import { JsonFileStore } from '../settings/json-file-store';
import { RecentWorkspaces } from '../settings/recent-workspaces';
import { WorkspaceServiceNode } from './workspace-service';

let base: string;
let root: string;
let userDataDir: string;
let sampleDir: string;
let service: WorkspaceServiceNode;
let recent: RecentWorkspaces;

function makeService(): WorkspaceServiceNode {
  return new WorkspaceServiceNode({
    recent,
    validate: validateWorkspace,
    userDataDir,
    sampleWorkspaceDir: sampleDir,
  });
}

beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'bdp-ws-')));
  root = path.join(base, 'ws');
  userDataDir = path.join(base, 'user-data');
  sampleDir = path.join(base, 'bundled-sample');
  await fs.mkdir(root);
  await fs.mkdir(path.join(sampleDir, 'workflows'), { recursive: true });
  await fs.writeFile(path.join(sampleDir, 'bdp.yaml'), 'name: sample\n');
  await fs.writeFile(path.join(sampleDir, 'workflows', 'daily.workflow.yaml'), VALID_WORKFLOW);
  recent = new RecentWorkspaces(new JsonFileStore(path.join(userDataDir, 'settings.json')));
  service = makeService();
});

afterEach(async () => {
  await service.dispose();
  await fs.rm(base, { recursive: true, force: true });
});

const VALID_WORKFLOW =
  'name: daily\nschedule:\n  type: manual\ntasks:\n  - name: a\n    type: SHELL\n    command: echo hi\n';
const INVALID_WORKFLOW = `${VALID_WORKFLOW}relations:\n  - { from: a, to: missing }\n`;

async function write(rel: string, content: string | Buffer): Promise<void> {
  const abs = path.join(root, ...rel.split('/'));
  await fs.mkdir(path.dirname(abs), { recursive: true });
  await fs.writeFile(abs, content);
}

/** Resolves with the first payload matching `predicate`; rejects after `ms`. */
function next<T>(event: Event<T>, predicate: (payload: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      dispose();
      reject(new Error('timed out waiting for the event'));
    }, ms);
    const dispose = event((payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      dispose();
      resolve(payload);
    });
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

function names(entries: FileEntry[]): string[] {
  return entries.map((e) => e.name);
}

async function leftovers(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).filter((n) => n.includes('.bdp-tmp-'));
}

describe('open / create / sample / recent', () => {
  it('opens a workspace and a bare folder; refuses missing folders and files', async () => {
    await write('bdp.yaml', 'name: retail\n');
    const info = await service.open({ root });
    expect(info).toEqual({ root, name: 'retail', bare: false });
    expect(await service.current()).toEqual(info);

    const bare = path.join(base, 'plain');
    await fs.mkdir(bare);
    expect(await service.open({ root: bare })).toEqual({ root: bare, name: 'plain', bare: true });

    expect(await codeOf(service.open({ root: path.join(base, 'nope') }))).toBe('NOT_FOUND');
    await fs.writeFile(path.join(base, 'file.txt'), 'x');
    expect(await codeOf(service.open({ root: path.join(base, 'file.txt') }))).toBe('NOT_FOUND');
  });

  it('serialises concurrent opens: the last one wins', async () => {
    const other = path.join(base, 'other');
    await fs.mkdir(other);
    await Promise.all([service.open({ root }), service.open({ root: other }), service.open({ root })]);
    expect((await service.current())?.root).toBe(root);
  });

  it('fires onDidChangeWorkspace on open and close; methods need an open workspace', async () => {
    const seen: unknown[] = [];
    service.onDidChangeWorkspace((w) => seen.push(w?.name ?? null));
    await service.open({ root });
    await service.close();
    expect(seen).toEqual(['ws', null]);
    expect(await service.current()).toBeNull();
    expect(await codeOf(service.tree())).toBe('NO_WORKSPACE');
    expect(await codeOf(service.readFile({ path: 'x' }))).toBe('NO_WORKSPACE');
  });

  it('creates a workspace from the template, valid and opened', async () => {
    const info = await service.create({ parentDir: base, name: 'My Project' });
    const created = path.join(base, 'My Project');
    expect(info).toEqual({ root: created, name: 'My Project', bare: false });
    for (const dir of ['workflows', 'scripts', 'resources', 'files']) {
      expect((await fs.stat(path.join(created, dir))).isDirectory()).toBe(true);
    }
    expect(await fs.readFile(path.join(created, '.gitignore'), 'utf8')).toContain('.bdp/');
    expect(await fs.readFile(path.join(created, 'connections.yaml'), 'utf8')).toContain('connections: []');
    expect(await fs.readFile(path.join(created, 'README.md'), 'utf8')).toContain('# My Project');
    await service.whenReady();
    expect(await service.problems()).toEqual([]);
    expect(await leftovers(base)).toEqual([]);
  });

  it('creates into an existing empty folder but refuses a non-empty one', async () => {
    await fs.mkdir(path.join(base, 'empty'));
    await service.create({ parentDir: base, name: 'empty' });
    expect(await codeOf(service.create({ parentDir: base, name: 'empty' }))).toBe('ALREADY_EXISTS');
    await fs.writeFile(path.join(base, 'afile'), '');
    expect(await codeOf(service.create({ parentDir: base, name: 'afile' }))).toBe('ALREADY_EXISTS');
    expect(await codeOf(service.create({ parentDir: base, name: '..' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(service.create({ parentDir: path.join(base, 'missing'), name: 'x' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('copies the sample once and never overwrites the user copy', async () => {
    const info = await service.openSample();
    const copy = path.join(userDataDir, 'sample-workspace');
    expect(info).toEqual({ root: copy, name: 'sample', bare: false });
    const wf = path.join(copy, 'workflows', 'daily.workflow.yaml');
    expect(await fs.readFile(wf, 'utf8')).toBe(VALID_WORKFLOW);

    await fs.writeFile(wf, `${VALID_WORKFLOW}# my edit\n`);
    await fs.writeFile(
      path.join(sampleDir, 'workflows', 'daily.workflow.yaml'),
      `${VALID_WORKFLOW}# new bundled version\n`,
    );
    await service.close();
    await service.openSample();
    expect(await fs.readFile(wf, 'utf8')).toBe(`${VALID_WORKFLOW}# my edit\n`);
    expect(await leftovers(userDataDir)).toEqual([]);
  });

  it('lists recent workspaces newest first, deduplicated, existing only', async () => {
    const a = path.join(base, 'a');
    const b = path.join(base, 'b');
    const gone = path.join(base, 'gone');
    for (const d of [a, b, gone]) await fs.mkdir(d);
    await service.open({ root: a });
    await service.open({ root: gone });
    await service.open({ root: b });
    await service.open({ root: a });
    await fs.rm(gone, { recursive: true });
    expect((await service.listRecent()).map((r) => r.root)).toEqual([a, b]);

    for (let i = 0; i < 12; i++) {
      const d = path.join(base, `many-${i}`);
      await fs.mkdir(d);
      await service.open({ root: d });
    }
    const list = await service.listRecent();
    expect(list).toHaveLength(10);
    expect(list[0].root).toBe(path.join(base, 'many-11'));
  });
});

describe('tree', () => {
  it('sorts folders first, case-insensitively, and skips .git, .bdp, node_modules', async () => {
    await write('b.txt', '');
    await write('A.txt', '');
    await write('a2.txt', '');
    await write('Zeta/x.py', '');
    await write('alpha/y.py', '');
    await write('.git/HEAD', '');
    await write('.bdp/runs/1.json', '');
    await write('node_modules/x/index.js', '');
    await write('sub/node_modules/y.js', '');
    await write('.gitignore', '');
    await service.open({ root });
    const tree = await service.tree();
    expect(names(tree)).toEqual(['alpha', 'sub', 'Zeta', '.gitignore', 'A.txt', 'a2.txt', 'b.txt']);
    const zeta = tree.find((e) => e.name === 'Zeta');
    expect(zeta).toEqual({
      path: 'Zeta',
      name: 'Zeta',
      kind: 'dir',
      children: [{ path: 'Zeta/x.py', name: 'x.py', kind: 'file' }],
    });
    expect(tree.find((e) => e.name === 'sub')?.children).toEqual([]);
  });

  it('lists 10k files quickly', async () => {
    for (let d = 0; d < 100; d++) {
      const dir = path.join(root, 'scripts', `d${d}`);
      await fs.mkdir(dir, { recursive: true });
      await Promise.all(Array.from({ length: 100 }, (_, f) => fs.writeFile(path.join(dir, `f${f}.sql`), '')));
    }
    await service.open({ root });
    await service.whenReady();
    const started = performance.now();
    const tree = await service.tree();
    const elapsed = performance.now() - started;
    const scripts = tree.find((e) => e.name === 'scripts');
    expect(scripts?.children).toHaveLength(100);
    expect(scripts?.children?.[0].children).toHaveLength(100);
    expect(elapsed).toBeLessThan(2000);
  });
});

describe('readFile', () => {
  beforeEach(async () => {
    await service.open({ root });
  });

  it('reads UTF-8 text with a version', async () => {
    await write('scripts/hello.py', 'print("你好")\n');
    const content = await service.readFile({ path: 'scripts/hello.py' });
    const st = await fs.stat(path.join(root, 'scripts/hello.py'));
    expect(content).toEqual({
      path: 'scripts/hello.py',
      text: 'print("你好")\n',
      encoding: 'utf-8',
      version: `${st.mtimeMs}-${st.size}`,
      size: st.size,
      truncated: false,
    });
  });

  it('reports GBK and binary bytes as binary', async () => {
    // "你好" in GBK
    await write('data/gbk.csv', Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a]));
    await write('files/app.jar', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe]));
    await write('files/zeros.bin', Buffer.alloc(16));
    for (const p of ['data/gbk.csv', 'files/app.jar', 'files/zeros.bin']) {
      const c = await service.readFile({ path: p });
      expect(c.encoding, p).toBe('binary');
      expect(c.text).toBe('');
    }
  });

  it('keeps a BOM so saving writes the same bytes', async () => {
    await write('bom.sql', Buffer.from([0xef, 0xbb, 0xbf, 0x53, 0x45, 0x4c]));
    const c = await service.readFile({ path: 'bom.sql' });
    expect(c.text).toBe('\uFEFFSEL');
    await service.writeFile({ path: 'bom.sql', text: c.text, expectedVersion: c.version });
    expect([...(await fs.readFile(path.join(root, 'bom.sql')))]).toEqual([
      0xef, 0xbb, 0xbf, 0x53, 0x45, 0x4c,
    ]);
  });

  it('truncates files over the editable limit', async () => {
    // A 3-byte character straddles the limit: the head must not be reported as binary.
    const big = Buffer.concat([
      Buffer.alloc(MAX_EDITABLE_BYTES - 1, 0x61),
      Buffer.from('€'),
      Buffer.from('tail'),
    ]);
    await write('big.csv', big);
    const c = await service.readFile({ path: 'big.csv' });
    expect(c.truncated).toBe(true);
    expect(c.encoding).toBe('utf-8');
    expect(c.size).toBe(big.length);
    expect(c.text.length).toBe(MAX_EDITABLE_BYTES - 1);
  });

  it.skipIf(process.platform === 'win32')('refuses special files instead of blocking on them', async () => {
    execFileSync('mkfifo', [path.join(root, 'pipe.workflow.yaml')]);
    expect(await codeOf(service.readFile({ path: 'pipe.workflow.yaml' }))).toBe('INVALID_ARGUMENT');
    await service.open({ root }); // validation must skip it too
    await service.whenReady();
    expect(await service.problems()).toEqual([]);
  });

  it('fails with NOT_FOUND and IS_DIRECTORY', async () => {
    expect(await codeOf(service.readFile({ path: 'missing.txt' }))).toBe('NOT_FOUND');
    await fs.mkdir(path.join(root, 'dir'));
    expect(await codeOf(service.readFile({ path: 'dir' }))).toBe('IS_DIRECTORY');
  });
});

describe('writeFile', () => {
  beforeEach(async () => {
    await service.open({ root });
  });

  it('creates parents, writes, and returns the new version', async () => {
    const { version } = await service.writeFile({ path: 'scripts/etl/load.sql', text: 'select 1;\n' });
    expect(await fs.readFile(path.join(root, 'scripts/etl/load.sql'), 'utf8')).toBe('select 1;\n');
    expect((await service.readFile({ path: 'scripts/etl/load.sql' })).version).toBe(version);
    expect(await leftovers(path.join(root, 'scripts/etl'))).toEqual([]);
  });

  it('keeps the file mode', async () => {
    await write('scripts/run.sh', '#!/bin/sh\n');
    await fs.chmod(path.join(root, 'scripts/run.sh'), 0o750);
    await service.writeFile({ path: 'scripts/run.sh', text: '#!/bin/sh\necho hi\n' });
    expect((await fs.stat(path.join(root, 'scripts/run.sh'))).mode & 0o777).toBe(0o750);
  });

  it('fails with CONFLICT after an external edit and writes nothing', async () => {
    await write('a.sql', 'v1');
    const { version } = await service.readFile({ path: 'a.sql' });
    await new Promise((r) => setTimeout(r, 20)); // make sure the mtime moves
    await fs.writeFile(path.join(root, 'a.sql'), 'external edit');
    expect(await codeOf(service.writeFile({ path: 'a.sql', text: 'mine', expectedVersion: version }))).toBe(
      'CONFLICT',
    );
    expect(await fs.readFile(path.join(root, 'a.sql'), 'utf8')).toBe('external edit');
    expect(await leftovers(root)).toEqual([]);

    await fs.rm(path.join(root, 'a.sql'));
    expect(await codeOf(service.writeFile({ path: 'a.sql', text: 'mine', expectedVersion: version }))).toBe(
      'CONFLICT',
    );
    await expect(fs.stat(path.join(root, 'a.sql'))).rejects.toThrow();

    const fresh = await service.writeFile({ path: 'a.sql', text: 'v2' });
    const again = await service.writeFile({ path: 'a.sql', text: 'v3', expectedVersion: fresh.version });
    expect(again.version).not.toBe('');
    expect(await fs.readFile(path.join(root, 'a.sql'), 'utf8')).toBe('v3');
  });

  it('writes through a symlink inside the workspace instead of replacing it', async () => {
    await write('scripts/real.py', 'old');
    await fs.symlink('real.py', path.join(root, 'scripts/alias.py'));
    await service.writeFile({ path: 'scripts/alias.py', text: 'new' });
    expect((await fs.lstat(path.join(root, 'scripts/alias.py'))).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(path.join(root, 'scripts/real.py'), 'utf8')).toBe('new');
  });

  it('refuses folders and reserved temp names', async () => {
    await fs.mkdir(path.join(root, 'dir'));
    expect(await codeOf(service.writeFile({ path: 'dir', text: '' }))).toBe('IS_DIRECTORY');
    expect(await codeOf(service.writeFile({ path: 'x.bdp-tmp-1', text: '' }))).toBe('INVALID_ARGUMENT');
  });

  it.skipIf(process.platform === 'win32')(
    'leaves the old file intact and no temp file when the write fails midway',
    async () => {
      // A child process with a 1 KiB file-size limit: the write of 64 KiB fails with EFBIG
      // after the temp file was created and partly written.
      await write('scripts/keep.py', 'original');
      const bundle = path.join(base, 'ws-service.cjs');
      // Imported lazily: esbuild resolves its binary from its own location at load time.
      const { buildSync } = await import('esbuild');
      buildSync({
        entryPoints: [path.join(path.dirname(fileURLToPath(import.meta.url)), 'workspace-service.ts')],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        outfile: bundle,
        logLevel: 'silent',
      });
      const script = `
      const { WorkspaceServiceNode } = require(${JSON.stringify(bundle)});
      const s = new WorkspaceServiceNode({ recent: { add() {}, list() { return []; } }, validate: () => [], userDataDir: '', sampleWorkspaceDir: '' });
      (async () => {
        await s.open({ root: ${JSON.stringify(root)} });
        try { await s.writeFile({ path: 'scripts/keep.py', text: 'x'.repeat(65536) }); console.log('written'); }
        catch (e) { console.log('failed', e.code); }
        await s.dispose();
      })();`;
      const out = execFileSync('bash', ['-c', 'ulimit -f 1 && exec node -e "$0"', script], {
        encoding: 'utf8',
      });
      expect(out.trim()).toBe('failed EFBIG');
      expect(await fs.readFile(path.join(root, 'scripts/keep.py'), 'utf8')).toBe('original');
      expect(await leftovers(path.join(root, 'scripts'))).toEqual([]);
    },
  );
});

describe('createDirectory / rename / delete', () => {
  beforeEach(async () => {
    await service.open({ root });
  });

  it('creates folders idempotently', async () => {
    await service.createDirectory({ path: 'workflows/daily' });
    await service.createDirectory({ path: 'workflows/daily' });
    expect((await fs.stat(path.join(root, 'workflows/daily'))).isDirectory()).toBe(true);
    await write('f.txt', '');
    expect(await codeOf(service.createDirectory({ path: 'f.txt' }))).toBe('ALREADY_EXISTS');
  });

  it('renames files and folders without overwriting', async () => {
    await write('scripts/a.py', 'a');
    await write('scripts/b.py', 'b');
    await service.rename({ from: 'scripts/a.py', to: 'scripts/sub/c.py' });
    expect(await fs.readFile(path.join(root, 'scripts/sub/c.py'), 'utf8')).toBe('a');
    expect(await codeOf(service.rename({ from: 'scripts/sub/c.py', to: 'scripts/b.py' }))).toBe(
      'ALREADY_EXISTS',
    );
    expect(await fs.readFile(path.join(root, 'scripts/b.py'), 'utf8')).toBe('b');
    expect(await codeOf(service.rename({ from: 'scripts/nope.py', to: 'scripts/x.py' }))).toBe('NOT_FOUND');
    await service.rename({ from: 'scripts', to: 'code' });
    expect(await fs.readFile(path.join(root, 'code/b.py'), 'utf8')).toBe('b');
    expect(await codeOf(service.rename({ from: 'code', to: 'code/inner' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(service.rename({ from: '.', to: 'x' }))).toBe('INVALID_ARGUMENT');
  });

  it('deletes files and folders recursively but never the root', async () => {
    await write('workflows/d/x.workflow.yaml', VALID_WORKFLOW);
    await write('a.txt', '');
    await service.delete({ path: 'a.txt' });
    await service.delete({ path: 'workflows' });
    expect(await fs.readdir(root)).toEqual([]);
    expect(await codeOf(service.delete({ path: 'a.txt' }))).toBe('NOT_FOUND');
    expect(await codeOf(service.delete({ path: '.' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(service.delete({ path: 'workflows/..' }))).toBe('INVALID_ARGUMENT');
    expect((await fs.stat(root)).isDirectory()).toBe(true);
  });
});

describe('confinement', () => {
  let outside: string;
  beforeEach(async () => {
    outside = path.join(base, 'outside');
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'secret.txt'), 'secret');
    await fs.symlink(outside, path.join(root, 'link'));
    await service.open({ root });
  });

  // `<base>` stands for the temp folder, unknown while the tests are collected.
  const escapes = [
    '../outside/secret.txt',
    '<base>/outside/secret.txt',
    'link/secret.txt',
    'link/new.txt',
    'a\0b',
  ];

  it.each(escapes)('refuses %j for every file operation', async (pattern) => {
    const p = pattern.replace('<base>', base);
    expect(await codeOf(service.readFile({ path: p }))).toBe('OUTSIDE_WORKSPACE');
    expect(await codeOf(service.writeFile({ path: p, text: 'pwned' }))).toBe('OUTSIDE_WORKSPACE');
    expect(await codeOf(service.createDirectory({ path: `${p}-dir` }))).toBe('OUTSIDE_WORKSPACE');
    expect(await codeOf(service.delete({ path: p }))).toBe('OUTSIDE_WORKSPACE');
    expect(await codeOf(service.rename({ from: p, to: 'stolen.txt' }))).toBe('OUTSIDE_WORKSPACE');
    await write('mine.txt', 'mine');
    expect(await codeOf(service.rename({ from: 'mine.txt', to: p }))).toBe('OUTSIDE_WORKSPACE');
    expect((await fs.readdir(outside)).sort()).toEqual(['secret.txt']);
    expect(await fs.readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('secret');
  });
});

describe('watching and problems', () => {
  it('reports an external edit and a created file in batches', async () => {
    await write('scripts/a.sql', 'v1');
    await service.open({ root });
    await service.whenReady();
    const changes: FileChange[] = [];
    service.onDidChangeFiles((c) => changes.push(...c));

    const edited = next(service.onDidChangeFiles, (c) => c.some((x) => x.path === 'scripts/a.sql'));
    await fs.writeFile(path.join(root, 'scripts/a.sql'), 'v2');
    expect(await edited).toContainEqual({ path: 'scripts/a.sql', kind: 'changed' });

    const created = next(service.onDidChangeFiles, (c) => c.some((x) => x.path === 'scripts/b.sql'));
    await fs.writeFile(path.join(root, 'scripts/b.sql'), 'new');
    expect(await created).toContainEqual({ path: 'scripts/b.sql', kind: 'created' });

    const deleted = next(service.onDidChangeFiles, (c) =>
      c.some((x) => x.path === 'scripts/b.sql' && x.kind === 'deleted'),
    );
    await fs.rm(path.join(root, 'scripts/b.sql'));
    await deleted;

    // Nothing from skipped folders.
    await fs.mkdir(path.join(root, '.bdp'));
    await fs.writeFile(path.join(root, '.bdp', 'state.json'), '{}');
    const own = next(service.onDidChangeFiles, (c) => c.some((x) => x.path === 'own.txt'));
    await service.writeFile({ path: 'own.txt', text: 'x' });
    await own;
    expect(changes.some((c) => c.path.startsWith('.bdp') || c.path.includes('.bdp-tmp-'))).toBe(false);
  });

  it('batches many changes into few events', async () => {
    await service.open({ root });
    await service.whenReady();
    const batches: FileChange[][] = [];
    service.onDidChangeFiles((c) => batches.push(c));
    const last = next(service.onDidChangeFiles, (c) => c.some((x) => x.path === 'many/f49.txt'));
    await fs.mkdir(path.join(root, 'many'));
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => fs.writeFile(path.join(root, 'many', `f${i}.txt`), 'x')),
    );
    await last;
    expect(batches.length).toBeLessThan(10);
  });

  it('reports the service’s own writes', async () => {
    await service.open({ root });
    const got = next(service.onDidChangeFiles, (c) => c.some((x) => x.path === 'scripts/x.py'));
    await service.writeFile({ path: 'scripts/x.py', text: 'x' });
    expect(await got).toContainEqual({ path: 'scripts/x.py', kind: 'created' });
  });

  it('shows problems for an invalid workflow written externally and clears them when fixed', async () => {
    await write('workflows/daily.workflow.yaml', VALID_WORKFLOW);
    await service.open({ root });
    await service.whenReady();
    expect(await service.problems()).toEqual([]);

    const appeared = next<Problem[]>(service.onDidChangeProblems, (p) => p.length > 0);
    await fs.writeFile(path.join(root, 'workflows/daily.workflow.yaml'), INVALID_WORKFLOW);
    const problems = await appeared;
    expect(problems).toEqual([
      expect.objectContaining({ path: 'workflows/daily.workflow.yaml', severity: 'error', line: 9 }),
    ]);
    expect(await service.problems()).toEqual(problems);
    // Never rewritten or dropped.
    expect(await fs.readFile(path.join(root, 'workflows/daily.workflow.yaml'), 'utf8')).toBe(
      INVALID_WORKFLOW,
    );

    const cleared = next<Problem[]>(service.onDidChangeProblems, (p) => p.length === 0);
    await fs.writeFile(path.join(root, 'workflows/daily.workflow.yaml'), VALID_WORKFLOW);
    await cleared;
  });

  it('finds problems on open and tracks script existence', async () => {
    const wf = `${VALID_WORKFLOW}  - name: b\n    type: PYTHON\n    command: python3 x.py\n    script: scripts/x.py\n`;
    await write('workflows/daily.workflow.yaml', wf);
    await service.open({ root });
    await service.whenReady();
    expect((await service.problems()).map((p) => p.message)).toEqual([
      expect.stringContaining('scripts/x.py'),
    ]);

    const cleared = next<Problem[]>(service.onDidChangeProblems, (p) => p.length === 0);
    await fs.mkdir(path.join(root, 'scripts'));
    await fs.writeFile(path.join(root, 'scripts/x.py'), 'def main(): return 0\n');
    await cleared;

    const back = next<Problem[]>(service.onDidChangeProblems, (p) => p.length === 1);
    await service.delete({ path: 'scripts' });
    await back;
  });

  it('drops problems of a deleted file and stops watching on close', async () => {
    await write('workflows/bad.workflow.yaml', INVALID_WORKFLOW.replace('daily', 'bad'));
    await service.open({ root });
    await service.whenReady();
    expect(await service.problems()).toHaveLength(1);
    const cleared = next<Problem[]>(service.onDidChangeProblems, (p) => p.length === 0);
    await fs.rm(path.join(root, 'workflows/bad.workflow.yaml'));
    await cleared;

    await service.close();
    let fired = false;
    service.onDidChangeFiles(() => (fired = true));
    await fs.writeFile(path.join(root, 'after-close.txt'), 'x');
    await new Promise((r) => setTimeout(r, 300));
    expect(fired).toBe(false);
  });

  it('updates the workspace name when bdp.yaml changes', async () => {
    await write('bdp.yaml', 'name: one\n');
    await service.open({ root });
    await service.whenReady();
    const renamed = next(service.onDidChangeWorkspace, (w) => w?.name === 'two');
    await fs.writeFile(path.join(root, 'bdp.yaml'), 'name: two\n');
    await renamed;
    expect((await service.current())?.name).toBe('two');
  });
});
