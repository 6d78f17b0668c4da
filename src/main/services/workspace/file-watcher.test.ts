import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileChange } from '../../../shared/contract';
import { FileWatcher } from './file-watcher';

let root: string;
let watcher: FileWatcher | undefined;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'bdp-watch-'));
});

afterEach(async () => {
  await watcher?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('FileWatcher', () => {
  it('reports every file written into new folders while chokidar is still listing them', async () => {
    const seen = new Set<string>();
    watcher = new FileWatcher({
      root,
      batchMs: 20,
      onChanges: (c: FileChange[]) => c.forEach((x) => seen.add(x.path)),
    });
    await watcher.ready;
    const expected: string[] = [];
    // A checkout writing new folders: each folder made, then filled at once, some nested.
    for (let d = 0; d < 20; d++) {
      const dir = path.join(root, `d${d}`, 'nested');
      await fs.mkdir(dir, { recursive: true });
      await Promise.all(
        Array.from({ length: 10 }, (_, f) => {
          expected.push(`d${d}/nested/f${f}.txt`);
          return fs.writeFile(path.join(dir, `f${f}.txt`), 'x');
        }),
      );
    }
    await expect.poll(() => expected.filter((p) => !seen.has(p)), { timeout: 5000 }).toEqual([]);
  });
});
