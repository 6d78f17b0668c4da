import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DirectoryListing, Event, HostCapabilities, NativeHostService } from '../../../shared/contract';
import { AppError } from '../../../shared/rpc/errors';

export interface BrowserNativeHostOptions {
  /** Defaults to `os.homedir()`. */
  homeDir?: string;
  /** Defaults to `process.platform`. */
  platform?: NodeJS.Platform;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The native host of the web shell: no native dialogs (the UI browses folders with
 * `listDirectories` instead) and nothing to reveal in a file manager the browser cannot reach.
 */
export class BrowserNativeHost implements NativeHostService {
  private readonly homeDir: string;
  private readonly platform: NodeJS.Platform;
  /** There is no native menu in the browser: never fires. */
  readonly onDidRequestCommand: Event<{ command: string }> = () => () => {};

  constructor(
    private readonly appVersion: string,
    options: BrowserNativeHostOptions = {},
  ) {
    this.homeDir = options.homeDir ?? os.homedir();
    this.platform = options.platform ?? process.platform;
  }

  async capabilities(): Promise<HostCapabilities> {
    const p = this.platform;
    return {
      nativeDialogs: false,
      platform: p === 'linux' || p === 'darwin' || p === 'win32' ? p : 'other',
      homeDir: this.homeDir,
      appVersion: this.appVersion,
    };
  }

  async pickFolder(_args?: { title?: string }): Promise<string | null> {
    return null;
  }

  async listDirectories(args?: { path?: string }): Promise<DirectoryListing> {
    const requested = args?.path ?? this.homeDir;
    if (!path.isAbsolute(requested))
      throw new AppError('INVALID_ARGUMENT', `not an absolute path: ${requested}`);
    const dir = path.resolve(requested);
    let dirents;
    try {
      dirents = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('NOT_FOUND', `no such folder: ${dir}`);
      if (code === 'EACCES' || code === 'EPERM')
        throw new AppError('INVALID_ARGUMENT', `cannot read ${dir}: permission denied`);
      throw error;
    }
    const candidates = dirents.filter(
      (d) => !d.name.startsWith('.') && (d.isDirectory() || d.isSymbolicLink()),
    );
    const entries = (
      await Promise.all(
        candidates.map(async (d) => {
          const full = path.join(dir, d.name);
          if (d.isSymbolicLink()) {
            const st = await fs.stat(full).catch(() => null);
            if (!st?.isDirectory()) return null;
          }
          const isWorkspace = await fs
            .stat(path.join(full, 'bdp.yaml'))
            .then((s) => s.isFile())
            .catch(() => false);
          return { name: d.name, path: full, isWorkspace };
        }),
      )
    ).filter((e): e is NonNullable<typeof e> => e !== null);
    entries.sort(
      (a, b) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    const parent = path.dirname(dir);
    return { path: dir, parent: parent === dir ? null : parent, entries };
  }

  async revealInFolder(_args: { path: string }): Promise<void> {
    // Nothing to reveal: the browser cannot open the host's file manager.
  }
}
