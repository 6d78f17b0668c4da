import { createClient } from '../../shared/rpc/client';
import type { Contract } from '../../shared/contract';
import type { Transport } from '../../shared/rpc/protocol';
import type { ConnectionSource } from './connection';
import { IpcTransport } from './ipc-transport';
import { WsTransport, rpcUrl } from './ws-transport';

// The only place that knows which shell the renderer runs in: picked once, at startup.
const transport: Transport & ConnectionSource = window.bridge
  ? new IpcTransport(window.bridge)
  : new WsTransport({ url: rpcUrl(window.location) });

/** The typed service client: `client.workspace.readFile({path})`. */
export const client: Contract = createClient(transport);

/** Connection state for the status bar, and reconnects (after which state must be re-read). */
export const connection: ConnectionSource = transport;
