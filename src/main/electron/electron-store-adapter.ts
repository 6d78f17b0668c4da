import Store from 'electron-store';
import type { KeyValueStore } from '../services/settings/key-value-store';

/** electron-store (JSON in the userData folder) behind the services' KeyValueStore interface. */
export class ElectronKeyValueStore implements KeyValueStore {
  private readonly store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true });

  get<T>(key: string): T | undefined {
    return this.store.get(key) as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.store.set(key, value);
  }
}
