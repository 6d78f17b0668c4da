import { Worker } from 'node:worker_threads';
import type { Problem } from '../../../shared/contract';
import type { WorkspaceValidator } from './workspace-service';

/**
 * A validator that runs `validateWorkspace` in one long-lived worker thread. Requests are
 * answered in order; the worker is started lazily and restarted if it dies.
 */
export function createWorkerValidator(workerPath: string): WorkspaceValidator & { dispose(): Promise<void> } {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (p: Problem[]) => void; reject: (e: Error) => void }>();

  const start = (): Worker => {
    const w = new Worker(workerPath);
    w.unref();
    w.on('message', (msg: { id: number; problems?: Problem[]; error?: string }) => {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error !== undefined) p?.reject(new Error(msg.error));
      else p?.resolve(msg.problems ?? []);
    });
    const failAll = (error: Error): void => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };
    w.on('error', failAll);
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      failAll(new Error(`the validation worker stopped (exit code ${code})`));
    });
    return w;
  };

  const validate = (files: ReadonlyMap<string, string>): Promise<Problem[]> =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, files: [...files] });
    });

  return Object.assign(validate, {
    async dispose(): Promise<void> {
      await worker?.terminate();
      worker = undefined;
    },
  });
}
