// Screenshots of the pre-run dialog's reference choice and an instance waiting on a reference
// (run after `npm run build`): node scripts/screenshots-runs-references.mjs
// docs/screenshots/runs-references-dialog-{dark,light}.png, runs-references-wait-{dark,light}.png,
// runs-connection-passwords-dark.png at 1440x900.
/* global document -- used inside page.waitForFunction callbacks, which run in the browser */
import os from 'node:os';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const require = createRequire(path.resolve('package.json'));
const { chromium } = require('playwright');
const OUT = path.resolve('docs/screenshots');
const ud = mkdtempSync(path.join(os.tmpdir(), 'bdp-shots-refs-'));
const child = spawn(process.execPath, [path.resolve('out/main/cli.js'), 'serve', '--port', '0', '--user-data', ud, '--sample'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((res) => { let o = ''; child.stdout.on('data', (d) => { o += d; const m = /(http:\/\/\S+)/.exec(o); if (m) res(m[1]); }); });
process.on('exit', () => child.kill('SIGTERM'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('pageerror', (e) => console.log('pageerror', e.message));
const shot = async (name) => { await page.mouse.move(0, 0); await page.waitForTimeout(400); await page.screenshot({ path: `${OUT}/${name}.png` }); console.log('saved', name); };
const command = async (title) => { await page.keyboard.press('Control+Shift+P'); await page.getByTestId('command-palette-input').fill(`>${title}`); await page.keyboard.press('Enter'); };
const setTheme = async (t) => { await command(`Color Theme: ${t}`); await page.waitForFunction((t) => document.documentElement.dataset.theme === t, t.toLowerCase()); };

await page.goto(url);
await page.getByTestId('explorer-tree').waitFor();
const root = await page.getByTestId('status-workspace').getAttribute('title');
mkdirSync(path.join(root, 'workflows', 'demo'), { recursive: true });
writeFileSync(path.join(root, 'workflows', 'demo', 'orders_ready.workflow.yaml'), `name: orders_ready
description: Lands the day's orders
schedule: { type: manual }
tasks:
  - name: land_orders
    type: SHELL
    command: echo "orders for \${cal_dt}"; sleep 1
`);
writeFileSync(path.join(root, 'workflows', 'demo', 'store_report.workflow.yaml'), `name: store_report
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
`);
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
await page.locator('[data-testid="run-task"][data-task="wait_orders"][data-state="WAIT"]').waitFor({ timeout: 15_000 });
await shot('runs-references-wait-light');
await setTheme('Dark');
await shot('runs-references-wait-dark');
await page.getByTestId('runs-passwords').click();
await page.getByTestId('connection-password-input').fill('secret');
await page.getByTestId('connection-password-save').click();
await page.getByTestId('connection-password-status').filter({ hasText: 'stored' }).waitFor();
await shot('runs-connection-passwords-dark');
await browser.close();
process.exit(0);
