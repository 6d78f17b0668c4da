import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback, type DragEvent, type RefObject } from 'react';
import type { DesignerNode, RelationFlowEdge } from '../../ui/workflow-graph/graph-model';
import type { XY } from './model/workflow-document';
import { PALETTE_MIME, type PaletteKind } from '../../ui/workflow-graph/node-kinds';

/**
 * Placing palette items: dragged onto the canvas (the node lands centred under the pointer), or
 * clicked (the centre of the visible canvas). `addAt` writes the node; a drop hands the view to the
 * user first, so the canvas does not re-frame under what they just placed.
 */
export function usePaletteDrop(
  flow: ReactFlowInstance<DesignerNode, RelationFlowEdge>,
  wrapper: RefObject<HTMLDivElement | null>,
  nodeCenter: XY,
  addAt: (kind: PaletteKind, at: XY) => void,
  userTookOver: () => void,
) {
  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME) as PaletteKind;
      if (!kind) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      userTookOver();
      addAt(kind, { x: p.x - nodeCenter.x, y: p.y - nodeCenter.y });
      wrapper.current?.focus({ preventScroll: true });
    },
    [flow, addAt, userTookOver, nodeCenter, wrapper],
  );
  const addAtCenter = useCallback(
    (kind: PaletteKind) => {
      const box = wrapper.current?.querySelector('.react-flow')?.getBoundingClientRect();
      if (!box) return;
      const p = flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      addAt(kind, { x: p.x - nodeCenter.x, y: p.y - nodeCenter.y });
    },
    [flow, addAt, nodeCenter, wrapper],
  );
  return { onDragOver, onDrop, addAtCenter };
}
