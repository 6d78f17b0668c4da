import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../../../shared/rpc/errors';
import { findInFiles, replaceInFiles } from './find-in-files';
import type { SearchJob } from './search-service';

// Worker-thread entry (bundled as out/main/search-worker.js): one job per worker, so a search that
// runs away (a backtracking regular expression on a large file) is ended by terminating it.
const job = workerData as SearchJob;
const work =
  job.op === 'find'
    ? Promise.resolve().then(() => findInFiles(job.root, job.query))
    : replaceInFiles(job.root, job.query);
work.then(
  (result) => parentPort!.postMessage({ result }),
  (error: unknown) => parentPort!.postMessage({ error: serializeError(error) }),
);
