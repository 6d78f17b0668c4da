import type { Transport } from '../../shared/rpc/protocol';
import type { ConnectionSource, ConnectionState } from './connection';
import type { Bridge } from './bridge';
import { normalizeError } from './normalize-error';
import { deserializeError, type SerializedError } from '../../shared/rpc/errors';

type InvokeReply = { ok: true; result: unknown } | { ok: false; error: SerializedError };

/** Electron shell: every call goes through the preload's `window.bridge`. The bridge never disconnects. */
export class IpcTransport implements Transport, ConnectionSource {
  constructor(private readonly bridge: Bridge) {}

  /** Main answers with `{ok, result | error}` envelopes (Electron drops custom error fields across IPC). */
  async invoke(channel: string, args: unknown): Promise<unknown> {
    let reply: InvokeReply;
    try {
      reply = (await this.bridge.invoke(channel, args)) as InvokeReply;
    } catch (error) {
      throw normalizeError(error);
    }
    if (reply.ok) return reply.result;
    throw deserializeError(reply.error);
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
