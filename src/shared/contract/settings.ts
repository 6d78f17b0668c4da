import { z } from 'zod';
import { defineService, type Event } from './types';

export const themeSchema = z.enum(['dark', 'light', 'system']);
export type Theme = z.infer<typeof themeSchema>;

/** VS Code's `files.autoSave`: `off` saves on Ctrl/Cmd+S only; `afterDelay` one second after the last edit. */
export const autoSaveSchema = z.enum(['off', 'afterDelay']);
export type AutoSave = z.infer<typeof autoSaveSchema>;

export const settingsSchema = z.object({
  theme: themeSchema,
  /** Editor font size in px. */
  fontSize: z.number().int().min(8).max(32),
  /** Git author for commits. */
  gitAuthorName: z.string().max(200),
  gitAuthorEmail: z.string().max(200),
  /** Interpreter used to run PYTHON tasks and scripts. */
  pythonPath: z.string().min(1).max(1024),
  /** When edits in any editor (files, the designer's canvas and properties) are saved. */
  autoSave: autoSaveSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  theme: 'dark',
  fontSize: 13,
  gitAuthorName: '',
  gitAuthorEmail: '',
  pythonPath: 'python3',
  autoSave: 'off',
};

/** User settings, kept per user (electron-store on desktop, a JSON file in the web shell). */
export interface SettingsService {
  get(): Promise<Settings>;
  /** Merges the patch; fails with `INVALID_ARGUMENT` on a bad value. Fires onDidChangeSettings. */
  update(args: { patch: Partial<Settings> }): Promise<Settings>;
  onDidChangeSettings: Event<Settings>;
}

export const settingsDescriptor = defineService({
  methods: {
    get: z.undefined().optional(),
    update: z.object({ patch: settingsSchema.partial().strict() }),
  },
  events: ['onDidChangeSettings'],
});
