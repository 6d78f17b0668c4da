import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { DesignerNode, RelationFlowEdge } from '../../ui/workflow-graph/graph-model';

/**
 * Fit never zooms out below this: a node's name, type and badge stay at 12 px or more on screen
 * (designer.css `[data-lod="low"]`); a graph too big for it opens at its sources, the minimap shows the rest.
 */
export const MIN_FIT_ZOOM = 0.6;
const FIT_PADDING = 0.12;
/** Pixels left around a graph shown at {@link MIN_FIT_ZOOM}. */
const TIGHT_MARGIN = 16;

export interface CanvasFit {
  /** Frames the graph in the visible canvas (animated unless told otherwise). */
  fit(animate?: boolean): void;
  /** For xyflow's `onMoveStart`: a pan or zoom by the user. */
  onMoveStart(event: MouseEvent | TouchEvent | null): void;
  /** The user works in the canvas (pointer down, a drop): the view is theirs until they ask for a fit. */
  userTookOver(): void;
}

/**
 * The designer's viewport: explicit fits, and re-fits when the pane changes size (the YAML pane
 * loading, a panel toggling) — but never once the user has panned, zoomed, dragged or dropped, so
 * the view does not move under their hand. Fits run once the nodes just placed are in xyflow's store.
 */
export function useCanvasFit(
  flow: ReactFlowInstance<DesignerNode, RelationFlowEdge>,
  nodes: DesignerNode[],
  wrapper: RefObject<HTMLDivElement | null>,
): CanvasFit {
  // `auto`: a re-frame the user did not ask for (the pane resized).
  const [request, setRequest] = useState({ seq: 0, animate: false, auto: false });
  const done = useRef(0);
  const userMoved = useRef(false);
  const fit = useCallback(
    (animate = true) => setRequest((r) => ({ seq: r.seq + 1, animate, auto: false })),
    [],
  );
  const refit = useCallback(() => setRequest((r) => ({ seq: r.seq + 1, animate: false, auto: true })), []);

  useEffect(() => {
    if (request.seq === done.current || nodes.length === 0) return;
    done.current = request.seq;
    if (request.auto && userMoved.current) return;
    userMoved.current = false;
    const duration = request.animate ? 200 : 0;
    const box = wrapper.current?.querySelector('.react-flow')?.getBoundingClientRect();
    const bounds = flow.getNodesBounds(nodes);
    const fitZoom =
      box && bounds.width > 0
        ? Math.min(box.width / bounds.width, box.height / bounds.height) * (1 - 2 * FIT_PADDING)
        : 1;
    if (!box || fitZoom >= MIN_FIT_ZOOM) {
      void flow.fitView({ padding: FIT_PADDING, maxZoom: 1, minZoom: 0.05, duration });
      return;
    }
    // Too small to read when fitted with the usual margins: at the smallest readable zoom, centred along an axis
    // where it still fits with a thin margin, else starting at the sources (top left); the minimap shows the rest.
    const z = MIN_FIT_ZOOM;
    const place = (size: number, start: number, room: number): number =>
      size * z + 2 * TIGHT_MARGIN <= room ? (room - size * z) / 2 - start * z : TIGHT_MARGIN - start * z;
    void flow.setViewport(
      { x: place(bounds.width, bounds.x, box.width), y: place(bounds.height, bounds.y, box.height), zoom: z },
      { duration },
    );
  }, [request, nodes, flow, wrapper]);

  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    let width = el.clientWidth;
    let height = el.clientHeight;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === width && el.clientHeight === height) return;
      width = el.clientWidth;
      height = el.clientHeight;
      if (!userMoved.current && done.current > 0) refit();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [refit, wrapper]);

  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) userMoved.current = true;
  }, []);
  const userTookOver = useCallback(() => {
    userMoved.current = true;
  }, []);
  return { fit, onMoveStart, userTookOver };
}
