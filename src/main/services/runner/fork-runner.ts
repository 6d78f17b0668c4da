import { fork } from 'node:child_process';
import {
  RUNNER_PROCESS_FLAG,
  type FromRunner,
  type RunnerProcess,
  type ToRunner,
} from '../../../shared/runner-protocol';

/**
 * The runner as a Node child process (web shell, CLI, tests): `child_process.fork` with a JSON
 * IPC channel. The desktop app uses Electron's `utilityProcess` instead (electron/utility-runner.ts).
 */
export function forkRunner(modulePath: string, execArgv: string[] = []): RunnerProcess {
  const child = fork(modulePath, [RUNNER_PROCESS_FLAG], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
  // Write errors (EPIPE after a crash) reach each message through its send callback.
  child.on('error', () => undefined);
  return {
    get pid() {
      return child.pid;
    },
    send(message: ToRunner, onError: (error: Error) => void): void {
      try {
        child.send(message, (error) => {
          if (error) onError(error);
        });
      } catch (error) {
        onError(error instanceof Error ? error : new Error(String(error)));
      }
    },
    onMessage(listener: (message: FromRunner) => void): void {
      child.on('message', (m) => listener(m as FromRunner));
    },
    onExit(listener: (how: string) => void): void {
      child.once('exit', (code, signal) => listener(signal ?? `code ${code}`));
    },
    kill(): void {
      child.kill('SIGKILL');
    },
  };
}
