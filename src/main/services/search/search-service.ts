import { Worker } from 'node:worker_threads';
import type { SearchQuery, SearchResult, SearchService, WorkspaceService } from '../../../shared/contract';
import { AppError, deserializeError, type SerializedError } from '../../../shared/rpc/errors';
import { runSearchJob, type replaceInFiles, type SearchJob } from './find-in-files';
import { compileQuery } from './text-search';

type Edits = Awaited<ReturnType<typeof replaceInFiles>>;

/** Longer than any honest search of a large workspace; a regular expression stuck backtracking ends here. */
const SEARCH_TIME_LIMIT_MS = 30_000;

export interface SearchServiceOptions {
  workspace: Pick<WorkspaceService, 'current' | 'writeFile'>;
  /** The bundled worker (`out/main/search-worker.js`); searches run in-process without it (tests, CLI). */
  workerPath?: string;
  timeLimitMs?: number;
}

/** Find in Files and Replace in Files over the open workspace, each search in its own worker thread. */
export class SearchServiceNode implements SearchService {
  /** The running search; a newer one stops it (typing in the search box starts one per keystroke). */
  private running: { worker: Worker; reject: (e: Error) => void } | undefined;

  constructor(private readonly options: SearchServiceOptions) {}

  async find(query: SearchQuery): Promise<SearchResult> {
    compileQuery(query);
    return this.run<SearchResult>({ op: 'find', root: await this.root(), query });
  }

  async replace(
    query: SearchQuery & { replacement: string; paths: string[] },
  ): Promise<{ files: number; replacements: number }> {
    compileQuery(query);
    const edits = await this.run<Edits>({ op: 'replace', root: await this.root(), query });
    for (const edit of edits) await this.options.workspace.writeFile({ path: edit.path, text: edit.text });
    return { files: edits.length, replacements: edits.reduce((n, e) => n + e.count, 0) };
  }

  dispose(): void {
    this.stopRunning();
  }

  private async root(): Promise<string> {
    const info = await this.options.workspace.current();
    if (!info) throw new AppError('NO_WORKSPACE', 'open a workspace to search it');
    return info.root;
  }

  private run<T>(job: SearchJob): Promise<T> {
    this.stopRunning();
    if (!this.options.workerPath) {
      return runSearchJob(job) as Promise<T>;
    }
    const worker = new Worker(this.options.workerPath, { workerData: job });
    const limitMs = this.options.timeLimitMs ?? SEARCH_TIME_LIMIT_MS;
    return new Promise<T>((resolve, reject) => {
      const running = { worker, reject };
      this.running = running;
      const timer = setTimeout(() => {
        reject(
          new AppError(
            'UNAVAILABLE',
            `the search was stopped after ${limitMs / 1000} s; narrow it with "files to include" or a simpler expression`,
          ),
        );
        void worker.terminate();
      }, limitMs);
      const finish = (): void => {
        clearTimeout(timer);
        if (this.running === running) this.running = undefined;
      };
      worker.once('message', (msg: { result?: T; error?: SerializedError }) => {
        finish();
        if (msg.error) reject(deserializeError(msg.error));
        else resolve(msg.result as T);
        void worker.terminate();
      });
      worker.once('error', (error) => {
        finish();
        reject(new AppError('INTERNAL', `the search failed: ${error.message}`));
      });
      worker.once('exit', () => {
        finish();
        reject(new AppError('UNAVAILABLE', 'the search was stopped'));
      });
    });
  }

  private stopRunning(): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.reject(new AppError('UNAVAILABLE', 'superseded by a newer search'));
    void running.worker.terminate();
  }
}
