import type { SerializedError } from './errors';

/** Browser shell wire format (JSON over one WebSocket). Channel names are `<service>.<method|event>`. */
export type ClientMessage = { t: 'req'; id: number; ch: string; args?: unknown };
export type ServerMessage =
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number; ok: false; error: SerializedError }
  | { t: 'evt'; ch: string; payload: unknown };

/** How the renderer reaches the services: IPC in Electron, WebSocket in the web shell. */
export interface Transport {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Query parameter and cookie that carry the web shell's per-launch token. */
export const TOKEN_PARAM = 'token';
export const TOKEN_COOKIE = 'bdp_token';
