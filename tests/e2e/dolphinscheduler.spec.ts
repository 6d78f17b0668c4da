import { createManualClock } from '../../src/main/emulators/common/clock';
import { startDsEmulator, type DsEmulator } from '../../src/main/emulators/dolphinscheduler/server';
import { DEMO_TOKEN } from '../../src/main/emulators/dolphinscheduler/state';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PublishPage } from './pages/publish';
import { WorkbenchPage } from './pages/workbench';

// The DolphinScheduler emulator runs in the Playwright process on a manual clock: instances
// move exactly when the test advances it (each task takes 10 s of emulator time).
let emulator: DsEmulator;
test.beforeEach(async () => {
  emulator = await startDsEmulator({ clock: createManualClock(Date.now()) });
});
test.afterEach(async () => {
  await emulator.close();
});

const shots = process.env.BDP_SCREENSHOTS === '1';

/** Opens the Add Environment dialog filled for a DolphinScheduler project `retail` signed in by token. */
async function fillDsEnvironment(page: Page, name: string, url: string): Promise<Locator> {
  await page.getByTestId('publish-add-env').click();
  const dialog = page.getByTestId('environment-dialog');
  await dialog.getByTestId('env-kind').selectOption('dolphinscheduler');
  await dialog.getByTestId('env-name').fill(name);
  await dialog.getByTestId('env-url').fill(url);
  await dialog.getByTestId('env-project').fill('retail');
  await dialog.getByTestId('env-secret').fill(DEMO_TOKEN);
  return dialog;
}

test('publish the sample to DolphinScheduler with its resources, run a node with downstream, read its log, backfill three days', async ({
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
    const clear = page.getByRole('button', { name: 'Clear notification' });
    for (let i = 0; i < 20 && (await clear.count()) > 0; i++)
      await clear
        .first()
        .click({ timeout: 2000 })
        .catch(() => undefined);
  };

  await wb.openSample();
  if (shots) await page.keyboard.press('Control+J');
  await publish.open();

  // Add a DolphinScheduler environment: base URL, project, access token (to the secure store).
  const dialog = await fillDsEnvironment(page, 'DS prod', emulator.url);
  await expect(dialog.getByTestId('env-username')).toHaveCount(0);
  if (shots) {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'docs/screenshots/dolphinscheduler-environment-dark.png' });
  }
  await dialog.getByTestId('env-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('publish-env')).toHaveValue('DS prod');
  await expect(page.getByTestId('publish-secret-state')).toContainText('stored');

  await page.getByTestId('publish-test').click();
  await expect(page.getByTestId('publish-timezone')).toHaveText('UTC');
  await expect(page.getByTestId('publish-directories')).toContainText(
    'retail (created on the first publish)',
  );

  // The plan: the project, the pinned resource versions as Resource Center uploads, the definitions.
  await page.getByTestId('publish-plan').click();
  await expect(page.getByTestId('plan-table')).toBeVisible();
  await expect(publish.step('retail')).toHaveAttribute('data-action', 'create');
  for (const r of ['clean_orders@V1.0.0', 'aggregate_sales@V1.0.0', 'weekly_report@V1.0.0', 'notify@V1.0.0'])
    await expect(publish.step(r)).toHaveAttribute('data-action', 'create');
  await expect(publish.step('daily_orders')).toHaveAttribute('data-action', 'create');
  await expect(publish.step('weekly_report')).toHaveAttribute('data-action', 'create');
  await publish.step('daily_orders').click();
  await expect(page.getByTestId('step-resources')).toContainText(
    'uploaded to the Resource Center by publish',
  );
  await expect(page.getByTestId('plan-preview').locator('.view-lines')).toContainText('name: daily_orders');
  if (shots) {
    await dismissToasts();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'docs/screenshots/dolphinscheduler-plan-dark.png' });
  }

  await page.getByTestId('publish-apply').click();
  await expect(page.getByTestId('apply-result')).toHaveAttribute('data-ok', 'true');
  expect([...emulator.state.definitions.values()].map((d) => d.releaseState)).toEqual(['ONLINE', 'ONLINE']);
  expect(emulator.state.writes.upload).toBe(4);

  // Remote: trigger, then run clean_orders with its downstream.
  await page.getByTestId('publish-open-remote').click();
  await expect(page.getByTestId('remote-editor')).toBeVisible();
  await expect(publish.remoteWorkflow('daily_orders').getByTestId('remote-scheduling')).toHaveAttribute(
    'data-enabled',
    'true',
  );
  await publish.remoteWorkflow('daily_orders').getByTestId('remote-trigger').click();
  await publish.confirmTrigger();
  await expect(page.getByTestId('remote-instance')).toHaveCount(1);
  await expect(page.getByTestId('remote-detail')).toBeVisible();
  emulator.clock.advance(60_000);
  await expect(page.getByTestId('remote-detail')).toHaveAttribute('data-state', 'SUCCESS');

  await publish.remoteTask('clean_orders').getByTestId('remote-task-rerun').click();
  // "Run from here" starts at the instance's own trigger time as DolphinScheduler recorded it (its
  // command time, on the emulator's clock), not at the time the first dialog showed.
  const [first] = [...emulator.state.instances.values()];
  const local = new Date(first.startTime - new Date(first.startTime).getTimezoneOffset() * 60_000);
  await expect(page.getByTestId('trigger-time')).toHaveValue(local.toISOString().slice(0, 16));
  await publish.confirmTrigger();
  await expect(page.getByTestId('remote-instance')).toHaveCount(2);
  await expect(publish.remoteTask('clean_orders')).toHaveAttribute('data-state', 'RUNNING');
  emulator.clock.advance(30_000);
  await expect(publish.remoteTask('aggregate_sales')).toHaveAttribute('data-state', 'SUCCESS');
  // sync_orders is upstream; notify_bi hangs on a rerun: false relation: neither runs.
  await expect(page.getByTestId('remote-detail')).toHaveAttribute('data-state', 'SUCCESS');
  await expect(publish.remoteTask('sync_orders')).toHaveAttribute('data-state', 'SKIP');
  await expect(publish.remoteTask('notify_bi')).toHaveAttribute('data-state', 'SKIP');

  await publish.remoteTask('clean_orders').getByTestId('remote-task-log').click();
  await expect(page.getByTestId('remote-log-text')).toContainText('[emulator] task clean_orders (PYTHON)');
  await expect(page.getByTestId('remote-log-text')).toContainText('start parameter cal_dt=');
  if (shots) {
    await dismissToasts();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'docs/screenshots/dolphinscheduler-remote-dark.png' });
  }

  // A failed run: force the failed task to success, which makes the instance succeed.
  emulator.state.failNext.add('notify_bi');
  await publish.remoteWorkflow('daily_orders').getByTestId('remote-trigger').click();
  await publish.confirmTrigger();
  await expect(page.getByTestId('remote-instance')).toHaveCount(3);
  emulator.clock.advance(60_000);
  await expect(page.getByTestId('remote-detail')).toHaveAttribute('data-state', 'FAIL');
  await expect(page.getByTestId('remote-recover')).toBeVisible();
  if (shots) {
    await dismissToasts();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'docs/screenshots/dolphinscheduler-failed-dark.png' });
  }
  await publish.remoteTask('notify_bi').getByTestId('remote-task-force').click();
  await expect(page.getByTestId('remote-detail')).toHaveAttribute('data-state', 'SUCCESS');
  await expect(publish.remoteTask('notify_bi')).toHaveAttribute('data-state', 'SUCCESS');

  // Backfill three days: three instances, one after the other.
  await publish.remoteWorkflow('daily_orders').getByTestId('remote-backfill').click();
  const backfill = page.getByTestId('backfill-dialog');
  const day = (n: number): string => new Date(Date.now() - n * 86_400_000).toLocaleDateString('en-CA');
  await backfill.getByTestId('backfill-from').fill(day(3));
  await backfill.getByTestId('backfill-to').fill(day(1));
  await expect(backfill).toContainText('3 days');
  if (shots) {
    await dismissToasts();
    await setTheme('Light');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'docs/screenshots/dolphinscheduler-backfill-light.png' });
    await setTheme('Dark');
  }
  await backfill.getByTestId('backfill-confirm').click();
  await expect(page.getByTestId('remote-instance')).toHaveCount(6);
  const complement = [...emulator.state.instances.values()].filter(
    (i) => i.commandType === 'COMPLEMENT_DATA',
  );
  expect(complement).toHaveLength(3);
  emulator.clock.advance(10 * 60_000);
  await page.getByTestId('remote-refresh').click();
  await expect(page.locator('[data-testid="remote-instance"][data-state="SUCCESS"]')).toHaveCount(6);

  expect(await page.content()).not.toContain(DEMO_TOKEN);
});

