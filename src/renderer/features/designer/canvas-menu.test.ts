import { describe, expect, it, vi } from 'vitest';
import { parseWorkflow } from '../../../shared/model/validate-file';
import type { MenuEntry, MenuItem } from '../../ui/ContextMenu';
import { canvasMenuItems, type CanvasMenuActions } from './canvas-menu';
import { sampleWorkflow } from '../../test-support/sample-workflows';

const wf = parseWorkflow(
  sampleWorkflow('daily_orders'),
  'workflows/retail/daily_orders.workflow.yaml',
).workflow!;
const weekly = parseWorkflow(
  sampleWorkflow('weekly_report'),
  'workflows/retail/weekly_report.workflow.yaml',
).workflow!;
const actions = (): CanvasMenuActions => ({
  preRun: vi.fn(),
  openLastRun: vi.fn(),
  rename: vi.fn(),
  duplicate: vi.fn(),
  remove: vi.fn(),
  openFile: vi.fn(),
  openWorkflow: vi.fn(),
  autoLayout: vi.fn(),
  fitView: vi.fn(),
  paste: vi.fn(),
  add: vi.fn(),
});
const item = (items: MenuEntry[], label: string) =>
  items.find((i): i is MenuItem => i !== 'separator' && i.label === label)!;

describe('canvas context menu', () => {
  it('offers pre-runs, editing and the resource of a task node', () => {
    const a = actions();
    const items = canvasMenuItems({ kind: 'node', node: 'clean_orders' }, wf, a, {
      readOnly: false,
      canPaste: false,
    });
    item(items, 'Pre-run Node and Downstream…').run();
    expect(a.preRun).toHaveBeenCalledWith('clean_orders', 'downstream');
    item(items, 'Open Resource clean_orders').run();
    expect(a.openFile).toHaveBeenCalledWith('resources/clean_orders.resource.yaml');
    expect(item(items, 'Delete').disabled).toBe(false);
  });

  it('disables edits while read-only and opens the workflow a reference points at', () => {
    const a = actions();
    const ref = weekly.references[0];
    const items = canvasMenuItems({ kind: 'node', node: ref.name }, weekly, a, {
      readOnly: true,
      canPaste: true,
    });
    expect(item(items, 'Rename…').disabled).toBe(true);
    expect(item(items, 'Pre-run This Node…').disabled).toBe(true);
    item(items, `Open Workflow ${ref.workflow}`).run();
    expect(a.openWorkflow).toHaveBeenCalledWith(ref.workflow);
  });

  it('adds any node type at the pointer from the pane menu; paste needs a clipboard', () => {
    const a = actions();
    const items = canvasMenuItems({ kind: 'pane', at: { x: 10, y: 20 } }, wf, a, {
      readOnly: false,
      canPaste: false,
    });
    expect(item(items, 'Paste').disabled).toBe(true);
    item(items, 'Add Data Sync Task').run();
    item(items, 'Add Flow Ref').run();
    expect(a.add).toHaveBeenCalledWith('DATA_SYNC', { x: 10, y: 20 });
    expect(a.add).toHaveBeenCalledWith('FLOW_REF', { x: 10, y: 20 });
  });
});
