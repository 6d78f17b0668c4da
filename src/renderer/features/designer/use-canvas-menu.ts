import type { ReactFlowInstance } from '@xyflow/react';
import {
  useCallback,
  useState,
  type Dispatch,
  type MouseEvent as ReactMouseEvent,
  type SetStateAction,
} from 'react';
import { notify } from '../../app/notifications';
import { client } from '../../platform/services';
import { openInstance } from '../runs';
import type { CanvasMenuTarget } from './canvas-menu';
import type { DesignerNode, RelationFlowEdge } from '../../ui/workflow-graph/graph-model';

export interface CanvasMenuState {
  menu: { x: number; y: number; target: CanvasMenuTarget } | null;
  closeMenu(): void;
  /** Right click on a node: selects it (unless it is part of the selection) and opens its menu. */
  onNodeContextMenu(e: ReactMouseEvent, node: DesignerNode): void;
  /** Right click on the empty canvas: the menu adds or pastes where the pointer is. */
  onPaneContextMenu(e: ReactMouseEvent | MouseEvent): void;
}

export function useCanvasMenu(
  flow: ReactFlowInstance<DesignerNode, RelationFlowEdge>,
  setNodes: Dispatch<SetStateAction<DesignerNode[]>>,
  /** Offset from the pointer to a new node's top-left corner (the pointer lands at its centre). */
  nodeCenter: { x: number; y: number },
): CanvasMenuState {
  const [menu, setMenu] = useState<CanvasMenuState['menu']>(null);
  const onNodeContextMenu = useCallback(
    (e: ReactMouseEvent, node: DesignerNode) => {
      e.preventDefault();
      if (!node.selected)
        setNodes((ns) =>
          ns.map((n) =>
            !!n.selected === (n.id === node.id) ? n : ({ ...n, selected: n.id === node.id } as DesignerNode),
          ),
        );
      setMenu({ x: e.clientX, y: e.clientY, target: { kind: 'node', node: node.id } });
    },
    [setNodes],
  );
  const onPaneContextMenu = useCallback(
    (e: ReactMouseEvent | MouseEvent) => {
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      setMenu({
        x: e.clientX,
        y: e.clientY,
        target: { kind: 'pane', at: { x: p.x - nodeCenter.x, y: p.y - nodeCenter.y } },
      });
    },
    [flow, nodeCenter],
  );
  const closeMenu = useCallback(() => setMenu(null), []);
  return { menu, closeMenu, onNodeContextMenu, onPaneContextMenu };
}

/** Opens the newest of the last ten runs of `workflow` in which `node` ran, or says it has not run. */
export async function openLastRunOf(workflow: string | undefined, node: string): Promise<void> {
  try {
    const list = await client.runner.list({ workflow });
    for (const summary of list.slice(0, 10)) {
      const inst = await client.runner.get({ instanceId: summary.instanceId });
      if (inst.tasks.some((t) => t.name === node && t.runNum > 0)) return openInstance(inst.instanceId);
    }
    notify('info', `${node} has not run yet`);
  } catch (error) {
    notify('error', `Could not look up runs: ${error instanceof Error ? error.message : String(error)}`);
  }
}
