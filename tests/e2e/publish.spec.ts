import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startEnosEmulator, type EnosEmulator } from '../../src/main/emulators/enos/server';
import { createManualClock } from '../../src/main/emulators/common/clock';
import { DEMO_APP, DEMO_USER } from '../../src/main/emulators/enos/store';
import { expect, test } from './fixtures';
import { PublishPage } from './pages/publish';
import { WorkbenchPage } from './pages/workbench';

// The EnOS emulator runs in the Playwright process on a manual clock, so instances move
// exactly when the test says so.
let emulator: EnosEmulator;
test.beforeEach(async () => {
  emulator = await startEnosEmulator({ clock: createManualClock(Date.now()) });
});
test.afterEach(async () => {
  await emulator.close();
});

const shots = process.env.BDP_SCREENSHOTS === '1';

test('publish the sample to EnOS, then trigger, rerun from a node and read a remote log', async ({
  workbench: page,
}) => {
  test.skip(test.info().project.metadata.host === 'electron', 'the emulator journey runs in the web host');
  const wb = new WorkbenchPage(page);
  const publish = new PublishPage(page);
  const setTheme = async (theme: 'Dark' | 'Light'): Promise<void> => {
    await page.keyboard.press('Control+Shift+P');
    await page.getByTestId('command-palette-input').fill(`>Color Theme: ${theme}`);
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
  };

  const dismissToasts = async (): Promise<void> => {
    for (const close of await page.getByTestId('toast').getByRole('button').all()) await close.click();
  };

  await wb.openSample();
  // Screenshots show the editor area without the Problems panel.
  if (shots) await page.keyboard.press('Control+J');
  await publish.open();
  // A wrong secret: Test Connection says why in the panel, where a success shows, and nothing else.
  await publish.addEnvironment({
    name: 'EnOS typo',
    url: emulator.url,
    orgId: DEMO_USER.orgId,
    userId: DEMO_USER.userId,
    accessKey: DEMO_APP.appKey,
    secret: 'not-the-secret',
  });
  await page.getByTestId('publish-test').click();
  await expect(page.getByTestId('publish-connection-failed')).toContainText('Not connected');
  await expect(page.getByTestId('publish-connection-reason')).not.toBeEmpty();
  await expect(page.getByTestId('publish-connection')).toHaveCount(0);
  await expect(page.getByTestId('toast')).toHaveCount(0);
  // Remote operations on it say the same, not "No workflows ... Publish first".
  await page.getByTestId('publish-open-remote').click();
  await expect(page.getByTestId('remote-workflows-error')).toContainText('Could not list the workflows');
  await expect(page.getByTestId('remote-workflows')).not.toContainText('Publish first');

  await publish.addEnvironment({
    name: 'EnOS prod',
    url: emulator.url,
    orgId: DEMO_USER.orgId,
    userId: DEMO_USER.userId,
    accessKey: DEMO_APP.appKey,
    secret: DEMO_APP.appSecret,
  });
  await expect(page.getByTestId('publish-env')).toHaveValue('EnOS prod');
  await expect(page.getByTestId('publish-secret-state')).toContainText('stored');

  await page.getByTestId('publish-test').click();
  await expect(page.getByTestId('publish-timezone')).toHaveText('GMT+8');
  await expect(page.getByTestId('publish-connection-failed')).toHaveCount(0);
  await expect(page.getByTestId('publish-directories')).toBeVisible();

  await page.getByTestId('publish-plan').click();
  await expect(page.getByTestId('plan-table')).toBeVisible();
  await expect(publish.step('daily_orders')).toHaveAttribute('data-action', 'create');
  await expect(publish.step('retail')).toHaveAttribute('data-action', 'create');
  await publish.step('daily_orders').click();
  await expect(page.getByTestId('plan-preview').locator('.view-lines')).toContainText('name: daily_orders');
  if (shots) {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'docs/screenshots/publish-plan-dark.png' });
  }

  await page.getByTestId('publish-apply').click();
  await expect(page.getByTestId('apply-result')).toHaveAttribute('data-ok', 'true');
  await expect(publish.step('daily_orders').getByTestId('step-status')).toHaveAttribute('data-phase', 'done');
  expect(emulator.state.flows.size).toBeGreaterThan(0);

  // A local edit plans as an update with a side-by-side diff of remote and local.
  const file = path.join(await wb.workspaceRoot(), 'workflows/retail/daily_orders.workflow.yaml');
  const text = await readFile(file, 'utf8');
  await writeFile(
    file,
    text
      .replace(/^description: .*$/m, 'description: Daily order KPIs for the BI team')
      .replace('region: cn1', 'region: cn2'),
  );
  await page.getByTestId('publish-replan').click();
  await expect(publish.step('daily_orders')).toHaveAttribute('data-action', 'update');
  await expect(publish.step('weekly_report')).toHaveAttribute('data-action', 'unchanged');
  await publish.step('daily_orders').click();
  await expect(
    page.getByTestId('plan-diff').locator('.modified-in-monaco-diff-editor .view-lines'),
  ).toContainText('cn2');
  if (shots) {
    await dismissToasts();
    await setTheme('Light');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'docs/screenshots/publish-diff-light.png' });
    await setTheme('Dark');
  }

  // Meanwhile someone changed daily_orders on EnOS: a conflict, overwritten only when ticked and confirmed.
  const remoteDaily = [...emulator.state.flows.values()].find((f) => f.name === 'daily_orders')!;
  remoteDaily.freq = '0 0 5 * * ? *';
  await page.getByTestId('publish-replan').click();
  await expect(publish.step('daily_orders')).toHaveAttribute('data-action', 'remote-changed');
  await page.getByTestId('publish-force').check();
  await page.getByTestId('publish-apply').click();
  const overwrite = page.getByTestId('publish-overwrite-dialog');
  await expect(overwrite).toContainText('daily_orders');
  await page.keyboard.press('Escape');
  await expect(overwrite).toBeHidden();
  expect(remoteDaily.freq).toBe('0 0 5 * * ? *');
  await page.getByTestId('publish-apply').click();
  await page.getByTestId('publish-overwrite-dialog-confirm').click();
  await expect(page.getByTestId('apply-result')).toHaveAttribute('data-ok', 'true');
  expect(remoteDaily.freq).toBe('0 30 2 * * ? *');

  await page.getByTestId('publish-open-remote').click();
  await expect(page.getByTestId('remote-editor')).toBeVisible();
  await expect(page.getByTestId('remote-no-instances')).toBeVisible();
  await expect(publish.remoteWorkflow('daily_orders').getByTestId('remote-scheduling')).toHaveAttribute(
    'data-enabled',
    'true',
  );

  await publish.remoteWorkflow('daily_orders').getByTestId('remote-trigger').click();
  const triggerInput = await page.getByTestId('trigger-time').inputValue();
  await publish.confirmTrigger();
  await expect(page.getByTestId('remote-instance')).toHaveCount(1);
  await expect(page.getByTestId('remote-detail')).toBeVisible();
  // The list shows each instance's business date: the day before its trigger date in the workspace's
  // zone (bdp.yaml: Asia/Shanghai), whatever this machine's zone is.
  const triggerDateInShanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(triggerInput),
  );
  const [ty, tm, td] = triggerDateInShanghai.split('-').map(Number);
  await expect(page.getByTestId('remote-instance-business-date')).toHaveText(
    new Date(Date.UTC(ty, tm - 1, td - 1)).toISOString().slice(0, 10),
  );

  // The instance starts once the clock passes its trigger time; each task takes 10 s.
  emulator.clock.advance(25_000);
  const firstStarted = page.locator('[data-testid="remote-task"]:not([data-state="INIT"])').first();
  await expect(firstStarted).toBeVisible();
  const taskName = (await firstStarted.getAttribute('data-name'))!;
  const started = publish.remoteTask(taskName);
  // The instance graph: the designer's nodes, read-only, each with its task's state.
  const graph = page.getByTestId('remote-detail').getByTestId('run-graph');
  await expect(graph.getByTestId('designer-node')).toHaveCount(await page.getByTestId('remote-task').count());
  const node = graph.locator(`[data-testid="designer-node"][data-name="${taskName}"]`);
  await expect(node.getByTestId('designer-node-status')).toHaveText(
    (await started.getAttribute('data-state'))!,
  );
  await node.click();
  await expect(page.getByTestId('remote-log')).toContainText(taskName);
  await started.getByTestId('remote-task-log').click();
  await expect(page.getByTestId('remote-log-text')).toContainText('[emulator]');
  if (shots) {
    await dismissToasts();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'docs/screenshots/remote-dark.png' });
  }

  // Rerun from a node. EnOS allows one trigger per workflow a minute, and instance ids are
  // made of the trigger minute: use an earlier trigger time (a past time runs at once).
  emulator.clock.advance(120_000);
  await started.getByTestId('remote-task-rerun').click();
  await publish.confirmTrigger(new Date(Date.now() - 24 * 3600_000));
  await expect(page.getByTestId('remote-instance')).toHaveCount(2);
  await expect(page.getByTestId('remote-detail')).toBeVisible();
  await expect(publish.remoteTask(taskName)).toBeVisible();
  emulator.clock.advance(65_000);
  await expect(
    page
      .locator(
        '[data-testid="remote-task"][data-state="SKIP"], [data-testid="remote-task"][data-state="SUCCESS"]',
      )
      .first(),
  ).toBeVisible();

  expect(await page.content()).not.toContain(DEMO_APP.appSecret);
});

