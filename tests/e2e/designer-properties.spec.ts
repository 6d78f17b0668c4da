import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/designer';
import { E2E_DEMO } from './pages/runs';
import { WorkbenchPage } from './pages/workbench';

// These journeys check the file on disk after each designer edit: Auto Save on, as many users run it
// (the default, Ctrl/Cmd+S, is covered in designer-screen.spec.ts).
test.use({ settings: { autoSave: 'afterDelay' } });

const WORKFLOW = 'workflows/retail/daily_orders.workflow.yaml';

test('properties: a Data Sync node edited in the panel changes the YAML; the YAML changes the panel', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  await wb.openFile(WORKFLOW);
  const file = path.join(await wb.workspaceRoot(), WORKFLOW);
  await designer.waitReady();
  await designer.node('sync_orders').click();
  const panel = designer.properties();
  await expect(panel).toContainText('Source');

  // Source file path: the value changes, its comment stays.
  await panel.getByTestId('prop-source-path').fill('orders_20261123.csv');
  await panel.getByTestId('prop-source-path').press('Enter');
  await expect
    .poll(() => readFile(file, 'utf8'))
    .toMatch(/\n {8}path: orders_20261123\.csv +# relative to the connection folder/);

  // Preview source reads the file as the task would.
  await panel.getByTestId('source-preview-button').click();
  const preview = panel.getByTestId('source-preview-table');
  await expect(preview).toBeVisible();
  await expect(preview.locator('th').first()).toHaveText('order_id');
  expect(await preview.locator('tbody tr').count()).toBeGreaterThan(0);

  // Mapping: edit a type cell in place, add a row, remove the first.
  await panel.getByLabel('Row 6 type').fill('DECIMAL(12,2)');
  await panel.getByLabel('Row 6 type').press('Enter');
  await expect
    .poll(() => readFile(file, 'utf8'))
    .toContain('        - { source: unit_price, target: unit_price, type: "DECIMAL(12,2)" }   # quoted');
  await panel.getByTestId('prop-mapping-add').click();
  await expect(panel.getByTestId('prop-mapping-row')).toHaveCount(9);
  await expect
    .poll(() => readFile(file, 'utf8'))
    .toContain('        - { source: column_9, target: column_9, type: VARCHAR }');
  await panel.getByRole('button', { name: 'Remove row 1' }).click();
  await expect(panel.getByTestId('prop-mapping-row')).toHaveCount(8);
  await expect.poll(() => readFile(file, 'utf8')).not.toContain('source: order_id');

  // Write rule and partition fill.
  await panel.getByTestId('prop-write-rule').selectOption('append');
  await expect.poll(() => readFile(file, 'utf8')).toContain('        writeRule: append');
  await panel.getByTestId('prop-partition-fill').selectOption('fixed');
  await expect
    .poll(() => readFile(file, 'utf8'))
    .toContain('partition: { column: dt, fill: fixed, value: "${cal_dt}" }');

  // A value the model refuses is refused inline and nothing is written.
  await panel.getByTestId('prop-concurrency').fill('100');
  await panel.getByTestId('prop-concurrency').press('Enter');
  await expect(panel.getByRole('alert')).toContainText('Concurrency must be between 1 and 64');
  expect(await readFile(file, 'utf8')).not.toContain('concurrency');

  // Undo on the canvas takes back the last edit (partition fill).
  await designer.focusCanvas();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect
    .poll(() => readFile(file, 'utf8'))
    .toContain('partition: { column: dt, fill: placeholder, value: "${cal_dt}" }');

  // Editing the YAML beside the canvas changes the panel: replace the target table's line.
  await designer.toolbar('yaml').click();
  await designer.node('sync_orders').click();
  const text = await readFile(file, 'utf8');
  const line = text.slice(0, text.indexOf('        table: ods.orders')).split('\n').length;
  await wb.editorLines(WORKFLOW).click({ position: { x: 60, y: 5 } });
  await page.keyboard.press('ControlOrMeta+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  // Typed key by key: Space reaches the YAML editor (the canvas's pan key only listens while it has focus).
  await page.keyboard.type('table: ods.orders_v2');
  await expect(panel.getByTestId('prop-target-table')).toHaveValue('ods.orders_v2');
});

test('properties: a reverse sync (warehouse -> PostgreSQL) set up in the Data Sync panel', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  await wb.openFile(WORKFLOW);
  const file = path.join(await wb.workspaceRoot(), WORKFLOW);
  await designer.waitReady();
  await designer.node('sync_orders').click();
  const panel = designer.properties();

  // The warehouse cannot be read into the warehouse: refused inline, nothing written.
  await panel.getByTestId('prop-source-connection').selectOption('warehouse');
  await expect(panel.getByRole('alert')).toContainText('pick the database as Target connection first');
  expect(await readFile(file, 'utf8')).toContain('        connection: local_files');

  // Picking the crm database as target makes the source the warehouse table, in one edit.
  await panel.getByTestId('prop-target-connection').selectOption('crm');
  await expect
    .poll(() => readFile(file, 'utf8'))
    .toMatch(
      / {6}source:\n {8}connection: warehouse\n {8}table: ods\.orders\n {6}target:\n {8}connection: crm\n {8}table: ods\.orders\n {8}writeRule: overwrite +# reruns/,
    );
  await expect(panel.getByTestId('prop-partition-fill')).toHaveCount(0);
  await panel.getByTestId('prop-target-table').fill('public.orders');
  await panel.getByTestId('prop-target-table').press('Enter');
  await panel.getByTestId('prop-source-partition').fill('${cal_dt}');
  await panel.getByTestId('prop-source-partition').press('Enter');
  await expect
    .poll(() => readFile(file, 'utf8'))
    .toMatch(
      /table: ods\.orders\n {8}partition: "?\$\{cal_dt\}"?\n {6}target:\n {8}connection: crm\n {8}table: public\.orders\n/,
    );
  await panel.getByTestId('prop-write-rule').selectOption('append');
  await expect.poll(() => readFile(file, 'utf8')).toContain('        writeRule: append');
});

