/**
 * Where publish secrets (EnOS SecretKey, DolphinScheduler token) live: the OS secure store on
 * desktop (`SafeStorageSecretStore`), a 0600 file elsewhere (`FileSecretStore`). Never in the
 * workspace, never sent to the renderer.
 */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A store kept in memory only (tests, and shells that must not persist). */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }

  set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
}