test('publish the sample to a DolphinScheduler 3.3 server chosen in the environment dialog', async ({
  workbench: page,
}) => {
  test.skip(test.info().project.metadata.host === 'electron', 'the emulator journey runs in the web host');
  const v33 = await startDsEmulator({ clock: createManualClock(Date.now()), profile: '3.3' });
  try {
    const publish = new PublishPage(page);
    await new WorkbenchPage(page).openSample();
    await publish.open();
    const dialog = await fillDsEnvironment(page, 'DS 3.3', v33.url);
    await dialog.getByTestId('env-api-version').selectOption('3.3');
    await dialog.getByTestId('env-server-time-zone').fill('UTC');
    await dialog.getByTestId('env-save').click();
    await expect(dialog).toBeHidden();

    await page.getByTestId('publish-plan').click();
    await expect(publish.step('daily_orders')).toHaveAttribute('data-action', 'create');
    await page.getByTestId('publish-apply').click();
    await expect(page.getByTestId('apply-result')).toHaveAttribute('data-ok', 'true');
    expect([...v33.state.definitions.values()].map((d) => d.releaseState)).toEqual(['ONLINE', 'ONLINE']);
    expect(v33.state.writes.upload).toBe(4);
    expect([...v33.state.resources.keys()].every((k) => k.startsWith('/tmp/dolphinscheduler/'))).toBe(true);
    // A second plan against the 3.3 server finds everything in place.
    await page.getByTestId('publish-plan').click();
    await expect(publish.step('daily_orders')).toHaveAttribute('data-action', 'unchanged');
    await expect(publish.step('clean_orders@V1.0.0')).toHaveAttribute('data-action', 'unchanged');
  } finally {
    await v33.close();
  }
});