test('properties: SHELL command with ${...} completion, External APP, running mode, workflow cycle', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  await wb.openFile(WORKFLOW);
  const file = path.join(await wb.workspaceRoot(), WORKFLOW);
  await designer.waitReady();
  const panel = designer.properties();

  // The command editor completes workflow parameters; blur applies.
  await designer.node('aggregate_sales').click();
  const command = panel.getByTestId('prop-command');
  await command.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' -E REGION=${reg');
  await expect(page.locator('.suggest-widget')).toContainText('region');
  await page.keyboard.press('Enter');
  await panel.getByTestId('prop-node-cron').click();
  await expect.poll(() => readFile(file, 'utf8')).toContain('-E TARGET_DB=dws -E REGION=${region}\n');

  // Running mode: multiple needs its fields, which the switch fills in.
  await panel.getByTestId('prop-run-mode').selectOption('multiple');
  await expect
    .poll(() => readFile(file, 'utf8'))
    .toMatch(
      /runMode: \{ cpu: 1, memory: 2, mode: multiple, maxParallel: 2, keySource: \{ type: custom, keys: \[ key1 \] \} \}/,
    );
  await expect(panel.getByTestId('prop-run-maxParallel')).toHaveValue('2');
  const cpu = panel.getByTestId('prop-run-cpu');
  await cpu.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('3');
  await expect(cpu).toHaveValue('3');
  await cpu.press('Enter');
  await expect(panel.getByRole('alert')).toContainText('CPU (cores) must be between 0.1 and 2');

  // External APP: method, success rule, polling.
  await designer.node('notify_bi').click();
  await panel.getByTestId('prop-app-method').selectOption('PUT');
  await expect.poll(() => readFile(file, 'utf8')).toContain('      method: PUT');
  await panel.getByTestId('prop-app-poll').check();
  await expect.poll(() => readFile(file, 'utf8')).toContain('      poll:');
  await panel.getByTestId('prop-app-domain').fill('ftp://nowhere');
  await panel.getByTestId('prop-app-domain').press('Enter');
  await expect(panel.getByRole('alert')).toContainText('domain: must be an http(s) URL');

  // Workflow settings (nothing selected): a weekly cycle on Wednesday 03:15 writes the Quartz cron.
  await designer.focusCanvas();
  await page.keyboard.press('Escape');
  await designer.toolbar('fit').click();
  await designer.canvas().click({ position: { x: 30, y: 30 } });
  await expect(panel).toContainText('Scheduling Config');
  await panel.getByTestId('prop-cycle').selectOption('W');
  await panel.getByTestId('prop-cycle-dow').selectOption('4');
  await panel.getByTestId('prop-cycle-time').fill('03:15');
  await panel.getByTestId('prop-cycle-time').press('Enter');
  await expect.poll(() => readFile(file, 'utf8')).toMatch(/cycle: W\n {2}cron: "0 15 3 \? \* 4 \*"/);
  await expect(panel.getByLabel('Next fire times')).toContainText('03:15:00');
  await expect(panel.getByLabel('Next fire times')).toContainText('Business date');
  await panel.getByTestId('prop-wf-alert').selectOption('email+sms');
  await expect.poll(() => readFile(file, 'utf8')).toContain('alertMode: email+sms');
});

test('canvas context menu: pre-run a node, it runs and succeeds; pane menu adds a task', async ({
  workbench: page,
}) => {
  test.setTimeout(90_000);
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  const demo = 'workflows/e2e/e2e_demo.workflow.yaml';
  await mkdir(path.join(root, 'workflows', 'e2e'), { recursive: true });
  await writeFile(path.join(root, demo), E2E_DEMO);
  await wb.revealInTree(demo);
  await wb.openFile(demo);
  await designer.waitReady();

  await designer.node('publish').click({ button: 'right' });
  const menu = page.getByTestId('context-menu');
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Pre-run This Node…' }).click();
  const dialog = page.getByTestId('prerun-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('prerun-node')).toHaveValue('publish');
  await dialog.getByTestId('prerun-date').fill('2026-11-03');
  await dialog.getByTestId('prerun-start').click();
  const run = page.getByTestId('run-view');
  await expect(run).toBeVisible({ timeout: 30_000 });
  await expect(run.locator('[data-testid="run-task"][data-task="publish"]')).toHaveAttribute(
    'data-state',
    'SUCCESS',
    { timeout: 30_000 },
  );

  // Back in the designer: the pane menu adds a Python task where it was opened.
  await wb.openFile(demo);
  await designer.waitReady();
  await designer.canvas().click({ button: 'right', position: { x: 60, y: 60 } });
  await menu.getByRole('menuitem', { name: 'Add PYTHON Task' }).click();
  await expect(designer.node('python_1')).toBeVisible();
  await expect
    .poll(() => readFile(path.join(root, demo), 'utf8'))
    .toContain('  - name: python_1\n    type: PYTHON\n    position:');
});
