import type { Connection } from '../../shared/model';
import type { SerializedError } from '../../shared/rpc/errors';
import type { RunnerApi, RunnerServiceOptions } from './runner-service';
import type { ScriptCallMessage, ScriptEventMessage } from './script/script-channel';

/** Methods callable across the channel: every non-event method of {@link RunnerApi}. */
export type RunnerMethod = Exclude<keyof RunnerApi, `onDid${string}`>;

/** Events forwarded from the runner process. */
export type RunnerEventName = Extract<keyof RunnerApi, `onDid${string}`>;

type EventPayload<E extends RunnerEventName> = RunnerApi[E] extends (listener: (payload: infer P) => void) => unknown ? P : never;

/** Runtime list of the methods, for validation on the runner side. */
export const RUNNER_METHODS = ['start', 'stop', 'rerun', 'list', 'get', 'readLog', 'configure', 'diagnostics', 'dispose'] as const satisfies readonly RunnerMethod[];

/** Main -> runner. `init` must come first and exactly once. */
export type ToRunner =
  | { type: 'init'; options: RunnerServiceOptions }
  /** Answer to `password-request`: the secret crosses the pipe only, never a file or a log. */
  | { type: 'password-reply'; id: number; password?: string }
  | { [M in RunnerMethod]: { type: 'call'; id: number; method: M; args: Parameters<RunnerApi[M]> } }[RunnerMethod]
  /** Editor script runs (Run / Debug), served by `script/script-channel.ts`. */
  | ScriptCallMessage;

/** One event of the runner service. */
export type RunnerEvent = { [E in RunnerEventName]: { event: E; payload: EventPayload<E> } }[RunnerEventName];

/** Runner -> main. Events of one event-loop turn travel together, in order. */
export type FromRunner =
  | { type: 'ready'; recovered: number }
  | { type: 'init-failed'; error: SerializedError }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: SerializedError }
  | { type: 'events'; events: RunnerEvent[] }
  | ScriptEventMessage
  /** A Data Sync needs a database password from main's secure store (asked at task start). */
  | { type: 'password-request'; id: number; connection: Connection };

/** The command-line flag that makes `runner-process` serve the channel. */
export const RUNNER_PROCESS_FLAG = '--bdp-runner';
