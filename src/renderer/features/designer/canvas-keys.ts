/** What a key pressed on the canvas asks for (none: let it through). */
export type CanvasKeyCommand =
  | {
      kind:
        | 'undo'
        | 'redo'
        | 'delete'
        | 'duplicate'
        | 'copy'
        | 'paste'
        | 'selectAll'
        | 'find'
        | 'closeFind'
        | 'rename';
    }
  | { kind: 'nudge'; dx: number; dy: number };

export interface CanvasKeyContext {
  selectedNodes: number;
  findOpen: boolean;
  readOnly: boolean;
}

/** Nudge steps in flow units: 10, or 1 with Shift for fine placement. */
const STEP = 10;
const FINE_STEP = 1;

/**
 * The canvas shortcuts, as in VS Code and draw.io: Ctrl/Cmd+Z / Shift+Z / Y, Delete / Backspace,
 * Ctrl/Cmd+D / C / V / A / F, F2, arrows (Shift: 1 unit), Escape closes Find.
 */
export function canvasKeyCommand(
  e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean },
  ctx: CanvasKeyContext,
): CanvasKeyCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && key === 'z') return { kind: e.shiftKey ? 'redo' : 'undo' };
  if (mod && key === 'y') return { kind: 'redo' };
  if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) return { kind: 'delete' };
  if (mod && key === 'd') return { kind: 'duplicate' };
  if (mod && key === 'c') return { kind: 'copy' };
  if (mod && key === 'v') return { kind: 'paste' };
  if (mod && key === 'a') return { kind: 'selectAll' };
  if (mod && key === 'f') return { kind: 'find' };
  if (e.key === 'F2' && ctx.selectedNodes === 1 && !ctx.readOnly) return { kind: 'rename' };
  if (!mod && e.key.startsWith('Arrow') && ctx.selectedNodes > 0) {
    const step = e.shiftKey ? FINE_STEP : STEP;
    const delta: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const [dx, dy] = delta[e.key] ?? [0, 0];
    return { kind: 'nudge', dx, dy };
  }
  if (e.key === 'Escape' && ctx.findOpen) return { kind: 'closeFind' };
  return null;
}
