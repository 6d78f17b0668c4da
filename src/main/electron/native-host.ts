import os from 'node:os';
import path from 'node:path';
import { dialog, shell, type BrowserWindow } from 'electron';
import type { Event, HostCapabilities, NativeHostService } from '../../shared/contract';
import { Emitter } from '../../shared/emitter';
import { BrowserNativeHost } from '../services/native-host/browser-native-host';

/** Native dialogs and the file manager; folder listing is shared with the web shell's implementation. */
export class ElectronNativeHost implements NativeHostService {
  private readonly commands = new Emitter<{ command: string }>();
  private readonly fallback: BrowserNativeHost;
  readonly onDidRequestCommand: Event<{ command: string }> = this.commands.event;

  constructor(
    private readonly window: () => BrowserWindow | undefined,
    private readonly appVersion: string,
    private readonly workspaceRoot: () => string | undefined,
  ) {
    this.fallback = new BrowserNativeHost(appVersion);
  }

  async capabilities(): Promise<HostCapabilities> {
    return { ...(await this.fallback.capabilities()), nativeDialogs: true };
  }

  async pickFolder(args?: { title?: string }): Promise<string | null> {
    const win = this.window();
    const options = {
      title: args?.title ?? 'Open Folder',
      properties: ['openDirectory', 'createDirectory'] as const,
    };
    const result = win
      ? await dialog.showOpenDialog(win, { ...options, properties: [...options.properties] })
      : await dialog.showOpenDialog({ ...options, properties: [...options.properties] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  listDirectories(args?: { path?: string }): ReturnType<NativeHostService['listDirectories']> {
    return this.fallback.listDirectories(args);
  }

  async revealInFolder(args: { path: string }): Promise<void> {
    const root = this.workspaceRoot() ?? os.homedir();
    const target = path.resolve(root, args.path);
    if (target !== root && !target.startsWith(root + path.sep)) return; // only inside the open workspace
    shell.showItemInFolder(target);
  }

  /** Called by the menu. */
  requestCommand(command: string): void {
    this.commands.fire({ command });
  }
}
