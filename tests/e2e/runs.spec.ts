import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { E2E_DEMO, E2E_LONG, RunsPage } from './pages/runs';
import { WorkbenchPage } from './pages/workbench';

const DEMO = 'workflows/e2e/e2e_demo.workflow.yaml';
const LONG = 'workflows/e2e/e2e_long.workflow.yaml';

test('pre-run from the UI: live states, streamed log, rerun with downstream, stop, backfill', async ({
  workbench: page,
}) => {
  test.setTimeout(120_000);
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  await mkdir(path.join(root, 'workflows', 'e2e'), { recursive: true });
  await writeFile(path.join(root, DEMO), E2E_DEMO);
  await writeFile(path.join(root, LONG), E2E_LONG);
  await wb.revealInTree(DEMO);
  await expect(wb.treeItem(DEMO)).toBeVisible();

  const runs = new RunsPage(page);
  await runs.show();

  // 1. Pre-run: the instance tab follows the states live.
  const id = await runs.preRun(DEMO, '2026-11-03');
  expect(id).toBe('e2e_demo-20261104000000');
  await expect(runs.view().getByTestId('run-business-date')).toHaveText('2026-11-03');
  await expect(runs.task('extract')).toHaveAttribute('data-state', 'RUNNING');
  await expect(runs.task('transform')).toHaveAttribute('data-state', 'INIT');

  // 2. The log streams while the task runs (ANSI colours parsed, escapes gone).
  await runs.task('extract').getByTestId('task-view-log').click();
  await expect(runs.log()).toBeVisible();
  await expect(runs.log()).toContainText('extract line 12 for 2026-11-03', { timeout: 15_000 });
  await expect(runs.log()).not.toContainText('\u001b[32m');
  await expect(runs.view()).toHaveAttribute('data-state', 'SUCCESS', { timeout: 20_000 });
  for (const t of ['extract', 'transform', 'publish', 'report'])
    await expect(runs.task(t)).toHaveAttribute('data-state', 'SUCCESS');
  // The designer's canvas shows the instance read-only, each node with its state.
  await expect(
    page
      .getByTestId('run-graph')
      .locator('[data-testid="designer-node"][data-name="extract"]')
      .getByTestId('designer-node-status'),
  ).toHaveText('SUCCESS');
  await runs.log().getByTestId('log-search').fill('line 11');
  await expect(runs.log().getByTestId('log-hits')).toHaveText('1 of 1');
  await expect(page.getByTestId('gantt-bar')).toHaveCount(4);
  // The graph's frame fits its content: every node in view, no fixed strip.
  for (const t of ['extract', 'transform', 'publish', 'report']) {
    await expect(
      page.getByTestId('run-graph').locator(`[data-testid="designer-node"][data-name="${t}"]`),
    ).toBeInViewport();
  }
  // The log pane is resized on its top border, and keeps its height.
  const pane = page.getByTestId('run-log-pane');
  const paneBefore = (await pane.boundingBox())!;
  const sash = (await page.locator('.run-log-sash').boundingBox())!;
  await page.mouse.move(sash.x + sash.width / 2, sash.y + 2);
  await page.mouse.down();
  await page.mouse.move(sash.x + sash.width / 2, sash.y + 2 - 100, { steps: 5 });
  await page.mouse.up();
  await expect
    .poll(async () => Math.round((await pane.boundingBox())!.height))
    .toBe(Math.round(paneBefore.height) + 100);
  expect(await page.evaluate(() => globalThis.localStorage.getItem('bdp.runs.logHeight'))).toBe(
    String(Math.round(paneBefore.height) + 100),
  );

  // 3. Rerun transform and its downstream: publish reruns, report (rerun: false) ends SKIP.
  await runs.task('transform').getByTestId('task-rerun-downstream').click();
  await expect(runs.task('transform').getByTestId('run-task-runnum')).toHaveText('2');
  await expect(runs.view()).toHaveAttribute('data-state', 'SUCCESS', { timeout: 20_000 });
  await expect(runs.task('publish').getByTestId('run-task-runnum')).toHaveText('2');
  await expect(runs.task('report')).toHaveAttribute('data-state', 'SKIP');
  // What report did before the rerun stays visible.
  await expect(runs.task('report').getByTestId('run-task-earlier')).toHaveText('was SUCCESS');
  await expect(runs.task('extract').getByTestId('run-task-runnum')).toHaveText('1');

  // 4. Stop a long task, once confirmed (Cancel keeps it running): the instance ends CANCEL.
  const longId = await runs.preRun(LONG, '2026-11-03');
  await expect(runs.view()).toHaveAttribute('data-instance', longId);
  await expect(runs.task('long')).toHaveAttribute('data-state', 'RUNNING');
  await page.getByTestId('run-stop').click();
  const stopDialog = page.getByTestId('run-stop-dialog');
  await expect(stopDialog).toContainText('1 running task is killed');
  await page.keyboard.press('Escape');
  await expect(stopDialog).toBeHidden();
  await expect(runs.task('long')).toHaveAttribute('data-state', 'RUNNING');
  await page.getByTestId('run-stop').click();
  await page.getByTestId('run-stop-dialog-confirm').click();
  await expect(runs.view()).toHaveAttribute('data-state', 'CANCEL', { timeout: 15_000 });
  await expect(runs.task('long')).toHaveAttribute('data-state', 'CANCEL');
  await expect(runs.item(longId)).toHaveAttribute('data-state', 'CANCEL');

  // 5. Backfill three days, two at a time: three instances listed, all SUCCESS.
  await page.getByTestId('runs-backfill').click();
  const dialog = page.getByTestId('backfill-dialog');
  await dialog.getByTestId('backfill-workflow').selectOption(DEMO);
  await dialog.getByTestId('backfill-from').fill('2026-10-28');
  await dialog.getByTestId('backfill-to').fill('2026-10-30');
  await dialog.getByTestId('backfill-parallelism').fill('2');
  await dialog.getByTestId('backfill-start').click();
  await expect(dialog).toBeHidden();
  for (const day of ['20261029', '20261030', '20261031']) {
    await expect(runs.item(`e2e_demo-${day}000000`)).toHaveAttribute('data-state', 'SUCCESS', {
      timeout: 30_000,
    });
  }
  await page.getByTestId('runs-filter-workflow').selectOption('e2e_demo');
  await expect(runs.items()).toHaveCount(4);

  // 6. Browsing the list reuses one preview tab; a double click keeps the instance open in its own tab.
  const runTabs = page.locator('[data-testid="editor-tab"][data-path^="bdp:/run/"]');
  const before = await runTabs.count();
  await runs.item('e2e_demo-20261029000000').click();
  await expect(
    page.locator('[data-testid="editor-tab"][data-path="bdp:/run/e2e_demo-20261029000000"]'),
  ).toHaveAttribute('data-preview', 'true');
  await runs.item('e2e_demo-20261030000000').click();
  await expect(runTabs).toHaveCount(before + 1);
  await expect(
    page.locator('[data-testid="editor-tab"][data-path="bdp:/run/e2e_demo-20261029000000"]'),
  ).toHaveCount(0);
  await runs.item('e2e_demo-20261031000000').dblclick();
  await expect(
    page.locator('[data-testid="editor-tab"][data-path="bdp:/run/e2e_demo-20261031000000"]'),
  ).not.toHaveAttribute('data-preview', 'true');
});
