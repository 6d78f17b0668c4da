import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../../../shared/rpc/errors';
import { runSearchJob, type SearchJob } from './find-in-files';

// Worker-thread entry (bundled as out/main/search-worker.js): one job per worker, so a search that
// runs away (a backtracking regular expression on a large file) is ended by terminating it.
const job = workerData as SearchJob;
runSearchJob(job).then(
  (result) => parentPort!.postMessage({ result }),
  (error: unknown) => parentPort!.postMessage({ error: serializeError(error) }),
);
