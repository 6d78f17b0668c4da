import type { Problem } from '../../../shared/contract';
import { classifyWorkspaceFile } from '../../../shared/model/validate-file';

export interface LiveValidationRequest {
  id: number;
  path: string;
  text: string;
}

export interface LiveValidationResponse {
  id: number;
  problems: Problem[];
  error?: string;
}

/** Sources `validateWorkspaceFile` reports on its own; the workspace's cross-file `reference` problems are not among them. */
export const LIVE_SOURCES: ReadonlySet<string> = new Set(['yaml', 'schema', 'dag']);

export function isLiveValidated(path: string): boolean {
  const kind = classifyWorkspaceFile(path);
  return kind === 'workflow' || kind === 'resource';
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, (problems: Problem[] | null) => void>();
/** Newest request per path: answers to older ones are dropped. */
const latest = new Map<string, number>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./yaml-validate.worker.ts', import.meta.url), {
      type: 'module',
      name: 'yaml-validate',
    });
    worker.onmessage = (event: MessageEvent<LiveValidationResponse>) => {
      const resolve = pending.get(event.data.id);
      pending.delete(event.data.id);
      resolve?.(event.data.error ? null : event.data.problems);
    };
  }
  return worker;
}

/** Validates unsaved text off the UI thread; resolves null when a newer request for the same file superseded it. */
export function validateLive(path: string, text: string): Promise<Problem[] | null> {
  const id = ++nextId;
  latest.set(path, id);
  return new Promise((resolve) => {
    pending.set(id, (problems) => resolve(latest.get(path) === id ? problems : null));
    getWorker().postMessage({ id, path, text } satisfies LiveValidationRequest);
  });
}
