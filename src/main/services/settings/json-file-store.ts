import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { KeyValueStore } from './key-value-store';

type Json = Record<string, unknown>;

/**
 * A `KeyValueStore` kept in one JSON file (e.g. `<userDataDir>/settings.json`). Reads happen
 * once at construction; every `set` rewrites the file atomically (temp file, fsync, rename), so
 * a crash leaves either the old or the new file. A file that is not a JSON object is moved aside
 * to `<file>.corrupt` and the store starts empty instead of failing the app start.
 */
export class JsonFileStore implements KeyValueStore {
  private data: Json;

  constructor(readonly filePath: string) {
    this.data = this.load();
  }

  get<T>(key: string): T | undefined {
    const value = this.data[key];
    // A copy, so callers cannot mutate the store behind its back.
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  set<T>(key: string, value: T): void {
    const next: Json = { ...this.data };
    if (value === undefined) delete next[key];
    else next[key] = JSON.parse(JSON.stringify(value)) as unknown;
    this.write(next);
    this.data = next;
  }

  private load(): Json {
    let text: string;
    try {
      text = fs.readFileSync(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Json;
    } catch {
      // fall through to recovery
    }
    const backup = `${this.filePath}.corrupt`;
    fs.renameSync(this.filePath, backup);
    console.warn(`settings file ${this.filePath} was unreadable; moved to ${backup} and starting fresh`);
    return {};
  }

  private write(data: Json): void {
    const dir = path.dirname(this.filePath);
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `.${path.basename(this.filePath)}.bdp-tmp-${randomBytes(6).toString('hex')}`);
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeFileSync(fd, `${JSON.stringify(data, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.renameSync(tmp, this.filePath);
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      throw error;
    }
  }
}
