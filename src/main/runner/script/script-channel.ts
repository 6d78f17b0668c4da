import { serializeError, type SerializedError } from '../../../shared/rpc/errors';
import { findRunnerResources } from '../runner-service';
import { ScriptRunner } from './script-runner';
import {
  SCRIPT_METHODS,
  type RunnerServiceOptions,
  type ScriptCallMessage,
  type ScriptEventMessage,
} from '../../../shared/runner-protocol';

type Reply =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: SerializedError };

/** The runner-process side: one {@link ScriptRunner} for the workspace, answering `script` calls. */
export function serveScripts(
  send: (m: Reply | ScriptEventMessage) => void,
  options: RunnerServiceOptions,
): { handle(msg: ScriptCallMessage): void; dispose(): Promise<void> } {
  const resourcesDir =
    options.resourcesDir ??
    findRunnerResources(__dirname) ??
    findRunnerResources(process.cwd()) ??
    'resources/runner';
  const runner = new ScriptRunner({
    workspaceRoot: options.workspaceRoot,
    resourcesDir,
    timezone: options.timezone,
    app: options.app,
    bashPath: options.bashPath,
    pythonPath: options.pythonPath,
    killGraceMs: options.killGraceMs,
    env: options.env,
  });
  runner.onDidScriptEvent((event) => send({ type: 'script-event', event }));
  // Script processes lead their own groups: they must not outlive a runner that exits.
  process.once('exit', () => runner.killAllNow());
  return {
    handle(msg) {
      if (!(SCRIPT_METHODS as readonly string[]).includes(msg.method)) {
        send({
          type: 'reply',
          id: msg.id,
          ok: false,
          error: { name: 'AppError', message: `unknown call ${String(msg.method)}`, code: 'UNKNOWN_CHANNEL' },
        });
        return;
      }
      const fn = runner[msg.method] as (...args: unknown[]) => unknown;
      Promise.resolve()
        .then(() => fn.apply(runner, msg.args))
        .then(
          (result) => send({ type: 'reply', id: msg.id, ok: true, result: result ?? null }),
          (error: unknown) => send({ type: 'reply', id: msg.id, ok: false, error: serializeError(error) }),
        );
    },
    dispose: () => runner.dispose(),
  };
}
