import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { RunsPage } from './pages/runs';
import { WorkbenchPage } from './pages/workbench';

const UPSTREAM = 'workflows/e2e_refs/e2e_upstream.workflow.yaml';
const CONSUMER = 'workflows/e2e_refs/e2e_consumer.workflow.yaml';

const UPSTREAM_YAML = `name: e2e_upstream
schedule: { type: manual }
tasks:
  - name: produce
    type: SHELL
    command: echo "produce \${cal_dt}"; sleep 0.5
`;

const CONSUMER_YAML = `name: e2e_consumer
schedule: { type: manual }
references:
  - { name: wait_upstream, kind: flow, workflow: e2e_upstream }
tasks:
  - name: consume
    type: SHELL
    command: echo consumed
relations:
  - { from: wait_upstream, to: consume }
`;

test('pre-run dialog: references wait for another instance, or run the referenced workflow first', async ({
  workbench: page,
}) => {
  test.setTimeout(120_000);
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  await mkdir(path.join(root, 'workflows', 'e2e_refs'), { recursive: true });
  await writeFile(path.join(root, UPSTREAM), UPSTREAM_YAML);
  await writeFile(path.join(root, CONSUMER), CONSUMER_YAML);
  await wb.revealInTree(CONSUMER);
  await expect(wb.treeItem(CONSUMER)).toBeVisible();
  const runs = new RunsPage(page);
  await runs.show();

  // 1. Wait: the reference node stays WAIT until the upstream instance of that date succeeds.
  await page.getByTestId('runs-prerun').click();
  const dialog = page.getByTestId('prerun-dialog');
  await dialog.getByTestId('prerun-workflow').selectOption(CONSUMER);
  await dialog.getByTestId('prerun-date').fill('2026-11-10');
  await expect(dialog.getByTestId('prerun-references-satisfied')).toBeChecked();
  await dialog.getByTestId('prerun-references-wait').check();
  await expect(dialog.getByTestId('prerun-reference-timeout')).toHaveValue('60');
  await dialog.getByTestId('prerun-start').click();
  await expect(dialog).toBeHidden();
  const waitingId = await runs.view().getAttribute('data-instance');
  await expect(runs.view().getByTestId('run-references')).toHaveText('wait (≤ 60 min)');
  await expect(runs.task('wait_upstream')).toHaveAttribute('data-state', 'WAIT', { timeout: 15_000 });
  await expect(runs.task('consume')).toHaveAttribute('data-state', 'INIT');
  await runs.preRun(UPSTREAM, '2026-11-10');
  await expect(runs.item(waitingId!)).toHaveAttribute('data-state', 'SUCCESS', { timeout: 20_000 });

  // 2. Run first: the upstream workflow is pre-run for the date, then the consumer.
  await page.getByTestId('runs-prerun').click();
  await dialog.getByTestId('prerun-workflow').selectOption(CONSUMER);
  await dialog.getByTestId('prerun-date').fill('2026-11-11');
  await dialog.getByTestId('prerun-references-run-first').check();
  await dialog.getByTestId('prerun-start').click();
  await expect(dialog).toBeHidden();
  await expect(runs.view()).toHaveAttribute('data-state', 'SUCCESS', { timeout: 20_000 });
  await expect(runs.task('wait_upstream')).toHaveAttribute('data-state', 'SUCCESS');
  await expect(runs.item('e2e_upstream-20261112000000')).toHaveAttribute('data-state', 'SUCCESS');
});

test('database passwords: stored in the secure store from the Runs view, never shown back', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const runs = new RunsPage(page);
  await runs.show();
  await page.getByTestId('runs-passwords').click();
  const dialog = page.getByTestId('connection-passwords-dialog');
  await expect(dialog.getByTestId('connection-password-connection')).toHaveValue('crm');
  await expect(dialog.getByTestId('connection-password-status')).toHaveText(
    'Password: not set (or set BDP_CONN_CRM_PASSWORD)',
  );
  await dialog.getByTestId('connection-password-input').fill('pg-secret-e2e');
  await dialog.getByTestId('connection-password-save').click();
  await expect(dialog.getByTestId('connection-password-status')).toHaveText(
    'Password: stored in the secure store',
  );
  await expect(dialog.getByTestId('connection-password-input')).toHaveValue('');
  await expect(dialog).not.toContainText('pg-secret-e2e');
  await dialog.getByTestId('connection-password-forget').click();
  await expect(dialog.getByTestId('connection-password-status')).toHaveText(
    'Password: not set (or set BDP_CONN_CRM_PASSWORD)',
  );
});
