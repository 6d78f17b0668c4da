import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../shared/contract';
import { AppError } from '../../../shared/rpc/errors';
import { JsonFileStore } from './json-file-store';
import { RecentWorkspaces } from './recent-workspaces';
import { SETTINGS_KEY, SettingsServiceNode } from './settings-service';

let dir: string;
let store: JsonFileStore;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bdp-settings-'));
  store = new JsonFileStore(path.join(dir, 'settings.json'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('SettingsServiceNode', () => {
  it('returns the defaults, merges updates and fires onDidChangeSettings', async () => {
    const service = new SettingsServiceNode(store);
    expect(await service.get()).toEqual(defaultSettings);
    const seen: Settings[] = [];
    service.onDidChangeSettings((s) => seen.push(s));
    const updated = await service.update({ patch: { theme: 'light', fontSize: 15 } });
    expect(updated).toEqual({ ...defaultSettings, theme: 'light', fontSize: 15 });
    expect(seen).toEqual([updated]);
    expect(await new SettingsServiceNode(new JsonFileStore(path.join(dir, 'settings.json'))).get()).toEqual(
      updated,
    );
  });

  it('refuses invalid values with INVALID_ARGUMENT and keeps the old ones', async () => {
    const service = new SettingsServiceNode(store);
    for (const patch of [{ fontSize: 100 }, { theme: 'pink' }, { unknownKey: 1 }]) {
      const error = await service.update({ patch: patch as Partial<Settings> }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID_ARGUMENT');
    }
    expect(await service.get()).toEqual(defaultSettings);
  });

  it('falls back to the default for a stored field that no longer validates', async () => {
    store.set(SETTINGS_KEY, { theme: 'neon', fontSize: 20, extra: true });
    expect(await new SettingsServiceNode(store).get()).toEqual({ ...defaultSettings, fontSize: 20 });
  });
});

describe('RecentWorkspaces', () => {
  it('keeps entries newest first and deduplicated, under their own key', () => {
    let t = 0;
    const recent = new RecentWorkspaces(store, () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)));
    recent.add({ root: '/a', name: 'a' });
    recent.add({ root: '/b', name: 'b' });
    recent.add({ root: '/a/', name: 'a2' });
    expect(recent.list().map((r) => [r.root, r.name])).toEqual([
      [path.resolve('/a'), 'a2'],
      [path.resolve('/b'), 'b'],
    ]);
    recent.remove('/b');
    expect(recent.list()).toHaveLength(1);
    expect(store.get(SETTINGS_KEY)).toBeUndefined();
  });

  it('ignores garbage in the store', () => {
    store.set('recentWorkspaces', [
      { root: 1 },
      'x',
      { root: '/ok', name: 'ok', openedAt: '2026-01-01T00:00:00Z' },
    ]);
    expect(new RecentWorkspaces(store).list()).toEqual([
      { root: '/ok', name: 'ok', openedAt: '2026-01-01T00:00:00Z' },
    ]);
    store.set('recentWorkspaces', 'nonsense');
    expect(new RecentWorkspaces(store).list()).toEqual([]);
  });
});
