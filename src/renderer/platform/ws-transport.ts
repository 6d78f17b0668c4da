import { AppError, deserializeError } from '../../shared/rpc/errors';
import type { ClientMessage, ServerMessage, Transport } from '../../shared/rpc/protocol';
import type { ConnectionSource, ConnectionState } from './connection';

export interface WsTransportOptions {
  url: string;
  /** Injectable for tests; defaults to the browser's WebSocket. */
  createSocket?: (url: string) => WebSocket;
  /** Delay in ms before reconnect attempt `attempt` (0-based). */
  backoff?: (attempt: number) => number;
  /** How long a call made while disconnected waits for the connection before it fails. */
  queueTimeoutMs?: number;
}

interface PendingCall {
  channel: string;
  message: ClientMessage;
  sent: boolean;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

type Listener = (payload: unknown) => void;

/** 250 ms, 500 ms, 1 s, 2 s, then every 4 s. */
export function defaultBackoff(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 4000);
}

/** The URL of the web shell's RPC socket; auth rides on the cookie the server set when the page loaded. */
export function rpcUrl(loc: { protocol: string; host: string }): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/rpc`;
}

/**
 * Web shell transport: JSON messages over one WebSocket (see protocol.ts). Reconnects with
 * backoff; calls in flight when the socket closes are rejected with `UNAVAILABLE` (they may or
 * may not have run), calls made while disconnected wait for the next connection.
 */
export class WsTransport implements Transport, ConnectionSource {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private state: ConnectionState = 'connecting';
  private attempt = 0;
  private everConnected = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly createSocket: (url: string) => WebSocket;
  private readonly backoff: (attempt: number) => number;
  private readonly queueTimeoutMs: number;

  constructor(private readonly options: WsTransportOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url));
    this.backoff = options.backoff ?? defaultBackoff;
    this.queueTimeoutMs = options.queueTimeoutMs ?? 30_000;
    this.connect();
  }

  invoke(channel: string, args: unknown): Promise<unknown> {
    if (this.disposed) return Promise.reject(new AppError('UNAVAILABLE', 'The connection is closed.'));
    const id = this.nextId++;
    const message: ClientMessage =
      args === undefined ? { t: 'req', id, ch: channel } : { t: 'req', id, ch: channel, args };
    return new Promise((resolve, reject) => {
      const call: PendingCall = { channel, message, sent: false, resolve, reject };
      this.pending.set(id, call);
      if (this.isOpen()) {
        this.send(call);
      } else {
        call.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new AppError('UNAVAILABLE', `Not connected to BDP Studio (${channel}).`));
        }, this.queueTimeoutMs);
      }
    });
  }

  on(event: string, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  getState(): ConnectionState {
    return this.state;
  }

  onDidChangeState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Fires after a connection is re-established; events may have been missed, so state should be re-read. */
  onDidReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.failAll(new AppError('UNAVAILABLE', 'The connection is closed.'), true);
  }

  private isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  private send(call: PendingCall): void {
    clearTimeout(call.timer);
    call.sent = true;
    this.socket!.send(JSON.stringify(call.message));
  }

  private connect(): void {
    let socket: WebSocket;
    try {
      socket = this.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.setState('connected');
      for (const call of this.pending.values()) if (!call.sent) this.send(call);
      if (this.everConnected) for (const l of [...this.reconnectListeners]) safely(l);
      this.everConnected = true;
    };
    socket.onmessage = (event: MessageEvent) => {
      if (this.socket === socket && typeof event.data === 'string') this.handleMessage(event.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failAll(new AppError('UNAVAILABLE', 'The connection to BDP Studio was lost.'), false);
      if (!this.disposed) this.scheduleReconnect();
    };
    // An error is always followed by close, which does the work.
    socket.onerror = () => {};
  }

  private scheduleReconnect(): void {
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    const delay = this.backoff(this.attempt++);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  /** Rejects calls that were sent (their outcome is unknown); unsent ones keep waiting unless `all`. */
  private failAll(error: AppError, all: boolean): void {
    for (const [id, call] of this.pending) {
      if (!call.sent && !all) continue;
      clearTimeout(call.timer);
      this.pending.delete(id);
      call.reject(error);
    }
  }

  /** Exposed for tests: handles one raw server frame. */
  handleMessage(raw: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(raw) as ServerMessage;
    } catch {
      console.warn('[ws-transport] ignoring a frame that is not JSON');
      return;
    }
    if (message.t === 'res') {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.ok) call.resolve(message.result);
      else call.reject(deserializeError(message.error));
    } else if (message.t === 'evt') {
      const set = this.listeners.get(message.ch);
      if (set) for (const l of [...set]) safely(() => l(message.payload));
    }
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const l of [...this.stateListeners]) safely(() => l(state));
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error(error);
  }
}
