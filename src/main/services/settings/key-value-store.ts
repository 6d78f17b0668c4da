/**
 * Synchronous persistent key-value storage for small JSON values. Desktop backs it with
 * electron-store, the web shell and the CLI with `JsonFileStore`; services only see this.
 */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  /** Persists `value` (JSON-serialisable); `undefined` removes the key. */
  set<T>(key: string, value: T): void;
}
