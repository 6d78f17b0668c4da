// Screenshots of the pre-run dialog's reference choice and an instance waiting on a reference
// (run after `npm run build`): node scripts/screenshots-runs-references.mjs
// docs/screenshots/runs-references-dialog-{dark,light}.png, runs-references-wait-{dark,light}.png,
// runs-connection-passwords-dark.png at 1440x900.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openScreenshotShell } from './lib/screenshot-shell.mjs';
const OUT = path.resolve('docs/screenshots');
const { page, url, command, setTheme, close } = await openScreenshotShell({
  sample: true,
  consoleErrors: false,
});
const shot = async (name) => {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log('saved', name);
};

await page.goto(url);
await page.getByTestId('explorer-tree').waitFor();
const root = await page.getByTestId('status-workspace').getAttribute('title');
mkdirSync(path.join(root, 'workflows', 'demo'), { recursive: true });
writeFileSync(
  path.join(root, 'workflows', 'demo', 'orders_ready.workflow.yaml'),
  `name: orders_ready
description: Lands the day's orders
schedule: { type: manual }
tasks:
  - name: land_orders
    type: SHELL
    command: echo "orders for \${cal_dt}"; sleep 1
`,
);
writeFileSync(
  path.join(root, 'workflows', 'demo', 'store_report.workflow.yaml'),
  `name: store_report
description: Needs the day's orders (Flow Ref) and their landing task (Task Ref)
schedule: { type: manual }
references:
  - { name: wait_orders, kind: flow, workflow: orders_ready }
  - { name: wait_landing, kind: task, workflow: orders_ready, task: land_orders }
tasks:
  - name: build_report
    type: SHELL
    command: echo "report \${cal_dt}"
relations:
  - { from: wait_orders, to: build_report }
  - { from: wait_landing, to: build_report }
`,
);
await command('Toggle Panel');
await page.getByTestId('activity-runs').click();
await page.getByTestId('runs-list').getByTestId('empty-state').waitFor({ timeout: 30_000 });
const openDialog = async () => {
  await page.getByTestId('runs-prerun').click();
  const d = page.getByTestId('prerun-dialog');
  await d.getByTestId('prerun-workflow').selectOption('workflows/demo/store_report.workflow.yaml');
  await d.getByTestId('prerun-date').fill('2026-11-23');
  await d.getByTestId('prerun-references-wait').check();
  return d;
};
await openDialog();
await shot('runs-references-dialog-dark');
await page.keyboard.press('Escape');
await setTheme('Light');
const dialog = await openDialog();
await shot('runs-references-dialog-light');
await dialog.getByTestId('prerun-start').click();
await page
  .locator('[data-testid="run-task"][data-task="wait_orders"][data-state="WAIT"]')
  .waitFor({ timeout: 15_000 });
await shot('runs-references-wait-light');
await setTheme('Dark');
await shot('runs-references-wait-dark');
await page.getByTestId('runs-passwords').click();
await page.getByTestId('connection-password-input').fill('secret');
await page.getByTestId('connection-password-save').click();
await page.getByTestId('connection-password-status').filter({ hasText: 'stored' }).waitFor();
await shot('runs-connection-passwords-dark');
await close();
process.exit(0);
