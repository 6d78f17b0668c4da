import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/designer';
import { WorkbenchPage } from './pages/workbench';

// These journeys check the file on disk after each designer edit: Auto Save on, as many users run it
// (the default, Ctrl/Cmd+S, is covered in designer-screen.spec.ts).
test.use({ settings: { autoSave: 'afterDelay' } });

const WORKFLOW = 'workflows/retail/daily_orders.workflow.yaml';
const CYCLE =
  'This relation would close a cycle: notify_bi -> sync_orders -> clean_orders -> aggregate_sales -> notify_bi';

test('designer: drop a task, connect it, a cycle is refused, undo, auto layout', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  await wb.openFile(WORKFLOW);
  const file = path.join(await wb.workspaceRoot(), WORKFLOW);
  const original = await readFile(file, 'utf8');

  // The canvas beside the YAML: 4 tasks, 3 relations (the last one rerun False).
  await expect(designer.root()).toBeVisible();
  await designer.waitReady();
  await expect(designer.nodes()).toHaveCount(4);
  await expect(designer.edges()).toHaveCount(3);
  await expect(designer.edge('aggregate_sales', 'notify_bi')).toHaveText('False');
  await expect(designer.properties()).toContainText('Scheduling Config');
  // Opening lays the graph out without writing positions.
  expect(await readFile(file, 'utf8')).toBe(original);

  // Drag a SHELL task from the palette below the chain.
  const box = (await designer.canvas().boundingBox())!;
  await designer.dropFromPalette('SHELL', { x: box.width - 180, y: box.height / 2 + 120 });
  await expect(designer.node('shell_1')).toBeVisible();
  await expect(designer.nodes()).toHaveCount(5);
  await expect(designer.properties()).toContainText('shell_1');

  // Connect it after notify_bi: the file on disk gets the task and the relation.
  await designer.connect('notify_bi', 'shell_1');
  await expect(designer.edge('notify_bi', 'shell_1')).toBeVisible();
  await expect(page.getByTestId('designer-summary')).toHaveText('5 tasks · 4 relations');
  await expect.poll(() => readFile(file, 'utf8')).toContain('  - { from: notify_bi, to: shell_1 }');
  const withShell = await readFile(file, 'utf8');
  expect(withShell).toContain('  - name: shell_1\n    type: SHELL\n    position: {');
  // Comments elsewhere survive the edit.
  expect(withShell).toContain('  cron: "0 30 2 * * ? *"              # every day at 02:30:00');

  // notify_bi back to sync_orders would close a cycle: refused with the path.
  await designer.connect('notify_bi', 'sync_orders');
  await expect(page.getByTestId('toast').filter({ hasText: CYCLE })).toBeVisible();
  await expect(designer.edges()).toHaveCount(4);
  expect(await readFile(file, 'utf8')).not.toContain('from: notify_bi, to: sync_orders');

  // Ctrl+Z on the canvas takes the relation back out of the file.
  await designer.focusCanvas();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(designer.edge('notify_bi', 'shell_1')).toHaveCount(0);
  await expect.poll(() => readFile(file, 'utf8')).not.toContain('from: notify_bi, to: shell_1');
  expect(await readFile(file, 'utf8')).toContain('name: shell_1');

  // Toggle a rerun flag by its label.
  await designer.edge('aggregate_sales', 'notify_bi').click();
  await expect(designer.edge('aggregate_sales', 'notify_bi')).toHaveText('True');
  await expect.poll(() => readFile(file, 'utf8')).toContain('  - { from: aggregate_sales, to: notify_bi }\n');
  // The relation's properties say the same, and the checkbox label follows the flag.
  await expect(designer.properties()).toContainText('Rerun (True)');
  await designer.properties().getByTestId('prop-rerun').uncheck();
  await expect(designer.properties()).toContainText('Rerun (False)');
  await expect(designer.edge('aggregate_sales', 'notify_bi')).toHaveText('False');
  await designer.properties().getByTestId('prop-rerun').check();
  await expect(designer.edge('aggregate_sales', 'notify_bi')).toHaveText('True');

  // Auto Layout writes a position for every node.
  await designer.toolbar('layout').click();
  await expect
    .poll(
      async () =>
        (await readFile(file, 'utf8')).match(/\n {4}position: \{ x: -?\d+, y: -?\d+ \}/g)?.length ?? 0,
    )
    .toBe(5);
});

