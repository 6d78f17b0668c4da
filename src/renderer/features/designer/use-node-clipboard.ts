import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback } from 'react';
import type { DesignerNode, RelationFlowEdge } from '../../ui/workflow-graph/graph-model';
import type { NodeClipboard, OpResult, WorkflowDocument, XY } from './model/workflow-document';
import type { WorkflowSource } from './use-workflow-source';

/** Copied nodes, shared by all designer tabs (paste into another workflow works). */
let clipboard: NodeClipboard | null = null;

export interface NodeClipboardActions {
  /** Copies the selected nodes (with the positions they are shown at); returns what was copied. */
  copy(): NodeClipboard | null;
  /** Pastes `clip` (default: the clipboard) next to where it was copied from. */
  paste(clip?: NodeClipboard | null): void;
  /** Pastes the clipboard with its top-left node at `at` (the pane's context menu). */
  pasteAt(at: XY): void;
  /** True when something was copied (in any designer tab). */
  canPaste(): boolean;
}

const canPaste = (): boolean => clipboard !== null;

export function useNodeClipboard(
  source: WorkflowSource,
  flow: ReactFlowInstance<DesignerNode, RelationFlowEdge>,
  edit: (op: (doc: WorkflowDocument) => OpResult) => OpResult,
  selectedNodes: readonly string[],
  readOnly: boolean,
): NodeClipboardActions {
  const copy = useCallback((): NodeClipboard | null => {
    if (selectedNodes.length === 0) return null;
    const c = source.read((d) => d.copyNodes([...selectedNodes]));
    if (!c) return null;
    const shown = new Map(flow.getNodes().map((n) => [n.id, n.position]));
    for (const n of [...c.tasks, ...c.references]) n.position ??= shown.get(String(n.name));
    clipboard = c;
    return c;
  }, [selectedNodes, source, flow]);

  const paste = useCallback(
    (clip: NodeClipboard | null = clipboard) => {
      if (!clip || readOnly) return;
      edit((d) => {
        const r = d.pasteNodes(clip);
        return r.ok ? { ok: true } : r;
      });
    },
    [readOnly, edit],
  );

  const pasteAt = useCallback(
    (at: XY) => {
      const clip = clipboard;
      if (!clip || readOnly) return;
      const placed = [...clip.tasks, ...clip.references]
        .map((n) => n.position as XY | undefined)
        .filter((p): p is XY => !!p);
      const left = placed.length
        ? { x: Math.min(...placed.map((p) => p.x)), y: Math.min(...placed.map((p) => p.y)) }
        : at;
      edit((d) => {
        const r = d.pasteNodes(clip, { x: at.x - left.x, y: at.y - left.y });
        return r.ok ? { ok: true } : r;
      });
    },
    [readOnly, edit],
  );

  return { copy, paste, pasteAt, canPaste };
}
