import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/designer';
import { WorkbenchPage } from './pages/workbench';

// A small EnOS Export Flow `data` (the EnOS API specification §4.3): two tasks, a flow link and relations.
const EXPORT = {
  name: 'enos_flow',
  cycle: 'D',
  cron: '0 0 0 * * ? *',
  parameters: '[]',
  alertMode: 1,
  submitter: '',
  owners: '',
  visitors: '',
  type: 0,
  syncType: 1,
  desc: 'from EnOS',
  startTime: '',
  tasks: [
    {
      name: 'extract',
      resource: 'default',
      type: 'COMMAND',
      syncType: 1,
      cmd: 'echo extract',
      submitter: '',
      filePackage: '',
      cron: '',
      priorityLevel: 0,
      timeout: 0,
      retryLimit: 0,
      retryInterval: 0,
      successCode: '0',
      asLink: false,
      runMode: '',
    },
    {
      name: 'load',
      resource: 'default',
      type: 'COMMAND',
      syncType: 1,
      cmd: 'echo load',
      submitter: '',
      filePackage: '',
      cron: '',
      priorityLevel: 0,
      timeout: 0,
      retryLimit: 0,
      retryInterval: 0,
      successCode: '0',
      asLink: false,
      runMode: '',
    },
  ],
  flowLinks: [{ linkId: '0', sourceFlowName: 'daily_orders' }],
  taskLinks: [],
  relations: [{ sourceTaskName: 'extract', targetTaskName: 'load', rerun: true }],
  linkRelations: [{ linkId: '0', targetTaskName: 'extract', rerun: true }],
};

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

test('workflows: new from scratch, import an EnOS export, clone, delete with confirmation', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();

  // New from scratch through the command: periodic, in the default folder.
  await wb.runCommand('New Workflow…');
  const dialog = page.getByTestId('new-workflow-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('new-workflow-dir')).toHaveValue('retail');
  await page.getByTestId('new-workflow-name').fill('daily_orders');
  await expect(page.getByTestId('new-workflow-name-error')).toContainText('already exists');
  await expect(page.getByTestId('new-workflow-create')).toBeDisabled();
  await page.getByTestId('new-workflow-name').fill('fresh_flow');
  await page.getByTestId('new-workflow-schedule').selectOption('periodic');
  await page.getByTestId('new-workflow-create').click();
  await expect(dialog).toBeHidden();
  const fresh = path.join(root, 'workflows/retail/fresh_flow.workflow.yaml');
  const freshText = await readFile(fresh, 'utf8');
  expect(freshText).toMatch(
    /^name: fresh_flow\nschedule:\n {2}type: periodic\n {2}cycle: D\n {2}cron: 0 0 1 \* \* \? \*\n/,
  );
  await expect(wb.tab('workflows/retail/fresh_flow.workflow.yaml')).toBeVisible();
  await expect(designer.root()).toBeVisible();

  // Import: a wrong shape is explained, then the export becomes a workflow on the canvas.
  await page.getByTestId('workflow-new').click();
  await page.getByTestId('new-workflow-mode-import').check();
  await page.getByTestId('new-workflow-name').fill('imported_flow');
  await page.getByTestId('new-workflow-json').fill('{"name": "x"}');
  await expect(page.getByTestId('new-workflow-import-error')).toContainText('"tasks" must be an array');
  await page.getByTestId('new-workflow-json').fill('{not json');
  await expect(page.getByTestId('new-workflow-import-error')).toContainText('Not valid JSON');
  await page.getByTestId('new-workflow-json').fill(JSON.stringify(EXPORT));
  await expect(page.getByTestId('new-workflow-import-summary')).toContainText(
    '2 task(s), 1 reference(s), 2 relation(s)',
  );
  await page.getByTestId('new-workflow-create').click();
  await expect(dialog).toBeHidden();
  const importedPath = 'workflows/retail/imported_flow.workflow.yaml';
  const imported = await readFile(path.join(root, importedPath), 'utf8');
  expect(imported).toContain(
    'references:\n  - name: wait_daily_orders\n    kind: flow\n    workflow: daily_orders\n',
  );
  await designer.waitReady();
  await expect(designer.nodes()).toHaveCount(3);
  await expect(designer.node('wait_daily_orders')).toBeVisible();
  await expect(designer.edge('wait_daily_orders', 'extract')).toBeVisible();
  await expect(designer.edge('extract', 'load')).toBeVisible();

  // Clone from the Workflows view.
  const item = page.locator(`[data-testid="workflows-list-item"][data-path="${importedPath}"]`);
  await item.hover();
  await item.getByTestId('workflow-clone').click();
  await expect(page.getByTestId('clone-workflow-name')).toHaveValue('imported_flow_copy');
  await page.getByTestId('clone-workflow-confirm').click();
  await expect(page.getByTestId('clone-workflow-dialog')).toBeHidden();
  const clone = await readFile(path.join(root, 'workflows/retail/imported_flow_copy.workflow.yaml'), 'utf8');
  expect(clone).toBe(imported.replace('name: imported_flow\n', 'name: imported_flow_copy\n'));
  await expect(wb.tab('workflows/retail/imported_flow_copy.workflow.yaml')).toBeVisible();

  // Delete daily_orders (referenced by the import and its clone) through the context menu: warned, then gone.
  const target = 'workflows/retail/daily_orders.workflow.yaml';
  await page.locator(`[data-testid="workflows-list-item"][data-path="${target}"]`).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Delete Workflow…' }).click();
  const del = page.getByTestId('delete-workflow-dialog');
  await expect(del).toContainText(target);
  const warning = page.getByTestId('delete-workflow-warning');
  await expect(warning).toContainText('Referenced by 3 other workflows');
  for (const name of ['imported_flow', 'imported_flow_copy', 'weekly_report'])
    await expect(warning).toContainText(name);
  await page.getByTestId('delete-workflow-confirm').click();
  await expect(del).toBeHidden();
  await expect.poll(() => exists(path.join(root, target))).toBe(false);
  await expect(page.locator(`[data-testid="workflows-list-item"][data-path="${target}"]`)).toHaveCount(0);
});
