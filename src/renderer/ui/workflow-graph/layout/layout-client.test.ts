import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LayoutClient,
  LayoutTimeoutError,
  type LayoutRequest,
  type LayoutResponse,
  type LayoutWorker,
} from './layout-client';
import type { LayoutGraph, LayoutResult } from './layout-dag';

/** A worker that records requests; the test answers them with `reply`. */
class FakeWorker implements LayoutWorker {
  onmessage: ((event: { data: LayoutResponse }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  readonly requests: LayoutRequest[] = [];
  terminated = false;

  postMessage(message: LayoutRequest): void {
    this.requests.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(id: number, result: LayoutResult = resultFor(id)): void {
    this.onmessage?.({ data: { id, result, elkMs: 5 } });
  }
}

const graph = (id: string): LayoutGraph => ({ id, children: [], edges: [] });
const resultFor = (id: number): LayoutResult => ({
  nodes: [{ id: `n${id}`, x: id, y: 0, width: 1, height: 1 }],
  edges: [],
  width: 1,
  height: 1,
});

let workers: FakeWorker[];
let client: LayoutClient;

beforeEach(() => {
  workers = [];
  client = new LayoutClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    deadlineMs: 1000,
  });
});

afterEach(() => {
  client.dispose();
  vi.useRealTimers();
});

/** Lets settled promises run their callbacks. */
const flush = (): Promise<void> => new Promise((resolve) => queueMicrotask(resolve));

describe('LayoutClient', () => {
  it('creates the worker lazily and resolves with the worker result', async () => {
    expect(workers).toHaveLength(0);
    const p = client.layout(graph('a'), { 'org.eclipse.elk.direction': 'DOWN' });
    expect(workers).toHaveLength(1);
    expect(workers[0].requests).toEqual([
      { id: 1, graph: graph('a'), options: { 'org.eclipse.elk.direction': 'DOWN' } },
    ]);
    workers[0].reply(1);
    await expect(p).resolves.toEqual({ status: 'done', result: resultFor(1), elkMs: 5 });
  });

  it('resolves an older request as stale as soon as a newer one arrives, and drops its result', async () => {
    const first = client.layout(graph('a'));
    const second = client.layout(graph('b'));
    await expect(first).resolves.toEqual({ status: 'stale' });
    // The worker is still busy with the first; the second waits rather than queueing behind it in ELK.
    expect(workers[0].requests.map((r) => r.id)).toEqual([1]);
    workers[0].reply(1);
    expect(workers[0].requests.map((r) => r.id)).toEqual([1, 2]);
    workers[0].reply(2);
    await expect(second).resolves.toEqual({ status: 'done', result: resultFor(2), elkMs: 5 });
  });

  it('never sends requests superseded while the worker was busy', async () => {
    const a = client.layout(graph('a'));
    const b = client.layout(graph('b'));
    const c = client.layout(graph('c'));
    workers[0].reply(1);
    workers[0].reply(3);
    expect(workers[0].requests.map((r) => r.graph.id)).toEqual(['a', 'c']);
    expect(await Promise.all([a, b, c])).toEqual([
      { status: 'stale' },
      { status: 'stale' },
      { status: 'done', result: resultFor(3), elkMs: 5 },
    ]);
  });

  it('ignores replies for ids it is not waiting for', async () => {
    const p = client.layout(graph('a'));
    let settled = false;
    void p.then(() => (settled = true));
    workers[0].reply(7);
    await flush();
    expect(settled).toBe(false);
    workers[0].reply(1);
    await expect(p).resolves.toMatchObject({ status: 'done' });
  });

  it('rejects with the ELK error and keeps the worker', async () => {
    const p = client.layout(graph('a'));
    workers[0].onmessage?.({ data: { id: 1, error: 'Referenced shape does not exist: x' } });
    await expect(p).rejects.toThrow('ELK could not lay out the workflow: Referenced shape does not exist: x');
    expect(workers[0].terminated).toBe(false);
    const q = client.layout(graph('b'));
    workers[0].reply(2);
    await expect(q).resolves.toMatchObject({ status: 'done' });
    expect(workers).toHaveLength(1);
  });

  it('terminates the worker on the deadline, rejects clearly and recreates it for the next layout', async () => {
    vi.useFakeTimers();
    const p = client.layout(graph('a'));
    const rejected = expect(p).rejects.toThrow(LayoutTimeoutError);
    vi.advanceTimersByTime(999);
    expect(workers[0].terminated).toBe(false);
    vi.advanceTimersByTime(1);
    await rejected;
    await expect(p).rejects.toThrow(
      'Auto layout took longer than 1 s and was stopped; the layout worker was restarted.',
    );
    expect(workers[0].terminated).toBe(true);

    const q = client.layout(graph('b'));
    expect(workers).toHaveLength(2);
    workers[1].reply(2);
    await expect(q).resolves.toMatchObject({ status: 'done' });
  });

  it('runs the waiting request on a fresh worker when a stale one overruns the deadline', async () => {
    vi.useFakeTimers();
    const stale = client.layout(graph('a'));
    const fresh = client.layout(graph('b'));
    await expect(stale).resolves.toEqual({ status: 'stale' });
    vi.advanceTimersByTime(1000);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].requests.map((r) => r.graph.id)).toEqual(['b']);
    workers[1].reply(2);
    await expect(fresh).resolves.toMatchObject({ status: 'done' });
  });

  it('clears the deadline once the result arrives', async () => {
    vi.useFakeTimers();
    const p = client.layout(graph('a'));
    workers[0].reply(1);
    await expect(p).resolves.toMatchObject({ status: 'done' });
    vi.advanceTimersByTime(5000);
    expect(workers[0].terminated).toBe(false);
  });

  it('rejects the running layout when the worker crashes, and starts a new worker next time', async () => {
    const p = client.layout(graph('a'));
    workers[0].onerror?.({ message: 'SyntaxError in elk.worker' });
    await expect(p).rejects.toThrow('The layout worker crashed: SyntaxError in elk.worker');
    expect(workers[0].terminated).toBe(true);
    const q = client.layout(graph('b'));
    expect(workers).toHaveLength(2);
    workers[1].reply(2);
    await expect(q).resolves.toMatchObject({ status: 'done' });
  });

  it('resolves pending layouts as stale on dispose and refuses new ones', async () => {
    const p = client.layout(graph('a'));
    client.dispose();
    await expect(p).resolves.toEqual({ status: 'stale' });
    expect(workers[0].terminated).toBe(true);
    await expect(client.layout(graph('b'))).rejects.toThrow('disposed');
  });

  it('rejects when the worker cannot be created', async () => {
    const broken = new LayoutClient({
      createWorker: () => {
        throw new Error('blocked by CSP');
      },
    });
    await expect(broken.layout(graph('a'))).rejects.toThrow(
      'Could not start the layout worker: blocked by CSP',
    );
  });
});
