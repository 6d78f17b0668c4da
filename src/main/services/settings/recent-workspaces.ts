import path from 'node:path';
import { z } from 'zod';
import type { RecentWorkspace } from '../../../shared/contract';
import type { KeyValueStore } from './key-value-store';

export const RECENT_WORKSPACES_KEY = 'recentWorkspaces';
/** Entries shown to the user. */
export const MAX_RECENT = 10;
/**
 * Entries kept: more than shown, so a folder on an unplugged drive does not push a reachable
 * one out of the list for good.
 */
const MAX_STORED = 20;

const entrySchema = z.object({ root: z.string().min(1), name: z.string(), openedAt: z.string() });

/** The recently opened workspaces, kept in the settings store under their own key. */
export class RecentWorkspaces {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Newest first, deduplicated; entries that fail to parse are dropped. Does not check the disk. */
  list(): RecentWorkspace[] {
    const raw = this.store.get<unknown>(RECENT_WORKSPACES_KEY);
    const entries = Array.isArray(raw)
      ? raw.flatMap((e) => {
          const r = entrySchema.safeParse(e);
          return r.success ? [r.data] : [];
        })
      : [];
    entries.sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0));
    const seen = new Set<string>();
    return entries.filter((e) => {
      const key = normaliseRoot(e.root);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Records that `root` was opened now (moves it to the front). */
  add(entry: { root: string; name: string }): void {
    const root = path.resolve(entry.root);
    const rest = this.list().filter((e) => normaliseRoot(e.root) !== normaliseRoot(root));
    const next = [{ root, name: entry.name, openedAt: this.now().toISOString() }, ...rest].slice(
      0,
      MAX_STORED,
    );
    this.store.set(RECENT_WORKSPACES_KEY, next);
  }

  remove(root: string): void {
    const key = normaliseRoot(root);
    this.store.set(
      RECENT_WORKSPACES_KEY,
      this.list().filter((e) => normaliseRoot(e.root) !== key),
    );
  }
}

function normaliseRoot(root: string): string {
  const resolved = path.resolve(root);
  return process.platform === 'win32' || process.platform === 'darwin' ? resolved.toLowerCase() : resolved;
}
