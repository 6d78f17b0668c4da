import { utilityProcess } from 'electron';
import {
  RUNNER_PROCESS_FLAG,
  type FromRunner,
  type RunnerProcess,
  type ToRunner,
} from '../../shared/runner-protocol';

/**
 * The runner in an Electron utility process (DESIGN "Processes"): a Node-enabled child that
 * needs no `ELECTRON_RUN_AS_NODE`, so the packaged app keeps the `runAsNode` fuse off. The
 * runner talks to main through `process.parentPort` (runner-process.ts).
 */
export function utilityRunner(modulePath: string): RunnerProcess {
  const child = utilityProcess.fork(modulePath, [RUNNER_PROCESS_FLAG], {
    serviceName: 'BDP Studio runner',
    stdio: 'inherit',
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    get pid() {
      return child.pid;
    },
    send(message: ToRunner, onError: (error: Error) => void): void {
      if (exited) return onError(new Error('the runner process has exited'));
      try {
        child.postMessage(message);
      } catch (error) {
        onError(error instanceof Error ? error : new Error(String(error)));
      }
    },
    onMessage(listener: (message: FromRunner) => void): void {
      child.on('message', (message: unknown) => listener(message as FromRunner));
    },
    onExit(listener: (how: string) => void): void {
      child.once('exit', (code: number) => listener(`code ${code}`));
    },
    kill(): void {
      child.kill();
    },
  };
}
