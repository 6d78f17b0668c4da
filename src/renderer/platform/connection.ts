/** Connection state of the transport, as the status bar shows it. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionSource {
  getState(): ConnectionState;
  /** Called on every state change; returns a disposer. */
  onDidChangeState(listener: (state: ConnectionState) => void): () => void;
  /** Fires when the connection is back after a loss: events may have been missed, so state must be re-read. */
  onDidReconnect(listener: () => void): () => void;
}
