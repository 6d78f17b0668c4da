import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppError } from '../../../shared/rpc/errors';
import { BrowserNativeHost } from './browser-native-host';

let home: string;
let host: BrowserNativeHost;

beforeEach(async () => {
  home = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'bdp-home-')));
  host = new BrowserNativeHost('1.2.3', { homeDir: home, platform: 'linux' });
});

afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

describe('BrowserNativeHost', () => {
  it('has no native dialogs', async () => {
    expect(await host.capabilities()).toEqual({
      nativeDialogs: false,
      platform: 'linux',
      homeDir: home,
      appVersion: '1.2.3',
    });
    expect(await host.pickFolder({ title: 'x' })).toBeNull();
    await host.revealInFolder({ path: 'a' });
    await expect(new BrowserNativeHost('1', { platform: 'aix' }).capabilities()).resolves.toMatchObject({
      platform: 'other',
    });
  });

  it('lists subfolders of home by default: sorted, hidden skipped, workspaces marked', async () => {
    for (const d of ['beta', 'Alpha', '.hidden', 'ws', 'gamma']) await fs.mkdir(path.join(home, d));
    await fs.writeFile(path.join(home, 'ws', 'bdp.yaml'), 'name: ws\n');
    await fs.writeFile(path.join(home, 'file.txt'), '');
    await fs.symlink(path.join(home, 'beta'), path.join(home, 'linked'));
    await fs.symlink(path.join(home, 'file.txt'), path.join(home, 'linked-file'));
    const listing = await host.listDirectories();
    expect(listing.path).toBe(home);
    expect(listing.parent).toBe(path.dirname(home));
    expect(listing.entries).toEqual([
      { name: 'Alpha', path: path.join(home, 'Alpha'), isWorkspace: false },
      { name: 'beta', path: path.join(home, 'beta'), isWorkspace: false },
      { name: 'gamma', path: path.join(home, 'gamma'), isWorkspace: false },
      { name: 'linked', path: path.join(home, 'linked'), isWorkspace: false },
      { name: 'ws', path: path.join(home, 'ws'), isWorkspace: true },
    ]);
  });

  it('lists a given folder; the file system root has no parent', async () => {
    await fs.mkdir(path.join(home, 'a', 'b'), { recursive: true });
    expect((await host.listDirectories({ path: path.join(home, 'a') })).entries.map((e) => e.name)).toEqual([
      'b',
    ]);
    expect((await host.listDirectories({ path: path.parse(home).root })).parent).toBeNull();
  });

  it('refuses relative and missing paths', async () => {
    const codes = await Promise.all(
      ['relative/dir', path.join(home, 'missing')].map((p) =>
        host.listDirectories({ path: p }).then(
          () => null,
          (e: unknown) => (e as AppError).code,
        ),
      ),
    );
    expect(codes).toEqual(['INVALID_ARGUMENT', 'NOT_FOUND']);
  });
});
