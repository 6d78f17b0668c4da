import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { parseWorkflow, type Workflow } from '../../src/shared/model';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/designer';
import { RunsPage } from './pages/runs';
import { WorkbenchPage } from './pages/workbench';

// These journeys check the file on disk after each designer edit: Auto Save on, as many users run it
// (the default, Ctrl/Cmd+S, is covered in designer-screen.spec.ts).
test.use({ settings: { autoSave: 'afterDelay' } });

const SAMPLE = 'workflows/retail/daily_orders.workflow.yaml';
const REBUILT = 'workflows/retail/daily_orders_rebuilt.workflow.yaml';
const WEEKLY_SAMPLE = 'workflows/retail/weekly_report.workflow.yaml';
const WEEKLY_REBUILT = 'workflows/retail/weekly_report_rebuilt.workflow.yaml';

/**
 * The workflow as the runner sees it, minus what a rebuild legitimately changes: the name (a new
 * file needs a new one) and node positions (the designer writes where nodes were dropped).
 * Everything else — defaults included, since both files go through the same schema — must match.
 */
function comparable(wf: Workflow): unknown {
  const strip = <T extends { position?: unknown }>(n: T) => ({ ...n, position: undefined });
  return { ...wf, name: undefined, tasks: wf.tasks.map(strip), references: wf.references.map(strip) };
}

async function parsed(root: string, rel: string): Promise<Workflow> {
  const { workflow, problems } = parseWorkflow(await readFile(path.join(root, rel), 'utf8'), rel);
  expect(
    problems.filter((p) => p.severity === 'error'),
    rel,
  ).toEqual([]);
  return workflow!;
}

/** Types a value into a properties field and commits it (Enter; Ctrl+Enter in a textarea). */
async function setField(field: Locator, value: string): Promise<void> {
  await field.fill(value);
  const multiline = await field.evaluate((el) => el.tagName === 'TEXTAREA');
  await field.press(multiline ? 'ControlOrMeta+Enter' : 'Enter');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveValue(value);
}

/** Replaces the text of the Monaco command editor and applies it (Ctrl+Enter). */
async function setCommand(page: Page, panel: Locator, text: string): Promise<void> {
  const editor = panel.getByTestId('prop-command');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  // insertText: no auto-closed brackets or accepted completions, the text lands as written.
  await page.keyboard.insertText(text);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(editor.locator('.view-lines')).toContainText(text.slice(0, 30).replace(/ /g, '\u00a0'));
}

/** Binds the selected SHELL / PYTHON task to the latest version of a resource. */
async function bindResource(panel: Locator, resource: string): Promise<void> {
  await panel.getByTestId('prop-code-source').selectOption('resource');
  await panel.getByTestId('prop-resource').selectOption(resource);
  await expect(panel.getByTestId('prop-resource')).toHaveValue(resource);
  await expect(panel.getByTestId('prop-resource-version')).toHaveValue('V1.0.0');
}

/** Drops a palette item on the canvas, renames the new (selected) node and waits for it. */
async function addTask(
  designer: DesignerPage,
  type: string,
  name: string,
  at: { x: number; y: number },
): Promise<Locator> {
  const panel = designer.properties();
  await designer.dropFromPalette(type, at);
  const nameField = panel.getByTestId('prop-name');
  await expect(nameField).toHaveValue(new RegExp(`^${type.toLowerCase()}_\\d+$`));
  await setField(nameField, name);
  await expect(designer.node(name)).toBeVisible();
  await expect(panel.locator('.prop-heading-name')).toHaveText(name);
  return panel;
}

/** Sets a designer toolbar toggle (Properties, YAML beside the canvas) to the wanted state. */
async function toggle(designer: DesignerPage, name: 'properties' | 'yaml', on: boolean): Promise<void> {
  const button = designer.toolbar(name);
  if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
  await expect(button).toHaveAttribute('aria-pressed', String(on));
}

/** Arranges the graph (Auto Layout) with the panel closed so every handle is on screen, then connects. */
async function connectAll(designer: DesignerPage, pairs: Array<[string, string]>): Promise<void> {
  await toggle(designer, 'properties', false);
  await designer.toolbar('layout').click();
  await designer.toolbar('fit').click();
  // Fit View animates: wait until the nodes stop moving before aiming at their handles.
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await designer.node(pairs[0][0]).boundingBox());
      const still = now === last;
      last = now;
      return still;
    })
    .toBe(true);
  for (const [from, to] of pairs) {
    await designer.connect(from, to);
    await expect(designer.edge(from, to)).toBeVisible();
  }
  await toggle(designer, 'properties', true);
}