test('export the prerequisite resource versions of a plan as files for the console upload', async ({
  workbench: page,
}) => {
  test.skip(test.info().project.metadata.host === 'electron', 'the emulator journey runs in the web host');
  const wb = new WorkbenchPage(page);
  const publish = new PublishPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  const edit = async (file: string, from: string | RegExp, to: string): Promise<void> => {
    const text = await readFile(path.join(root, file), 'utf8');
    expect(text).toMatch(from);
    await writeFile(path.join(root, file), text.replace(from, to));
  };
  // The sample's tasks pin resource versions; this environment does not inline scripts.
  const script = await readFile(path.join(root, 'scripts/clean_orders.py'));
  await publish.open();
  await publish.addEnvironment({
    name: 'EnOS prod',
    url: emulator.url,
    orgId: DEMO_USER.orgId,
    userId: DEMO_USER.userId,
    accessKey: DEMO_APP.appKey,
    secret: DEMO_APP.appSecret,
  });
  await edit('bdp.yaml', /^(\s*)accessKey: .*$/m, `$&\n$1inlineScripts: false`);

  await page.getByTestId('publish-plan').click();
  await expect(publish.step('clean_orders@V1.0.0')).toHaveAttribute('data-action', 'manual');
  await expect(page.getByTestId('prerequisites-bar')).toContainText('4 resource versions must be uploaded');
  await page.getByTestId('publish-export').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute(
    'data-dir',
    '.bdp/publish-export/EnOS prod',
  );
  await expect(page.getByTestId('export-file')).toHaveText([
    'clean_orders/V1.0.0/clean_orders.py',
    'aggregate_sales/V1.0.0/aggregate_sales.hql',
    'weekly_report/V1.0.0/weekly_report.py',
    'notify/V1.0.0/notify.sh',
  ]);
  if (shots) {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'test-results/publish-export-dark.png' });
  }
  expect(
    await readFile(path.join(root, '.bdp/publish-export/EnOS prod/clean_orders/V1.0.0/clean_orders.py')),
  ).toEqual(script);
});
