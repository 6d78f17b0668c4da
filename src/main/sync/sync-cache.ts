import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What the last publish left on the target for one workflow. */
export interface CachedWorkflow {
  /** Remote id; empty while a create is in flight (intent recorded, id not yet known). */
  readonly remoteId: string;
  /** Remote fingerprint right after our last write; empty when unknown. */
  readonly fingerprint: string;
  /** Epoch ms of the last recorded step. */
  readonly publishedAt: number;
  /** Created or replaced but scheduling not yet started (a cut-off publish resumes it). */
  readonly pendingEnable?: boolean;
}

/** A file the last publish put on the target (DolphinScheduler Resource Center). */
export interface CachedResource {
  /** sha256 of the bytes uploaded. */
  readonly sha256: string;
  readonly size: number;
  /** `name@version` or `script:<path>` it came from. */
  readonly source: string;
  readonly uploadedAt: number;
}

/** `<workspace>/.bdp/sync/<env>.json`. */
export interface SyncCacheData {
  readonly version: 1;
  readonly environment: string;
  /** Directory path -> remote id. */
  directories: Record<string, string>;
  /** Workflow name -> last publish record. */
  workflows: Record<string, CachedWorkflow>;
  /** Uploaded resource path (target-relative) -> what was uploaded; targets without uploads leave it empty. */
  resources: Record<string, CachedResource>;
}

/** File name of an environment's cache: the name with anything but `[A-Za-z0-9_.-]` as `_`. */
export function syncCachePath(workspaceRoot: string, environment: string): string {
  return path.join(workspaceRoot, '.bdp', 'sync', `${environment.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
}

/**
 * Remote ids and fingerprints per environment. Every mutation is written at once, atomically
 * (temp file + rename), so a publish cut off at any point leaves a readable record of what it
 * had done. A missing or unreadable file is an empty cache: ids are then re-found by name.
 */
export class SyncCache {
  private data?: SyncCacheData;

  constructor(
    readonly file: string,
    private readonly environment: string,
  ) {}

  /** Read the file (once); later calls return the in-memory copy. */
  async load(): Promise<SyncCacheData> {
    if (this.data) return this.data;
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as Partial<SyncCacheData>;
      this.data = {
        version: 1,
        environment: this.environment,
        directories: parsed.directories ?? {},
        workflows: parsed.workflows ?? {},
        resources: parsed.resources ?? {},
      };
    } catch {
      this.data = {
        version: 1,
        environment: this.environment,
        directories: {},
        workflows: {},
        resources: {},
      };
    }
    return this.data;
  }

  /** Forget the in-memory copy so the next `load` re-reads the file. */
  reset(): void {
    this.data = undefined;
  }

  async setDirectory(dirPath: string, remoteId: string): Promise<void> {
    const d = await this.load();
    d.directories[dirPath] = remoteId;
    await this.flush();
  }

  async setWorkflow(
    name: string,
    entry: Omit<CachedWorkflow, 'publishedAt'>,
    now = Date.now(),
  ): Promise<void> {
    const d = await this.load();
    d.workflows[name] = { ...entry, publishedAt: now };
    await this.flush();
  }

  async setResource(
    relPath: string,
    entry: Omit<CachedResource, 'uploadedAt'>,
    now = Date.now(),
  ): Promise<void> {
    const d = await this.load();
    d.resources[relPath] = { ...entry, uploadedAt: now };
    await this.flush();
  }

  private async flush(): Promise<void> {
    const d = await this.load();
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, `${JSON.stringify(d, null, 2)}\n`, 'utf8');
    await rename(tmp, this.file);
  }
}
