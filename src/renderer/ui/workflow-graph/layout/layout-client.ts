/**
 * Runs `layoutDag` in a dedicated Web Worker. Only the newest request matters: a newer call makes
 * every older one resolve as `stale`, and a layout that overruns its deadline gets its worker
 * terminated and replaced.
 */
import type { ElkOptions, LayoutGraph, LayoutResult } from './layout-dag';

/** UI thread -> worker. */
export interface LayoutRequest {
  id: number;
  graph: LayoutGraph;
  /** ELK root options; the worker uses `layoutOptionsFor(node count)` when absent. */
  options?: ElkOptions;
}

/** Worker -> UI thread: the result with the time ELK took inside the worker, or ELK's error. */
export type LayoutResponse =
  { id: number; result: LayoutResult; elkMs: number } | { id: number; error: string };

/** The part of a `Worker` the client uses; `createElkWorker` adapts the real one. */
export interface LayoutWorker {
  postMessage(message: LayoutRequest): void;
  terminate(): void;
  onmessage: ((event: { data: LayoutResponse }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

/** What `LayoutClient.layout` resolves to. `stale`: a newer request superseded this one. */
export type LayoutOutcome = { status: 'done'; result: LayoutResult; elkMs: number } | { status: 'stale' };

/** Rejected when a layout overran its deadline; the worker was terminated and will be recreated. */
export class LayoutTimeoutError extends Error {
  constructor(readonly deadlineMs: number) {
    super(
      `Auto layout took longer than ${deadlineMs / 1000} s and was stopped; the layout worker was restarted.`,
    );
    this.name = 'LayoutTimeoutError';
  }
}

export interface LayoutClientOptions {
  /** Creates the worker; called lazily and again after a deadline or a worker crash. */
  createWorker?: () => LayoutWorker;
  /** How long one layout may run in the worker. Default 10 s. */
  deadlineMs?: number;
}

/** The layout worker as Vite bundles it (an ES module worker). */
export function createElkWorker(): LayoutWorker {
  const worker = new Worker(new URL('./elk.worker.ts', import.meta.url), {
    type: 'module',
    name: 'elk-layout',
  });
  const adapter: LayoutWorker = {
    onmessage: null,
    onerror: null,
    postMessage: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
  };
  worker.onmessage = (event: MessageEvent<LayoutResponse>) => adapter.onmessage?.(event);
  worker.onerror = (event) => adapter.onerror?.(event);
  return adapter;
}

interface Job {
  id: number;
  graph: LayoutGraph;
  options?: ElkOptions;
  settled: boolean;
  resolve: (outcome: LayoutOutcome) => void;
  reject: (error: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Owns one layout worker. At most one layout runs in it; the newest request waits for the worker
 * and older waiting ones are dropped, so a burst of requests never queues stale ELK runs.
 */
export class LayoutClient {
  private worker: LayoutWorker | undefined;
  private generation = 0;
  private running: Job | undefined;
  private waiting: Job | undefined;
  private disposed = false;
  private readonly createWorker: () => LayoutWorker;
  private readonly deadlineMs: number;

  constructor(options: LayoutClientOptions = {}) {
    this.createWorker = options.createWorker ?? createElkWorker;
    this.deadlineMs = options.deadlineMs ?? 10_000;
  }

  /**
   * Lays out `graph` in the worker. Resolves `done` with the result, or `stale` as soon as a newer
   * `layout` call supersedes this one (its result, if it still arrives, is dropped).
   *
   * @throws LayoutTimeoutError when ELK runs longer than the deadline
   * @throws Error when ELK rejects the graph, the worker crashes, or the client was disposed
   */
  layout(graph: LayoutGraph, options?: ElkOptions): Promise<LayoutOutcome> {
    if (this.disposed) return Promise.reject(new Error('LayoutClient is disposed'));
    return new Promise<LayoutOutcome>((resolve, reject) => {
      const job: Job = { id: ++this.generation, graph, options, settled: false, resolve, reject };
      if (this.waiting) settle(this.waiting, { status: 'stale' });
      if (this.running) settle(this.running, { status: 'stale' });
      this.waiting = job;
      this.pump();
    });
  }

  /** Terminates the worker; pending layouts resolve as `stale`. */
  dispose(): void {
    this.disposed = true;
    for (const job of [this.running, this.waiting]) {
      if (!job) continue;
      clearTimeout(job.timer);
      settle(job, { status: 'stale' });
    }
    this.running = this.waiting = undefined;
    this.dropWorker();
  }

  private pump(): void {
    if (this.running || !this.waiting) return;
    const job = this.waiting;
    this.waiting = undefined;
    let worker: LayoutWorker;
    try {
      worker = this.ensureWorker();
    } catch (err) {
      fail(job, new Error(`Could not start the layout worker: ${message(err)}`));
      return;
    }
    this.running = job;
    job.timer = setTimeout(() => this.abort(job, new LayoutTimeoutError(this.deadlineMs)), this.deadlineMs);
    const request: LayoutRequest = { id: job.id, graph: job.graph };
    if (job.options) request.options = job.options;
    worker.postMessage(request);
  }

  private ensureWorker(): LayoutWorker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      if (this.running)
        this.abort(this.running, new Error(`The layout worker crashed: ${event.message ?? 'unknown error'}`));
      else this.dropWorker();
    };
    this.worker = worker;
    return worker;
  }

  private receive(response: LayoutResponse): void {
    const job = this.running;
    if (!job || response.id !== job.id) return;
    clearTimeout(job.timer);
    this.running = undefined;
    if ('error' in response) fail(job, new Error(`ELK could not lay out the workflow: ${response.error}`));
    else settle(job, { status: 'done', result: response.result, elkMs: response.elkMs });
    this.pump();
  }

  /** Ends the running job with `error` (unless it is already stale) and replaces the worker. */
  private abort(job: Job, error: Error): void {
    if (this.running !== job) return;
    clearTimeout(job.timer);
    this.running = undefined;
    this.dropWorker();
    fail(job, error);
    this.pump();
  }

  private dropWorker(): void {
    if (!this.worker) return;
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.worker = undefined;
  }
}

function settle(job: Job, outcome: LayoutOutcome): void {
  if (job.settled) return;
  job.settled = true;
  job.resolve(outcome);
}

function fail(job: Job, error: Error): void {
  if (job.settled) return;
  job.settled = true;
  job.reject(error);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
