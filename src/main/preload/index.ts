import { contextBridge, ipcRenderer } from 'electron';
import { allowedEvents, allowedMethods } from './whitelist';

// The renderer's only door to the services: exactly the contract, nothing else. Calls resolve
// to `{ok, result | error}` envelopes (Electron drops custom error fields); the renderer's
// IPC transport unwraps them.
const bridge = {
  invoke(channel: string, args: unknown): Promise<unknown> {
    if (!allowedMethods.has(channel))
      return Promise.reject(new Error(`channel not in the contract: ${channel}`));
    return ipcRenderer.invoke(channel, args);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!allowedEvents.has(event)) throw new Error(`event not in the contract: ${event}`);
    // Strip the IpcRendererEvent: the renderer never sees `sender` or other Electron objects.
    const handler = (_e: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, handler);
    return () => ipcRenderer.removeListener(event, handler);
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);
