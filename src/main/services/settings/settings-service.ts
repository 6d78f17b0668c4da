import {
  defaultSettings,
  settingsSchema,
  type Event,
  type Settings,
  type SettingsService,
} from '../../../shared/contract';
import { AppError } from '../../../shared/rpc/errors';
import { Emitter } from '../../../shared/emitter';
import type { KeyValueStore } from './key-value-store';

export const SETTINGS_KEY = 'settings';

/**
 * User settings over a `KeyValueStore`. Stored values are merged over the defaults field by
 * field; a stored field that no longer validates (hand-edited file, older version) falls back to
 * its default instead of breaking the whole object.
 */
export class SettingsServiceNode implements SettingsService {
  private readonly changed = new Emitter<Settings>();
  readonly onDidChangeSettings: Event<Settings> = this.changed.event;

  constructor(private readonly store: KeyValueStore) {}

  async get(): Promise<Settings> {
    return this.read();
  }

  async update(args: { patch: Partial<Settings> }): Promise<Settings> {
    const patch = settingsSchema.partial().strict().safeParse(args?.patch);
    if (!patch.success) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `invalid settings: ${patch.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const next = settingsSchema.parse({ ...this.read(), ...patch.data });
    this.store.set(SETTINGS_KEY, next);
    this.changed.fire(next);
    return next;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private read(): Settings {
    const stored = this.store.get<unknown>(SETTINGS_KEY);
    const result: Settings = { ...defaultSettings };
    if (stored === null || typeof stored !== 'object') return result;
    const shape = settingsSchema.shape;
    for (const key of Object.keys(shape) as (keyof Settings)[]) {
      const parsed = shape[key].safeParse((stored as Record<string, unknown>)[key]);
      if (parsed.success) (result as Record<string, unknown>)[key] = parsed.data;
    }
    return result;
  }
}
