import { promises as fs } from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { FileChange } from '../../../shared/contract';
import { isIgnoredPath } from './ignored-paths';
import { toRelative } from './path-guard';

/** Changes arriving within this window are delivered as one event. */
export const WATCH_BATCH_MS = 50;

/** When a new folder is listed again to catch what chokidar missed (see `sweepLater`). */
const SWEEP_DELAYS_MS = [100, 1000];

export interface FileWatcherOptions {
  root: string;
  onChanges: (changes: FileChange[]) => void;
  batchMs?: number;
}

/**
 * Watches a workspace folder with chokidar and delivers changes in batches, so a `git checkout`
 * touching hundreds of files yields a handful of events instead of hundreds. Within one batch a
 * path appears once: created+changed stays created, created+deleted disappears, deleted+created
 * becomes changed. The service feeds its own writes in through `report`, which makes them visible
 * without waiting for the OS notification (and is deduplicated against it in the same batch).
 */
export class FileWatcher {
  private readonly watcher: FSWatcher;
  private readonly pending = new Map<string, FileChange['kind']>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly batchMs: number;
  private readonly root: string;
  /** Resolves when the initial scan is done and external changes are being observed. */
  readonly ready: Promise<void>;

  constructor(private readonly options: FileWatcherOptions) {
    this.batchMs = options.batchMs ?? WATCH_BATCH_MS;
    const root = path.resolve(options.root);
    this.root = root;
    this.watcher = watch(root, {
      ignoreInitial: true,
      followSymlinks: false,
      ignored: (p: string) => isIgnoredPath(toRelative(root, p)),
      // Small: long enough to coalesce a write in progress, short enough to feel immediate.
      awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 },
    });
    this.ready = new Promise((resolve) => {
      this.watcher.once('ready', () => resolve());
    });
    const on = (kind: FileChange['kind']) => (p: string) => this.add(toRelative(root, p), kind);
    this.watcher
      .on('add', on('created'))
      .on('addDir', (p: string) => {
        on('created')(p);
        this.sweepLater(p);
      })
      .on('change', on('changed'))
      .on('unlink', on('deleted'))
      .on('unlinkDir', on('deleted'))
      .on('error', (error) => console.error('file watcher error', error));
  }

  /** Adds changes made by the app itself to the current batch. */
  report(changes: readonly FileChange[]): void {
    for (const c of changes) this.add(c.path, c.kind);
  }

  /**
   * chokidar lists a new folder before it starts watching it, so a file created in between (a
   * checkout or an unzip writing a new folder) is neither reported nor watched. Once it watches,
   * list the folder again and adopt what it missed, with everything below a missed folder.
   */
  private sweepLater(dir: string): void {
    for (const delay of SWEEP_DELAYS_MS) {
      setTimeout(() => void this.sweep(dir).catch(() => undefined), delay).unref();
    }
  }

  private async sweep(dir: string): Promise<void> {
    if (this.closed) return;
    const known = new Set(this.watcher.getWatched()[dir] ?? []);
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (this.closed || known.has(entry.name)) continue;
      const abs = path.join(dir, entry.name);
      if (isIgnoredPath(toRelative(this.root, abs))) continue;
      this.add(toRelative(this.root, abs), 'created');
      if (entry.isDirectory()) await this.reportTree(abs);
      this.watcher.add(abs);
    }
  }

  private async reportTree(dir: string): Promise<void> {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      const relative = toRelative(this.root, abs);
      if (this.closed || isIgnoredPath(relative)) continue;
      this.add(relative, 'created');
      if (entry.isDirectory()) await this.reportTree(abs);
    }
  }

  private add(relative: string, kind: FileChange['kind']): void {
    if (this.closed || relative === '' || isIgnoredPath(relative)) return;
    const previous = this.pending.get(relative);
    const merged = mergeKinds(previous, kind);
    if (merged === null) this.pending.delete(relative);
    else this.pending.set(relative, merged);
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.closed || this.pending.size === 0) return;
    const changes = [...this.pending].map(([p, kind]) => ({ path: p, kind }));
    this.pending.clear();
    this.options.onChanges(changes);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.pending.clear();
    await this.watcher.close();
  }
}

function mergeKinds(
  previous: FileChange['kind'] | undefined,
  next: FileChange['kind'],
): FileChange['kind'] | null {
  if (previous === undefined) return next;
  if (previous === 'created') return next === 'deleted' ? null : 'created';
  if (previous === 'deleted') return next === 'created' || next === 'changed' ? 'changed' : 'deleted';
  return next === 'deleted' ? 'deleted' : 'changed';
}
