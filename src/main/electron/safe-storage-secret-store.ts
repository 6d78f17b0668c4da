import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import { AppError } from '../../shared/rpc/errors';
import type { SecretStore } from '../services/secrets/secret-store';

/**
 * Secrets encrypted with Electron `safeStorage` (Keychain, DPAPI, libsecret/kwallet) as one
 * blob per key under `<userData>/secrets/`; file names are hashes so keys do not leak.
 */
export class SafeStorageSecretStore implements SecretStore {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex')}.bin`);
  }

  async get(key: string): Promise<string | undefined> {
    let blob: Buffer;
    try {
      blob = await readFile(this.file(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(blob);
    // The OS rotated its key: store the blob again under the new one.
    if (shouldReEncrypt) await this.set(key, result);
    return result;
  }

  async set(key: string, value: string): Promise<void> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new AppError('UNAVAILABLE', 'the OS secure store is not available; the secret was not saved');
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = this.file(key);
    const tmp = `${file}.tmp`;
    await writeFile(tmp, await safeStorage.encryptStringAsync(value), { mode: 0o600 });
    await rename(tmp, file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}
