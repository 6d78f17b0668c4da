import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { E2E_DEMO, E2E_LONG, RunsPage } from './pages/runs';
import { WorkbenchPage } from './pages/workbench';

const DEMO = 'workflows/e2e/e2e_demo.workflow.yaml';
const LONG = 'workflows/e2e/e2e_long.workflow.yaml';

test('pre-run from the UI: live states, streamed log, rerun with downstream, stop, backfill', async ({ workbench: page }) => {
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
  for (const t of ['extract', 'transform', 'publish', 'report']) await expect(runs.task(t)).toHaveAttribute('data-state', 'SUCCESS');
  // The designer's canvas shows the instance read-only, each node with its state.
  await expect(page.getByTestId('run-graph').locator('[data-testid="designer-node"][data-name="extract"]').getByTestId('designer-node-status')).toHaveText('SUCCESS');
  await runs.log().getByTestId('log-search').fill('line 11');
  await expect(runs.log().getByTestId('log-hits')).toHaveText('1 of 1');
  await expect(page.getByTestId('gantt-bar')).toHaveCount(4);

  // 3. Rerun transform and its downstream: publish reruns, report (rerun: false) ends SKIP.
  await runs.task('transform').getByTestId('task-rerun-downstream').click();
  await expect(runs.task('transform').getByTestId('run-task-runnum')).toHaveText('2');
  await expect(runs.view()).toHaveAttribute('data-state', 'SUCCESS', { timeout: 20_000 });
  await expect(runs.task('publish').getByTestId('run-task-runnum')).toHaveText('2');
  await expect(runs.task('report')).toHaveAttribute('data-state', 'SKIP');
  await expect(runs.task('extract').getByTestId('run-task-runnum')).toHaveText('1');

  // 4. Stop a long task: the instance ends CANCEL.
  const longId = await runs.preRun(LONG, '2026-11-03');
  await expect(runs.view()).toHaveAttribute('data-instance', longId);
  await expect(runs.task('long')).toHaveAttribute('data-state', 'RUNNING');
  await page.getByTestId('run-stop').click();
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
    await expect(runs.item(`e2e_demo-${day}000000`)).toHaveAttribute('data-state', 'SUCCESS', { timeout: 30_000 });
  }
  await page.getByTestId('runs-filter-workflow').selectOption('e2e_demo');
  await expect(runs.items()).toHaveCount(4);
});
