import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/designer';
import { RunsPage } from './pages/runs';
import { WorkbenchPage } from './pages/workbench';

// These journeys check the file on disk after each designer edit: Auto Save on, as many users run it
// (the default, Ctrl/Cmd+S, is covered in designer-screen.spec.ts).
test.use({ settings: { autoSave: 'afterDelay' } });

const DAILY = 'workflows/retail/daily_orders.workflow.yaml';
const SCRIPT = 'scripts/clean_orders.py';

test('a resource-bound PYTHON task pre-runs its pinned version; working copies only when asked', async ({
  workbench: page,
}) => {
  test.setTimeout(120_000);
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  // An uncommitted edit of the resource's source: the pinned V1.0.0 must not see it.
  const script = path.join(root, SCRIPT);
  await writeFile(
    script,
    (await readFile(script, 'utf8')).replace('print("%s: %d rows', 'print("EDITED %s: %d rows'),
  );

  const runs = new RunsPage(page);
  await runs.show();
  const dialog = page.getByTestId('prerun-dialog');
  await page.getByTestId('runs-prerun').click();
  await dialog.getByTestId('prerun-workflow').selectOption(DAILY);
  await dialog.getByTestId('prerun-date').fill('2026-11-23');
  await expect(dialog.getByTestId('prerun-files-hint')).toContainText(
    '2 tasks run their pinned resource version, read from git',
  );
  // bdp.yaml records External APP calls in pre-runs: the sample runs green offline.
  await expect(dialog.getByTestId('prerun-external-app-record')).toBeChecked();
  await dialog.getByTestId('prerun-start').click();
  await expect(runs.view()).toHaveAttribute('data-state', 'SUCCESS', { timeout: 60_000 });
  await expect(runs.task('clean_orders').getByTestId('run-task-source')).toHaveText('clean_orders V1.0.0');
  await runs.task('clean_orders').getByTestId('task-view-log').click();
  await expect(runs.log()).toContainText('resource clean_orders V1.0.0 (sha256');
  await expect(runs.log()).toContainText('2026-11-23: 199 rows, 2 rejected');
  await expect(runs.log()).not.toContainText('EDITED');
  await runs.task('notify_bi').getByTestId('task-view-log').click();
  await expect(runs.log()).toContainText('recorded, not sent');

  // The same pre-run with the working copies: the edit runs, and the instance says so.
  await page.getByTestId('runs-prerun').click();
  await dialog.getByTestId('prerun-workflow').selectOption(DAILY);
  await dialog.getByTestId('prerun-date').fill('2026-11-23');
  await dialog.getByTestId('prerun-scope-downstream').check();
  await dialog.getByTestId('prerun-node').selectOption('clean_orders');
  await dialog.getByTestId('prerun-working-copy').check();
  await dialog.getByTestId('prerun-start').click();
  await expect(runs.view()).toHaveAttribute('data-state', 'SUCCESS', { timeout: 60_000 });
  await expect(runs.view().getByTestId('run-working-copy')).toHaveText('working copies');
  await expect(runs.task('clean_orders').getByTestId('run-task-source')).toHaveText(
    'scripts/clean_orders.py (working copy)',
  );
  await runs.task('clean_orders').getByTestId('task-view-log').click();
  await expect(runs.log()).toContainText('EDITED 2026-11-23: 199 rows');
});

