import { z } from 'zod';
import { defineService, type Event } from './types';

export interface HostCapabilities {
  /** True when the host can show native open-folder dialogs (desktop). Otherwise the UI browses with `listDirectories`. */
  nativeDialogs: boolean;
  platform: 'linux' | 'darwin' | 'win32' | 'other';
  homeDir: string;
  appVersion: string;
}

export interface DirectoryListing {
  path: string;
  parent: string | null;
  entries: { name: string; path: string; isWorkspace: boolean }[];
}

/** Desktop-only abilities behind one interface: Electron and browser implementations. */
export interface NativeHostService {
  capabilities(): Promise<HostCapabilities>;
  /** Shows a native folder picker; null when cancelled or not supported. */
  pickFolder(args?: { title?: string }): Promise<string | null>;
  /** Subfolders of an absolute host path (default: home), for the in-app folder browser. Hidden folders are skipped. */
  listDirectories(args?: { path?: string }): Promise<DirectoryListing>;
  /** Shows a workspace file in the system file manager (desktop); no-op elsewhere. */
  revealInFolder(args: { path: string }): Promise<void>;
  /** The native menu asked the workbench to run a command (a command id of the renderer's registry). Never fires in the web shell. */
  onDidRequestCommand: Event<{ command: string }>;
}

export const nativeHostDescriptor = defineService({
  methods: {
    capabilities: z.undefined().optional(),
    pickFolder: z.object({ title: z.string().max(200).optional() }).optional(),
    listDirectories: z.object({ path: z.string().max(4096).optional() }).optional(),
    revealInFolder: z.object({ path: z.string().min(1).max(4096) }),
  },
  events: ['onDidRequestCommand'],
});
