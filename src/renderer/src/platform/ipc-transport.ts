import type { Transport } from '../../../shared/rpc/protocol';
import type { ConnectionSource, ConnectionState } from './connection';
import type { Bridge } from './bridge';
import { normalizeError } from './normalize-error';

/** Electron shell: every call goes through the preload's `window.bridge`. The bridge never disconnects. */
export class IpcTransport implements Transport, ConnectionSource {
  constructor(private readonly bridge: Bridge) {}

  async invoke(channel: string, args: unknown): Promise<unknown> {
    try {
      return await this.bridge.invoke(channel, args);
    } catch (error) {
      throw normalizeError(error);
    }
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    return this.bridge.on(event, listener);
  }

  getState(): ConnectionState {
    return 'connected';
  }

  onDidChangeState(): () => void {
    return () => {};
  }

  onDidReconnect(): () => void {
    return () => {};
  }
}
