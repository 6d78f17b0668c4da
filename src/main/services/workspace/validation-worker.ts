import { parentPort } from 'node:worker_threads';
import { validateWorkspace } from '../../../shared/model/validate-file';

// Worker-thread entry (bundled as out/main/validation-worker.js): validation parses YAML, which
// takes ~100 ms for a 1,000-task workflow, so it stays off the thread that answers the UI.
parentPort?.on('message', (msg: { id: number; files: [string, string][] }) => {
  try {
    parentPort!.postMessage({ id: msg.id, problems: validateWorkspace(new Map(msg.files)) });
  } catch (error) {
    parentPort!.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) });
  }
});
