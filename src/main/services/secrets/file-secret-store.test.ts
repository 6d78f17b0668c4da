import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from './file-secret-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bdp-secrets-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('FileSecretStore', () => {
  it('keeps secrets across instances in a file only the user can read', async () => {
    const file = path.join(dir, 'nested', 'secrets.json');
    const store = new FileSecretStore(file);
    expect(await store.get('a')).toBeUndefined();
    await Promise.all([store.set('a', 'one'), store.set('b', 'two')]);
    expect(await new FileSecretStore(file).get('a')).toBe('one');
    expect(await new FileSecretStore(file).get('b')).toBe('two');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ b: 'two' });
  });
});
