import { ipcMain, type WebContents } from 'electron';
import type { ExposedServices } from '../transport/expose-services';

/**
 * Binds every contract channel to `ipcMain.handle(channel)`; events go to the window as
 * `webContents.send(channel, payload)`. Replies are `{ok, result | error}` envelopes because
 * Electron drops custom error fields across IPC.
 */
export function bindIpc(exposed: ExposedServices, target: () => WebContents | undefined): () => void {
  for (const channel of exposed.methodChannels) {
    ipcMain.handle(channel, (event, args: unknown) => {
      // Only our own top-level page may call in (no iframes, no other frames).
      if (event.senderFrame?.parent !== null || !event.senderFrame.url.startsWith('file://')) {
        return {
          ok: false,
          error: { name: 'AppError', message: 'sender not allowed', code: 'UNAUTHORIZED' },
        };
      }
      return exposed.invoke(channel, args);
    });
  }
  const unsubscribe = exposed.subscribeAll((channel, payload) => target()?.send(channel, payload));
  return () => {
    unsubscribe();
    for (const channel of exposed.methodChannels) ipcMain.removeHandler(channel);
  };
}
