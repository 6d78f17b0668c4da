/** The one object the Electron preload exposes (contextBridge); absent in the web shell. */
export interface Bridge {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    bridge?: Bridge;
  }
}