test('a command naming a path the published task will not have is flagged on the node and fixed from the panel', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  const file = path.join(await wb.workspaceRoot(), DAILY);
  await wb.openFile(DAILY);
  await designer.waitReady();
  await expect(designer.node('clean_orders').getByTestId('designer-node-warning')).toHaveCount(0);

  await writeFile(
    file,
    (await readFile(file, 'utf8')).replace(
      'command: python3 clean_orders.py',
      'command: python3 scripts/clean_orders.py',
    ),
  );
  await expect(designer.node('clean_orders').getByTestId('designer-node-warning')).toBeVisible({
    timeout: 15_000,
  });
  await expect(designer.node('clean_orders')).toHaveAttribute(
    'title',
    /the command names scripts\/clean_orders\.py, which the published task will not have/,
  );

  await designer.node('clean_orders').click();
  const panel = designer.properties();
  await expect(panel.getByTestId('prop-command-warning')).toContainText(
    'it gets clean_orders.py from resource clean_orders V1.0.0',
  );
  await panel.getByTestId('prop-command-fix').click();
  await expect.poll(() => readFile(file, 'utf8')).toContain('command: python3 clean_orders.py --date ${dt}');
  await expect(panel.getByTestId('prop-command-warning')).toHaveCount(0);
  await expect(designer.node('clean_orders').getByTestId('designer-node-warning')).toHaveCount(0, {
    timeout: 15_000,
  });

  // A resource-bound SHELL task cannot lose its command: refused once, naming the resource.
  await designer.node('aggregate_sales').click();
  const command = panel.getByTestId('prop-command');
  await command.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(
    panel.getByText(
      'A SHELL task needs a command to run the file of resource aggregate_sales V1.0.0, e.g. canaanhive -f aggregate_sales.hql -d ${cal_dt}',
    ),
  ).toHaveCount(1);
  await expect(page.getByTestId('toast')).toHaveCount(0);
  expect(await readFile(file, 'utf8')).toContain('command: canaanhive -f aggregate_sales.hql');
});

test('the editor marks a ${...} a task run leaves alone, fixes it through the command, and runs the file as its task', async ({
  workbench: page,
}) => {
  test.setTimeout(120_000);
  const HQL = 'scripts/aggregate_sales.hql';
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  const runs = new RunsPage(page);
  await runs.show();
  await runs.preRun(DAILY, '2026-11-23', { kind: 'node', node: 'sync_orders' });
  await expect(runs.view()).toHaveAttribute('data-state', 'SUCCESS', { timeout: 60_000 });

  // A parameter written into the HQL: F5 would fill it, canaanhive will not.
  await page.getByTestId('activity-explorer').click();
  await wb.openFile(HQL);
  await page.getByTestId('script-params-toggle').click();
  await page.getByTestId('script-params-date').fill('2026-11-23');
  await wb.focusEditor(HQL);
  await page.keyboard.press('Control+G');
  await page.keyboard.type('26');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText("  AND store <> '${region}'");
  const editor = wb.editor(HQL);
  await expect(editor.locator('.squiggly-warning')).toHaveCount(1, { timeout: 10_000 });
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ControlOrMeta+.');
  const fix = page
    .locator('.action-widget')
    .getByText('Read ${env.REGION} and add -E REGION=${region} to daily_orders › aggregate_sales');
  await expect(fix).toBeVisible();
  await fix.click();
  await expect(wb.editorLines(HQL)).toContainText("AND\u00a0store\u00a0<>\u00a0'${env.REGION}'");
  await expect
    .poll(() => readFile(path.join(root, DAILY), 'utf8'))
    .toContain(
      'command: canaanhive -f aggregate_sales.hql -d ${cal_dt} -E DB=ods -E TARGET_DB=dws -E REGION=${region}',
    );
  await expect(editor.locator('.squiggly-warning')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+S');
  await expect(wb.tab(HQL)).not.toHaveAttribute('data-dirty', 'true');

  // Show Substituted Script, as the task sees it: -E REGION=cn1 from the command.
  await page.getByTestId('script-show-substituted').click();
  await page
    .getByTestId('script-substituted-context')
    .selectOption({ label: 'Task daily_orders › aggregate_sales' });
  await expect(page.getByTestId('script-substituted-note')).toContainText('-E REGION=cn1');
  await expect(page.getByTestId('script-substituted-editor')).toContainText("store <> 'cn1'");
  await page.keyboard.press('Escape');

  // Run as Task: the node alone, its command, the working copy laid out as the published task gets it.
  await page.getByTestId('script-run-as-task').click();
  await expect(runs.view()).toHaveAttribute('data-state', 'SUCCESS', { timeout: 60_000 });
  await expect(runs.task('aggregate_sales').getByTestId('run-task-source')).toHaveText(
    'scripts/aggregate_sales.hql (working copy)',
  );
  await runs.task('aggregate_sales').getByTestId('task-view-log').click();
  await expect(runs.log()).toContainText('-E REGION=cn1');
  await expect(runs.log()).toContainText('OK: 50 rows written to dws.sales_daily (dt=2026-11-23)');
});
