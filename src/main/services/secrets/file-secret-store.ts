import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { SecretStore } from './secret-store';

/**
 * Secrets in one JSON file readable by the user only (mode 0600), for the web shell and the
 * CLI, which have no OS keychain (docs/decisions.md "Publish UI"). Writes are atomic (temp
 * file + rename) and serialised.
 */
export class FileSecretStore implements SecretStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly filePath: string) {}

  async get(key: string): Promise<string | undefined> {
    await this.queue;
    return (await this.load())[key];
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
    const run = this.queue.then(async () => this.write(change(await this.load())));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<Record<string, string>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.filePath, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return Object.fromEntries(
          Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
      }
      return {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }

  private async write(data: Record<string, string>): Promise<void> {
    const dir = path.dirname(this.filePath);
    await mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `.${path.basename(this.filePath)}.${randomBytes(6).toString('hex')}`);
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      // The umask may have narrowed the mode at creation; make sure it is exactly 0600.
      await chmod(tmp, 0o600);
      await rename(tmp, this.filePath);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }
}
