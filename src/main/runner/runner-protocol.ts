import type { SerializedError } from '../../shared/rpc/errors';
import type { RunnerApi, RunnerServiceOptions } from './runner-service';

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
  | { [M in RunnerMethod]: { type: 'call'; id: number; method: M; args: Parameters<RunnerApi[M]> } }[RunnerMethod];

/** One event of the runner service. */
export type RunnerEvent = { [E in RunnerEventName]: { event: E; payload: EventPayload<E> } }[RunnerEventName];

/** Runner -> main. Events of one event-loop turn travel together, in order. */
export type FromRunner =
  | { type: 'ready'; recovered: number }
  | { type: 'init-failed'; error: SerializedError }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: SerializedError }
  | { type: 'events'; events: RunnerEvent[] };

/** The command-line flag that makes `runner-process` serve the channel. */
export const RUNNER_PROCESS_FLAG = '--bdp-runner';