async function newWorkflow(page: Page, wb: WorkbenchPage, name: string): Promise<void> {
  await wb.runCommand('New Workflow…');
  const dialog = page.getByTestId('new-workflow-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('new-workflow-name').fill(name);
  await page.getByTestId('new-workflow-dir').fill('retail');
  await page.getByTestId('new-workflow-schedule').selectOption('periodic');
  await page.getByTestId('new-workflow-create').click();
  await expect(dialog).toBeHidden();
  await expect(wb.tab(`workflows/retail/${name}.workflow.yaml`)).toBeVisible();
  const designer = new DesignerPage(page);
  await designer.waitReady();
  // The canvas only: more room to drop and connect (the YAML is what the test reads back from disk).
  await toggle(designer, 'yaml', false);
}

/** Workflow settings (nothing selected): description, owners, alert mode, daily 02:30, effective date, parameters. */
async function workflowSettings(
  designer: DesignerPage,
  s: {
    description: string;
    owners: string;
    dow?: string;
    time: string;
    cycle: string;
    effective: string;
    parameters: string;
  },
) {
  const panel = designer.properties();
  await expect(panel).toContainText('Scheduling Config');
  await setField(panel.getByTestId('prop-wf-description'), s.description);
  await setField(panel.getByTestId('prop-wf-owners'), s.owners);
  await panel.getByTestId('prop-wf-alert').selectOption('email');
  await panel.getByTestId('prop-cycle').selectOption(s.cycle);
  if (s.dow) await panel.getByTestId('prop-cycle-dow').selectOption(s.dow);
  await setField(panel.getByTestId('prop-cycle-time'), s.time);
  await setField(panel.getByTestId('prop-effective-date'), s.effective);
  await setField(panel.getByTestId('prop-wf-parameters'), s.parameters);
}

async function nodeConfig(
  panel: Locator,
  c: { timeout: string; retryTimes?: string; retryInterval?: string },
) {
  await setField(panel.getByTestId('prop-timeout'), c.timeout);
  if (c.retryTimes) await setField(panel.getByTestId('prop-retryTimes'), c.retryTimes);
  if (c.retryInterval) await setField(panel.getByTestId('prop-retryInterval'), c.retryInterval);
}

test('designer from scratch: daily_orders and weekly_report rebuilt in the UI equal the samples; the rebuild pre-runs', async ({
  workbench: page,
}) => {
  test.setTimeout(240_000);
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();

  // ---- daily_orders -------------------------------------------------------------------------
  await newWorkflow(page, wb, 'daily_orders_rebuilt');
  await expect(designer.nodes()).toHaveCount(0);
  await workflowSettings(designer, {
    description: "Load, check and aggregate yesterday's orders, then notify BI",
    owners: 'alice, bob',
    cycle: 'D',
    time: '02:30',
    effective: '2026-11-01',
    parameters: 'region=cn1\nmax_reject_pct=5',
  });
  await expect(designer.properties().getByTestId('prop-cron')).toHaveValue('0 30 2 * * ? *');

  // Dropped on a diagonal left of the properties panel; Auto Layout arranges them before connecting.
  const at = (i: number) => ({ x: 100 + i * 120, y: 80 + i * 90 });

  // sync_orders: DATA_SYNC from the local file connection into ods.orders, partition dt=${cal_dt}.
  let panel = await addTask(designer, 'DATA_SYNC', 'sync_orders', at(0));
  await setField(
    panel.getByLabel('Description', { exact: true }),
    "Copy the day's order export into ods.orders, partition dt=<business date>",
  );
  await panel.getByTestId('prop-source-connection').selectOption('local_files');
  await setField(panel.getByTestId('prop-source-path'), 'orders_${cal_dt8}.csv');
  await setField(
    panel.getByTestId('prop-source-columns'),
    'order_id, customer_id, order_ts, sku, qty, unit_price, status, store',
  );
  await setField(panel.getByTestId('prop-target-table'), 'ods.orders');
  await panel.getByTestId('prop-write-rule').selectOption('overwrite');
  await panel.getByTestId('prop-partition-fill').selectOption('placeholder');
  await expect(panel.getByTestId('prop-partition-value')).toHaveValue('${cal_dt}');
  await panel.getByRole('button', { name: /Add source columns \(8\)/ }).click();
  await expect(panel.getByTestId('prop-mapping-row')).toHaveCount(8);
  const types = [
    'BIGINT',
    'VARCHAR',
    'TIMESTAMP',
    'VARCHAR',
    'INTEGER',
    'DECIMAL(10,2)',
    'VARCHAR',
    'VARCHAR',
  ];
  for (const [i, type] of types.entries()) {
    if (type === 'VARCHAR') continue;
    await setField(panel.getByLabel(`Row ${i + 1} type`), type);
  }
  await nodeConfig(panel, { timeout: '600', retryTimes: '2', retryInterval: '60' });
  await panel.getByLabel('Allow Reference (may be a Task Ref target)').check();
  await expect(panel.getByLabel('Allow Reference (may be a Task Ref target)')).toBeChecked();

  // clean_orders: PYTHON bound to a resource version, a task parameter and a running mode.
  panel = await addTask(designer, 'PYTHON', 'clean_orders', at(1));
  await setField(
    panel.getByLabel('Description', { exact: true }),
    'Data-quality gate; fails when too many rows of the export are unusable',
  );
  await nodeConfig(panel, { timeout: '300' });
  await setField(panel.getByTestId('prop-parameters'), 'dt=${cal_dt}');
  await bindResource(panel, 'clean_orders');
  await setCommand(page, panel, 'python3 clean_orders.py --date ${dt} --max-reject-pct ${max_reject_pct}');
  await setField(panel.getByTestId('prop-run-cpu'), '0.5');
  await setField(panel.getByTestId('prop-run-memory'), '1');

  // aggregate_sales: SHELL running the HQL through canaanhive.
  panel = await addTask(designer, 'SHELL', 'aggregate_sales', at(2));
  await setField(
    panel.getByLabel('Description', { exact: true }),
    'Sales per store and SKU for the business date (HiveQL via canaanhive)',
  );
  await nodeConfig(panel, { timeout: '900', retryTimes: '1', retryInterval: '120' });
  // Choosing the resource proposes the command that runs its file where the task will have it.
  await bindResource(panel, 'aggregate_sales');
  await expect(panel.getByTestId('prop-command').locator('.view-lines')).toContainText(
    'canaanhive\u00a0-f\u00a0aggregate_sales.hql\u00a0-d\u00a0${cal_dt}',
  );
  await setCommand(page, panel, 'canaanhive -f aggregate_sales.hql -d ${cal_dt} -E DB=ods -E TARGET_DB=dws');
  await setField(panel.getByTestId('prop-run-cpu'), '1');
  await setField(panel.getByTestId('prop-run-memory'), '2');

  // notify_bi: EXTERNAL_APP POSTing a JSON body, success on status 200.
  panel = await addTask(designer, 'EXTERNAL_APP', 'notify_bi', at(3));
  await setField(
    panel.getByLabel('Description', { exact: true }),
    'Tell the BI service to refresh its sales dashboard',
  );
  await nodeConfig(panel, { timeout: '60', retryTimes: '3', retryInterval: '10' });
  await setField(panel.getByTestId('prop-app-domain'), 'http://127.0.0.1:8765');
  await panel.getByTestId('prop-app-method').selectOption('POST');
  await setField(panel.getByTestId('prop-app-command'), '/notify');
  await setField(panel.getByTestId('prop-app-headers'), 'Content-Type: application/json');
  await setField(
    panel.getByTestId('prop-app-body'),
    '{"event":"sales_daily_ready","date":"${cal_dt}","region":"${region}","table":"dws.sales_daily"}',
  );
  await setField(panel.getByTestId('prop-app-status'), '200');

  // Relations; the last one rerun False through the relation's properties.
  await connectAll(designer, [
    ['sync_orders', 'clean_orders'],
    ['clean_orders', 'aggregate_sales'],
    ['aggregate_sales', 'notify_bi'],
  ]);
  await expect(designer.edge('aggregate_sales', 'notify_bi')).toHaveText('True');
  await designer.edge('aggregate_sales', 'notify_bi').click();
  await expect(designer.edge('aggregate_sales', 'notify_bi')).toHaveText('False');

  const sample = await parsed(root, SAMPLE);
  await expect
    .poll(async () => comparable(await parsed(root, REBUILT)), { timeout: 10_000 })
    .toEqual(comparable(sample));
  expect((await parsed(root, REBUILT)).name).toBe('daily_orders_rebuilt');
  // The file stays readable YAML: the new workflow's empty lists became block lists.
  const rebuiltText = await readFile(path.join(root, REBUILT), 'utf8');
  expect(rebuiltText).toMatch(/^name: daily_orders_rebuilt\ndescription: Load, check/);
  expect(rebuiltText).toContain('\ntasks:\n  - name: sync_orders\n    type: DATA_SYNC\n');
  expect(rebuiltText).toContain('\n  - { from: aggregate_sales, to: notify_bi, rerun: false }\n');

  // ---- weekly_report: a Flow Ref waiting on daily_orders, one task and its relation ---------
  await newWorkflow(page, wb, 'weekly_report_rebuilt');
  await workflowSettings(designer, {
    description: 'Seven-day sales summary for the store managers',
    owners: 'alice',
    cycle: 'W',
    dow: '2',
    time: '06:00',
    effective: '2026-11-01',
    parameters: 'report_dir=/reports/weekly',
  });
  await expect(designer.properties().getByTestId('prop-cron')).toHaveValue('0 0 6 ? * 2 *');
  await designer.dropFromPalette('FLOW_REF', at(0));
  panel = designer.properties();
  await expect(panel.getByTestId('prop-name')).toHaveValue(/^flow_ref_\d+$/);
  await setField(panel.getByTestId('prop-name'), 'wait_daily_orders');
  await setField(panel.getByLabel('Workflow', { exact: true }), 'daily_orders');
  await expect(designer.node('wait_daily_orders')).toBeVisible();
  panel = await addTask(designer, 'PYTHON', 'build_report', at(1));
  await setField(
    panel.getByLabel('Description', { exact: true }),
    'Summarise the last seven days of dws.sales_daily into a Markdown report on HDFS',
  );
  await nodeConfig(panel, { timeout: '300' });
  await bindResource(panel, 'weekly_report');
  await setCommand(
    page,
    panel,
    'python3 weekly_report.py --from ${last_week10} --to ${cal_dt} --out ${report_dir}',
  );
  panel = await addTask(designer, 'SHELL', 'send_report', at(2));
  await setField(
    panel.getByLabel('Description', { exact: true }),
    'Post a short message with the report location',
  );
  await nodeConfig(panel, { timeout: '60', retryTimes: '2', retryInterval: '30' });
  await bindResource(panel, 'notify');
  await setCommand(
    page,
    panel,
    'sh notify.sh "weekly sales report ${last_week10}..${cal_dt} is ready in hdfs:${report_dir}"',
  );
  await connectAll(designer, [
    ['wait_daily_orders', 'build_report'],
    ['build_report', 'send_report'],
  ]);
  const weekly = await parsed(root, WEEKLY_SAMPLE);
  await expect
    .poll(async () => comparable(await parsed(root, WEEKLY_REBUILT)), { timeout: 10_000 })
    .toEqual(comparable(weekly));

  // ---- pre-run the rebuilt daily workflow for 2026-11-23 --------------------------------------
  // The External APP calls a BI endpoint: point it (in the panel) at a stub on an ephemeral port,
  // so a developer's own service on 8765 neither collides nor gets called.
  const received: Array<{ url: string; body: string }> = [];
  const bi: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => bi.listen(0, '127.0.0.1', r));
  try {
    const port = (bi.address() as AddressInfo).port;
    await wb.tab(REBUILT).click();
    await designer.waitReady();
    await designer.node('notify_bi').click();
    await setField(designer.properties().getByTestId('prop-app-domain'), `http://127.0.0.1:${port}`);
    await expect
      .poll(() => readFile(path.join(root, REBUILT), 'utf8'))
      .toContain(`domain: http://127.0.0.1:${port}`);

    const runs = new RunsPage(page);
    await runs.show();
    await runs.preRun(REBUILT, '2026-11-23', undefined, { externalApp: 'call' });
    await expect(runs.view().getByTestId('run-business-date')).toHaveText('2026-11-23');
    await expect(runs.view()).toHaveAttribute('data-state', /SUCCESS|FAIL/, { timeout: 90_000 });
    for (const t of ['sync_orders', 'clean_orders', 'aggregate_sales', 'notify_bi'])
      await expect(runs.task(t)).toHaveAttribute('data-state', 'SUCCESS');
    await expect(runs.view()).toHaveAttribute('data-state', 'SUCCESS');
    expect(received).toEqual([
      {
        url: '/notify',
        body: '{"event":"sales_daily_ready","date":"2026-11-23","region":"cn1","table":"dws.sales_daily"}',
      },
    ]);
  } finally {
    bi.closeAllConnections();
    await new Promise((r) => bi.close(r));
  }
});
