import type { Connection } from '../../shared/model';
import { serializeError } from '../../shared/rpc/errors';
import { RunnerServiceNode } from './runner-service';
import { serveScripts } from './script/script-channel';
import {
  RUNNER_METHODS,
  RUNNER_PROCESS_FLAG,
  type FromRunner,
  type RunnerApi,
  type RunnerEvent,
  type ToRunner,
} from '../../shared/runner-protocol';

/** The parent end of the channel: `process` in a forked child. */
export interface RunnerChannel {
  send(message: FromRunner): void;
  on(event: 'message', listener: (message: ToRunner) => void): void;
}

/**
 * Serves a {@link RunnerServiceNode} over a JSON message channel: waits for `init`, runs crash
 * recovery, answers calls and forwards events. Resolves with the service once it is ready.
 */
export function serveRunner(channel: RunnerChannel): Promise<RunnerServiceNode> {
  let batch: RunnerEvent[] = [];
  const queue = (e: RunnerEvent): void => {
    // One message per event-loop turn: per-message IPC overhead dominated 1,000-task runs.
    if (batch.length === 0) {
      setImmediate(() => {
        const events = batch;
        batch = [];
        channel.send({ type: 'events', events });
      });
    }
    batch.push(e);
  };
  let nextPasswordId = 1;
  const passwordWaits = new Map<number, (password: string | undefined) => void>();
  const passwords = (connection: Connection): Promise<string | undefined> =>
    new Promise((resolve) => {
      const id = nextPasswordId++;
      passwordWaits.set(id, resolve);
      channel.send({ type: 'password-request', id, connection });
    });
  return new Promise((resolve) => {
    let service: RunnerServiceNode | undefined;
    let scripts: ReturnType<typeof serveScripts> | undefined;
    channel.on('message', (msg) => {
      if (msg.type === 'script') {
        if (scripts) scripts.handle(msg);
        else
          channel.send({
            type: 'reply',
            id: msg.id,
            ok: false,
            error: { name: 'AppError', message: 'the runner is not initialised', code: 'UNAVAILABLE' },
          });
        return;
      }
      if (msg.type === 'password-reply') {
        passwordWaits.get(msg.id)?.(msg.password);
        passwordWaits.delete(msg.id);
        return;
      }
      if (msg.type === 'init') {
        if (service) return;
        const s = new RunnerServiceNode(msg.options, { passwords });
        service = s;
        scripts = serveScripts((m) => channel.send(m), msg.options);
        s.onDidChangeInstance((payload) => queue({ event: 'onDidChangeInstance', payload }));
        s.onDidAppendLog((payload) => queue({ event: 'onDidAppendLog', payload }));
        s.init().then(
          (recovered) => {
            channel.send({ type: 'ready', recovered: recovered.length });
            resolve(s);
          },
          (error: unknown) => channel.send({ type: 'init-failed', error: serializeError(error) }),
        );
        return;
      }
      if (msg.type !== 'call') return;
      if (msg.method === 'dispose') void scripts?.dispose();
      const target = service;
      if (!target || !(RUNNER_METHODS as readonly string[]).includes(msg.method)) {
        channel.send({
          type: 'reply',
          id: msg.id,
          ok: false,
          error: { name: 'AppError', message: `unknown call ${String(msg.method)}`, code: 'UNKNOWN_CHANNEL' },
        });
        return;
      }
      const fn = target[msg.method] as (...args: unknown[]) => Promise<unknown>;
      fn.apply(target, msg.args as unknown[]).then(
        (result) => channel.send({ type: 'reply', id: msg.id, ok: true, result }),
        (error: unknown) =>
          channel.send({ type: 'reply', id: msg.id, ok: false, error: serializeError(error) }),
      );
    });
  });
}

/** The port of an Electron utility process (`process.parentPort`), when this is one. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** The channel to main: Electron's parent port in a utility process, else Node's IPC (`process.send`). */
function parentChannel(): RunnerChannel {
  const port = (process as { parentPort?: ParentPort }).parentPort;
  if (port)
    return {
      send: (m) => port.postMessage(m),
      on: (_event, l) => port.on('message', (e) => l(e.data as ToRunner)),
    };
  const send = process.send?.bind(process);
  if (!send) throw new Error('the runner process must be started with an IPC channel');
  return {
    send: (m) => {
      // With a callback, a send failing after the parent left is not an 'error' event (crash).
      if (process.connected) send(m, undefined, undefined, () => {});
    },
    on: (e, l) => void process.on(e, l as (m: unknown) => void),
  };
}

/** Entry when started with {@link RUNNER_PROCESS_FLAG}: serve, and stop everything when main goes away or says so. */
function main(): void {
  const channel = parentChannel();
  let service: RunnerApi | undefined;
  void serveRunner(channel).then((s) => (service = s));
  let leaving = false;
  const leave = (): void => {
    if (leaving) return;
    leaving = true;
    void (service?.dispose() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  process.on('disconnect', leave);
  channel.on('message', (m) => {
    if (m.type === 'shutdown') leave();
  });
}

if (process.argv.includes(RUNNER_PROCESS_FLAG)) main();
