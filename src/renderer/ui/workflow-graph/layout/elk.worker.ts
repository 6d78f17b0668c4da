/** The layout worker: runs `layoutDag` off the UI thread for `LayoutClient`. */
import { layoutOptionsFor } from './layout-dag';
import { layoutDag, loadLayoutEngine } from './layout-engine';
import type { LayoutRequest, LayoutResponse } from './layout-client';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
}

const scope = self as unknown as WorkerScope;

// Must come first: loading ELK replaces `self.onmessage` with ELK's own dispatcher.
loadLayoutEngine();

scope.onmessage = (event) => {
  void run(event.data);
};

async function run({ id, graph, options }: LayoutRequest): Promise<void> {
  const started = performance.now();
  try {
    const result = await layoutDag(graph, options ?? layoutOptionsFor(graph.children.length));
    scope.postMessage({ id, result, elkMs: performance.now() - started });
  } catch (err) {
    // ELK throws GWT exception objects; only their text survives postMessage reliably.
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
}
