import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonFileStore } from './json-file-store';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bdp-store-'));
  file = path.join(dir, 'nested', 'settings.json');
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('JsonFileStore', () => {
  it('starts empty, persists values across instances and removes undefined', () => {
    const store = new JsonFileStore(file);
    expect(store.get('a')).toBeUndefined();
    store.set('a', { x: 1 });
    store.set('b', [1, 2]);
    const again = new JsonFileStore(file);
    expect(again.get('a')).toEqual({ x: 1 });
    expect(again.get('b')).toEqual([1, 2]);
    again.set('b', undefined);
    expect(new JsonFileStore(file).get('b')).toBeUndefined();
  });

  it('hands out copies', () => {
    const store = new JsonFileStore(file);
    const value = { list: [1] };
    store.set('k', value);
    value.list.push(2);
    store.get<{ list: number[] }>('k')?.list.push(3);
    expect(store.get('k')).toEqual({ list: [1] });
  });

  it('writes atomically, leaving no temp files', async () => {
    const store = new JsonFileStore(file);
    for (let i = 0; i < 5; i++) store.set('n', i);
    expect(await fs.readdir(path.dirname(file))).toEqual(['settings.json']);
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ n: 4 });
  });

  it.each(['{ not json', '[1, 2]', 'null', ''])(
    'recovers from a corrupt file (%j), keeping it as .corrupt',
    async (content) => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, content);
      const store = new JsonFileStore(file);
      expect(store.get('anything')).toBeUndefined();
      expect(await fs.readFile(`${file}.corrupt`, 'utf8')).toBe(content);
      store.set('ok', true);
      expect(new JsonFileStore(file).get('ok')).toBe(true);
    },
  );
});
