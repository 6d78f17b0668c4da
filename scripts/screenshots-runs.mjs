// Regenerates the Runs screenshots (run after `npm run build`): node scripts/screenshots-runs.mjs
// docs/screenshots/runs-dark.png, runs-gantt-light.png, runs-log-dark.png at 1440x900.
/* global document -- used inside page.waitForFunction callbacks, which run in the browser */
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
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log('saved', name);
};

await page.goto(url);
await page.getByTestId('explorer-tree').waitFor();
const root = await page.getByTestId('status-workspace').getAttribute('title');
mkdirSync(path.join(root, 'workflows', 'demo'), { recursive: true });
writeFileSync(
  path.join(root, 'workflows', 'demo', 'store_kpis.workflow.yaml'),
  `name: store_kpis
description: Daily store KPIs (SHELL and PYTHON tasks, runnable offline)
schedule: { type: manual }
tasks:
  - name: extract_pos
    type: SHELL
    command: |
      printf '\\033[1;36m==> extracting POS exports for %s\\033[0m\\n' "\${cal_dt}"
      for s in 101 102 103 104 105 106 107 108; do printf 'store %s: \\033[32m%d rows\\033[0m\\n' $s $((RANDOM % 900 + 100)); sleep 0.15; done
      printf '\\033[33mWARN\\033[0m store 106 sent a late file, using yesterday\\047s snapshot\\n'
  - name: extract_web
    type: SHELL
    command: echo "web orders \${cal_dt}"; sleep 1.2; echo "3,412 orders"
  - name: clean_orders
    type: PYTHON
    command: |
      import time
      def main():
          for step in ("dedupe", "currency", "timezone"):
              print(f"\\033[34m[clean]\\033[0m {step} ok"); time.sleep(0.3)
          return 0
  - name: load_warehouse
    type: SHELL
    config: { retryTimes: 1, retryInterval: 1 }
    command: |
      echo "loading partition dt=\${cal_dt}"; sleep 0.8
      if [ "$BDP_RUN_NUM" = 1 ]; then printf '\\033[31mERROR\\033[0m lock timeout on orders_fact\\n'; exit 1; fi
      echo "loaded 3,412 rows"
  - name: build_kpis
    type: SHELL
    command: echo "kpis for \${cal_dt}"; sleep 0.7
  - name: notify
    type: SHELL
    command: echo "report ready"
relations:
  - { from: extract_pos, to: clean_orders }
  - { from: extract_web, to: clean_orders }
  - { from: clean_orders, to: load_warehouse }
  - { from: load_warehouse, to: build_kpis }
  - { from: build_kpis, to: notify, rerun: false }
`,
);
await command('Toggle Panel');
await page.getByTestId('activity-runs').click();
await page.getByTestId('runs-list').getByTestId('empty-state').waitFor({ timeout: 30_000 });
// History: a backfill of a week, two at a time.
await page.getByTestId('runs-backfill').click();
await page.getByTestId('backfill-workflow').selectOption('workflows/demo/store_kpis.workflow.yaml');
await page.getByTestId('backfill-from').fill('2026-11-14');
await page.getByTestId('backfill-to').fill('2026-11-19');
await page.getByTestId('backfill-parallelism').fill('2');
await page.getByTestId('backfill-start').click();
await page.waitForFunction(
  () => document.querySelectorAll('[data-testid="run-item"][data-state="SUCCESS"]').length >= 6,
  null,
  { timeout: 90_000 },
);
// A node pre-run, and one stopped run.
await page.getByTestId('runs-prerun').click();
await page.getByTestId('prerun-workflow').selectOption('workflows/demo/store_kpis.workflow.yaml');
await page.getByTestId('prerun-date').fill('2026-11-21');
await page.getByTestId('prerun-start').click();
await page.getByTestId('run-stop').waitFor();
await page.waitForTimeout(1500);
await page.getByTestId('run-stop').click();
await page.getByTestId('run-stop-dialog-confirm').click();
await page.locator('[data-testid="run-view"][data-state="CANCEL"]').waitFor();
// The one shown: a run with a retried task.
await page.getByTestId('runs-prerun').click();
await page.getByTestId('prerun-workflow').selectOption('workflows/demo/store_kpis.workflow.yaml');
await page.getByTestId('prerun-date').fill('2026-11-22');
await page.getByTestId('prerun-start').click();
await page.locator('[data-testid="run-view"][data-state="SUCCESS"]').waitFor({ timeout: 60_000 });
await shot('runs-dark');
await setTheme('Light');
await shot('runs-gantt-light');
await setTheme('Dark');
await page.locator('[data-testid="run-task"][data-task="extract_pos"] [data-testid="task-view-log"]').click();
await page.getByTestId('log-line').first().waitFor();
await page.getByTestId('log-search').fill('store 10');
await page.getByTestId('log-search').press('Enter');
await page.getByTestId('log-search').press('Enter');
await shot('runs-log-dark');
await close();
