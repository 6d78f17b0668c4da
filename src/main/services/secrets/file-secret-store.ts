import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/rpc/errors';
import type { SecretStore } from './secret-store';

/** What is on disk: the secrets as one AES-256-GCM box. */
interface SealedFile {
  v: 1;
  alg: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

/**
 * Where the key of the web shell's and the CLI's secret file lives: never in the workspace, and
 * not in the user-data folder that holds the file (a copy of that folder, or of the file, does not
 * carry the key). `BDP_SECRET_KEY_FILE` overrides; an explicit user-data folder (tests, portable
 * setups) keeps its key beside it, as `<folder>.secret-key`.
 */
export function secretKeyPath(userDataDir: string, explicit: boolean): string {
  if (process.env.BDP_SECRET_KEY_FILE) return path.resolve(process.env.BDP_SECRET_KEY_FILE);
  if (explicit) return `${path.resolve(userDataDir)}.secret-key`;
  if (process.platform === 'win32')
    return path.join(process.env.LOCALAPPDATA ?? os.homedir(), 'BDP Studio Keys', 'secret.key');
  if (process.platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', 'BDP Studio Keys', 'secret.key');
  return path.join(
    process.env.XDG_STATE_HOME ?? path.join(os.homedir(), '.local', 'state'),
    'bdp-studio',
    'secret.key',
  );
}

/** Writes `bytes` to `file` atomically (temp + rename), readable by the user only. */
async function writePrivate(file: string, bytes: string | Buffer): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}`);
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // The umask may have narrowed the mode at creation; make sure it is exactly 0600.
    await chmod(tmp, 0o600);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Secrets of the web shell and the CLI, which have no OS keychain (docs/decisions.md "Publish
 * UI"): one file (mode 0600) holding them encrypted with AES-256-GCM, under a random 256-bit key
 * kept in another file (mode 0600, see {@link secretKeyPath}). A file written by an older build
 * in plain JSON is read once and sealed. Writes are atomic and serialised.
 */
export class FileSecretStore implements SecretStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly filePath: string,
    readonly keyPath: string = `${filePath}.key`,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.serial(() => this.load()))[key];
  }

  set(key: string, value: string): Promise<void> {
    return this.update((data) => ({ ...data, [key]: value }));
  }

  delete(key: string): Promise<void> {
    return this.update((data) => {
      const next = { ...data };
      delete next[key];
      return next;
    });
  }

  private update(change: (data: Record<string, string>) => Record<string, string>): Promise<void> {
    return this.serial(async () => this.write(change(await this.load())));
  }

  /** One file operation at a time (reading may seal an old plain file). */
  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async key(create: boolean): Promise<Buffer | undefined> {
    try {
      const key = Buffer.from((await readFile(this.keyPath, 'utf8')).trim(), 'base64');
      if (key.length === 32) return key;
      throw new AppError('INTERNAL', `the secret key ${this.keyPath} is not a 256-bit key`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (!create) return undefined;
      const key = randomBytes(32);
      await writePrivate(this.keyPath, `${key.toString('base64')}\n`);
      return key;
    }
  }

  private async load(): Promise<Record<string, string>> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.filePath, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new AppError(
        'INTERNAL',
        `the secret file ${this.filePath} is damaged (${error instanceof Error ? error.message : String(error)}); delete it and enter the secrets again`,
      );
    }
    const sealed = parsed as Partial<SealedFile>;
    if (sealed?.v !== 1) {
      // Plain JSON from an older build: seal it now.
      const plain = strings(parsed);
      await this.write(plain);
      return plain;
    }
    const key = await this.key(false);
    try {
      if (!key) throw new Error('its key is missing');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv ?? '', 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag ?? '', 'base64'));
      const text = Buffer.concat([
        decipher.update(Buffer.from(sealed.data ?? '', 'base64')),
        decipher.final(),
      ]).toString('utf8');
      return strings(JSON.parse(text));
    } catch (error) {
      throw new AppError(
        'INTERNAL',
        `the secret file ${this.filePath} cannot be opened with the key ${this.keyPath} (${error instanceof Error ? error.message : String(error)}); restore the key, or delete both files and enter the secrets again`,
      );
    }
  }

  private async write(data: Record<string, string>): Promise<void> {
    const key = (await this.key(true))!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
    const sealed: SealedFile = {
      v: 1,
      alg: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: body.toString('base64'),
    };
    await writePrivate(this.filePath, `${JSON.stringify(sealed)}\n`);
  }
}

function strings(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
