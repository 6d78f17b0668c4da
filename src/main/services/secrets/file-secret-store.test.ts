import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
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
  it('keeps secrets across instances, encrypted, in a file only the user can read; the key lives elsewhere', async () => {
    const file = path.join(dir, 'user', 'secrets.json');
    const key = path.join(dir, 'keys', 'secret.key');
    const store = new FileSecretStore(file, key);
    expect(await store.get('a')).toBeUndefined();
    await Promise.all([store.set('a', 'sk-one-1234567'), store.set('b', 'two')]);
    expect(await new FileSecretStore(file, key).get('a')).toBe('sk-one-1234567');
    expect(await new FileSecretStore(file, key).get('b')).toBe('two');
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain('sk-one-1234567');
    expect(JSON.parse(onDisk)).toMatchObject({ v: 1, alg: 'aes-256-gcm' });
    if (process.platform !== 'win32') {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(key)).mode & 0o777).toBe(0o600);
    }
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('two');
  });

  it('seals a plain file of an older build on first read', async () => {
    const file = path.join(dir, 'secrets.json');
    await writeFile(file, JSON.stringify({ 'env:prod': 'plain-secret-99' }));
    const store = new FileSecretStore(file, path.join(dir, 'k'));
    expect(await store.get('env:prod')).toBe('plain-secret-99');
    expect(await readFile(file, 'utf8')).not.toContain('plain-secret-99');
  });

  it('without its key, or with a damaged file, says what to do instead of losing or inventing secrets', async () => {
    const file = path.join(dir, 'secrets.json');
    const key = path.join(dir, 'k');
    await new FileSecretStore(file, key).set('a', 'x');
    await rm(key);
    await expect(new FileSecretStore(file, key).get('a')).rejects.toThrow(
      /cannot be opened with the key .*its key is missing.*restore the key/,
    );
    await expect(new FileSecretStore(file, key).set('b', 'y')).rejects.toThrow(/cannot be opened/);
    await writeFile(file, '{not json');
    await expect(new FileSecretStore(file, key).get('a')).rejects.toThrow(/is damaged/);
  });
});