test('designer: YAML edits change the canvas; invalid YAML keeps the last graph', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  await wb.openFile(WORKFLOW);
  const file = path.join(await wb.workspaceRoot(), WORKFLOW);
  await designer.waitReady();
  await expect(designer.nodes()).toHaveCount(4);

  // Rename in the properties panel: the relations follow.
  await designer.node('clean_orders').click();
  await page.getByTestId('prop-name').fill('check_orders');
  await page.getByTestId('prop-name').press('Enter');
  await expect(designer.node('check_orders')).toBeVisible();
  await expect(designer.edge('sync_orders', 'check_orders')).toBeVisible();
  await expect.poll(() => readFile(file, 'utf8')).toContain('  - { from: sync_orders, to: check_orders }');

  // A duplicate name is refused with the reason.
  await page.getByTestId('prop-name').fill('notify_bi');
  await page.getByTestId('prop-name').press('Enter');
  await expect(designer.properties().getByRole('alert')).toContainText(
    'The name "notify_bi" is already used by a task',
  );

  // Typing broken YAML in the pane beside the canvas: the canvas keeps the graph and says so.
  await designer.toolbar('yaml').click();
  await expect(designer.toolbar('yaml')).toHaveAttribute('aria-pressed', 'true');
  await wb.editorLines(WORKFLOW).click({ position: { x: 60, y: 5 } });
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.insertText('name: [\n');
  await expect(page.getByTestId('designer-stale-banner')).toContainText('The YAML does not parse');
  await expect(designer.nodes()).toHaveCount(4);
  // Undo the typing in the editor (Monaco may take it in more than one step): the banner goes.
  await expect(async () => {
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(page.getByTestId('designer-stale-banner')).toHaveCount(0, { timeout: 600 });
  }).toPass();
  await expect(designer.node('check_orders')).toBeVisible();

  // The YAML-only view hides the designer.
  await page.getByTestId('designer-mode-yaml').click();
  await expect(designer.root()).toHaveCount(0);
  await expect(wb.editor(WORKFLOW)).toBeVisible();
  await page.getByTestId('designer-mode-designer').click();
  await expect(designer.root()).toBeVisible();
});

test('designer keyboard: find, duplicate, delete, nudge, redo', async ({ workbench: page }) => {
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  await wb.openFile(WORKFLOW);
  const file = path.join(await wb.workspaceRoot(), WORKFLOW);
  await designer.waitReady();
  await expect(designer.nodes()).toHaveCount(4);

  // Ctrl+F selects and centres the match.
  await designer.focusCanvas();
  await page.keyboard.press('ControlOrMeta+F');
  await page.getByTestId('designer-find-input').fill('aggr');
  await expect(designer.node('aggregate_sales')).toHaveClass(/selected/);
  await page.keyboard.press('Escape');
  await expect(designer.canvas()).toBeFocused();

  // Ctrl+D duplicates the selected node (the copy is selected), Delete removes it again.
  await page.keyboard.press('ControlOrMeta+D');
  await expect(designer.node('aggregate_sales_copy')).toHaveClass(/selected/);
  await expect.poll(() => readFile(file, 'utf8')).toContain('name: aggregate_sales_copy');
  await page.keyboard.press('Delete');
  await expect(designer.node('aggregate_sales_copy')).toHaveCount(0);
  await expect.poll(() => readFile(file, 'utf8')).not.toContain('aggregate_sales_copy');

  // Arrow keys nudge the selection; the move is written as positions.
  await designer.node('notify_bi').click();
  await designer.focusCanvas();
  await designer.node('notify_bi').click();
  const before = await designer.node('notify_bi').boundingBox();
  await page.keyboard.press('ArrowDown');
  await expect
    .poll(async () => (await designer.node('notify_bi').boundingBox())!.y)
    .toBeGreaterThan(before!.y);
  await expect
    .poll(() => readFile(file, 'utf8'))
    .toMatch(
      /name: notify_bi\n {4}type: EXTERNAL_APP\n {4}description: [^\n]+\n {4}position: \{ x: -?\d+, y: -?\d+ \}/,
    );

  // Undo, then redo with Ctrl+Y.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => readFile(file, 'utf8')).not.toContain('position:');
  await page.keyboard.press('ControlOrMeta+Y');
  await expect.poll(() => readFile(file, 'utf8')).toContain('position:');

  // Deleting a node deletes its relations.
  await designer.toolbar('fit').click();
  await designer.node('clean_orders').click();
  await page.keyboard.press('Delete');
  await expect(designer.edges()).toHaveCount(1);
  await expect.poll(() => readFile(file, 'utf8')).not.toContain('clean_orders,');
});
