import type { MenuEntry } from '../../ui/ContextMenu';
import type { Workflow } from '../../../shared/model/workflow';
import { KIND_STYLE, type PaletteKind } from '../../ui/workflow-graph/node-kinds';

export type CanvasMenuTarget =
  { kind: 'node'; node: string } | { kind: 'pane'; at: { x: number; y: number } };

export interface CanvasMenuActions {
  preRun(node: string, scope: 'node' | 'downstream'): void;
  openLastRun(node: string): void;
  rename(node: string): void;
  duplicate(node: string): void;
  remove(node: string): void;
  openFile(path: string): void;
  openWorkflow(name: string): void;
  autoLayout(): void;
  fitView(): void;
  paste(at: { x: number; y: number }): void;
  add(kind: PaletteKind, at: { x: number; y: number }): void;
}

const ADDABLE: PaletteKind[] = ['DATA_SYNC', 'SHELL', 'PYTHON', 'EXTERNAL_APP', 'FLOW_REF', 'TASK_REF'];

/** The items of the canvas context menu for a node or the empty pane. */
export function canvasMenuItems(
  target: CanvasMenuTarget,
  wf: Workflow,
  a: CanvasMenuActions,
  opts: { readOnly: boolean; canPaste: boolean },
): MenuEntry[] {
  const ro = opts.readOnly;
  if (target.kind === 'pane') {
    const at = target.at;
    return [
      { label: 'Auto Layout', run: a.autoLayout, disabled: ro },
      { label: 'Fit View', run: a.fitView },
      { label: 'Paste', keybinding: 'Mod+V', run: () => a.paste(at), disabled: ro || !opts.canPaste },
      'separator',
      ...ADDABLE.map((k) => ({
        label: `Add ${KIND_STYLE[k].label}${k.endsWith('_REF') ? '' : ' Task'}`,
        run: () => a.add(k, at),
        disabled: ro,
      })),
    ];
  }
  const name = target.node;
  const task = wf.tasks.find((t) => t.name === name);
  const ref = wf.references.find((r) => r.name === name);
  const open: MenuEntry[] = [];
  if (task && (task.type === 'SHELL' || task.type === 'PYTHON')) {
    if (task.script) open.push({ label: `Open Script ${task.script}`, run: () => a.openFile(task.script!) });
    if (task.resource)
      open.push({
        label: `Open Resource ${task.resource.name}`,
        run: () => a.openFile(`resources/${task.resource!.name}.resource.yaml`),
      });
  }
  if (ref) open.push({ label: `Open Workflow ${ref.workflow}`, run: () => a.openWorkflow(ref.workflow) });
  return [
    { label: 'Pre-run This Node…', run: () => a.preRun(name, 'node'), disabled: !task },
    { label: 'Pre-run Node and Downstream…', run: () => a.preRun(name, 'downstream') },
    { label: 'Open Last Run', run: () => a.openLastRun(name) },
    'separator',
    { label: 'Rename…', keybinding: 'F2', run: () => a.rename(name), disabled: ro },
    { label: 'Duplicate', keybinding: 'Mod+D', run: () => a.duplicate(name), disabled: ro },
    { label: 'Delete', keybinding: 'Delete', run: () => a.remove(name), disabled: ro },
    ...(open.length ? (['separator', ...open] as MenuEntry[]) : []),
  ];
}
