import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../../shared/contract';
import { SearchServiceNode } from './search-service';

let dir: string;
let root: string;
let workerPath: string;
const written: { path: string; text: string }[] = [];
const workspace = {
  current: async () => ({ root, name: 'ws', bare: false }),
  writeFile: async (args: { path: string; text: string }) => {
    written.push(args);
    await fs.writeFile(path.join(root, args.path), args.text);
    return { version: 'v' };
  },
};
const q = (pattern: string, more: Partial<SearchQuery> = {}): SearchQuery => ({
  pattern,
  isRegex: false,
  matchCase: false,
  wholeWord: false,
  include: '',
  exclude: '',
  ...more,
});

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bdp-search-service-'));
  root = path.join(dir, 'ws');
  await fs.mkdir(path.join(root, 'scripts'), { recursive: true });
  await fs.writeFile(path.join(root, 'scripts/a.sql'), 'select 1 from dwd.orders;\n');
  // A line a backtracking expression chokes on: (a+)+$ against a's followed by "b".
  await fs.writeFile(path.join(root, 'scripts/trap.txt'), `${'a'.repeat(40)}b\n`);
  // The worker as the app ships it: bundled from its entry.
  workerPath = path.join(dir, 'search-worker.js');
  await build({
    entryPoints: ['src/main/services/search/search-worker.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: workerPath,
    logLevel: 'error',
  });
}, 30_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('SearchServiceNode with its worker thread', () => {
  it('finds and replaces through the worker, writing through the workspace', async () => {
    const service = new SearchServiceNode({ workspace, workerPath });
    const found = await service.find(q('orders'));
    expect(found.files.map((f) => f.path)).toEqual(['scripts/a.sql']);
    const done = await service.replace({
      ...q('dwd\\.(\\w+)', { isRegex: true }),
      replacement: 'dws.$1_v2',
      paths: ['scripts/a.sql'],
    });
    expect(done).toEqual({ files: 1, replacements: 1 });
    expect(written).toEqual([{ path: 'scripts/a.sql', text: 'select 1 from dws.orders_v2;\n' }]);
  });

  it('stops a runaway regular expression at the time limit and still answers the next search', async () => {
    const service = new SearchServiceNode({ workspace, workerPath, timeLimitMs: 1500 });
    const started = Date.now();
    await expect(service.find(q('(a+)+$', { isRegex: true }))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('stopped after 1.5 s'),
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await service.find(q('select'))).matchCount).toBe(1);
  });

  it('a newer search supersedes the running one', async () => {
    const service = new SearchServiceNode({ workspace, workerPath, timeLimitMs: 20_000 });
    const stuck = service.find(q('(a+)+$', { isRegex: true }));
    const fresh = service.find(q('select'));
    await expect(stuck).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'superseded by a newer search',
    });
    expect((await fresh).matchCount).toBe(1);
  });

  it('refuses a bad expression before starting a worker, and needs an open workspace', async () => {
    const service = new SearchServiceNode({ workspace, workerPath });
    await expect(service.find(q('[', { isRegex: true }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const closed = new SearchServiceNode({
      workspace: { ...workspace, current: async () => null },
      workerPath,
    });
    await expect(closed.find(q('x'))).rejects.toMatchObject({ code: 'NO_WORKSPACE' });
  });
});
