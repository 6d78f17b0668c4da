// Script run / debug screenshots (run after `npm run build`): node scripts/script-run-screenshots.mjs
// -> docs/screenshots/script-{console,sql,debug,trace,substituted}-{dark,light}.png
import path from 'node:path';
import { openScreenshotShell } from './lib/screenshot-shell.mjs';
const OUT = path.resolve('docs/screenshots');
const { page, url, setTheme, close } = await openScreenshotShell({ consoleErrors: false });
const shot = async (name) => {
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log('saved', name);
};
const item = (p) => page.locator(`[data-testid="tree-item"][data-path="${p}"]`);
const editor = (p) => page.locator(`[data-testid="editor"][data-path="${p}"]`);
const focus = (p) => editor(p).click({ position: { x: 300, y: 12 } });
const goToLine = async (p, n) => {
  await focus(p);
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(n));
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
};
const status = async (s) => {
  await page.getByTestId('panel-tab-output').click();
  await page.locator(`[data-testid="script-run-status"][data-status="${s}"]`).waitFor({ timeout: 30_000 });
};
const open = async (p) => {
  await item(p).dblclick();
  await editor(p).waitFor();
};

await page.goto(url);
await page.evaluate(() =>
  localStorage.setItem('bdp.layout', JSON.stringify({ panelHeight: 330, panelVisible: true })),
);
await page.reload();
await page.getByTestId('welcome-open-sample').click();
await page.getByTestId('explorer-tree').waitFor();
for (const p of ['scripts', 'scripts/utils'])
  if ((await item(p).getAttribute('aria-expanded')) !== 'true') await item(p).click();

const PY = 'scripts/clean_orders.py';
await open(PY);
await page.getByTestId('script-params-toggle').click();
await page.getByTestId('script-params-args').fill('--date ${cal_dt} --out-dir .bdp/out');
await page.getByTestId('script-params-text').fill('region=eu');
// A failing run: the marker and the traceback.
await goToLine(PY, 54);
await page.keyboard.press('End');
await page.keyboard.press('Enter');
await page.keyboard.type('print("checking", day)');
await page.keyboard.press('Enter');
await page.keyboard.type('raise ValueError("broken on purpose")');
await page.keyboard.press('F5');
await status('failure');
await shot('script-console-dark');
await setTheme('Light');
await shot('script-console-light');
await setTheme('Dark');
// Fix and run clean.
await goToLine(PY, 56);
await page.keyboard.press('Control+Shift+K');
await page.keyboard.press('F5');
await status('success');
await shot('script-console-success-dark');

// Debugger: breakpoint at 54, step once.
await goToLine(PY, 54);
const ln = editor(PY).locator('.margin .line-numbers', { hasText: /^54$/ });
const box = await ln.boundingBox();
const margin = await editor(PY).locator('.margin').boundingBox();
await page.mouse.click(margin.x + 9, box.y + box.height / 2);
await page.getByTestId('script-debug').click();
await page.locator('[data-testid="debug-panel"][data-state="paused"]').waitFor({ timeout: 30_000 });
await page.keyboard.press('F10');
await page.locator('[data-testid="debug-variable"][data-name="day"]').waitFor();
await shot('script-debug-dark');
await setTheme('Light');
await shot('script-debug-light');
await page.keyboard.press('Shift+F5');
await status('stopped');
await setTheme('Dark');

// Substituted preview.
await page.getByTestId('script-show-substituted').click();
await page.getByTestId('script-substituted').waitFor();
await shot('script-substituted-dark');
await page.keyboard.press('Escape');

// SQL grid.
const HQL = 'scripts/aggregate_sales.hql';
await open(HQL);
await focus(HQL);
await page.keyboard.press('Control+A');
await page.keyboard.type(
  "show databases;\nselect range as order_id, 'store-' || (range % 7) as store, round(random() * 100, 2) as revenue, date '${cal_dt}' as dt\nfrom range(5000);\n",
);
await page.keyboard.press('F5');
await page.getByTestId('sql-grid').waitFor({ timeout: 30_000 });
await shot('script-sql-dark');
await setTheme('Light');
await shot('script-sql-light');

// Shell trace.
const SH = 'scripts/utils/notify.sh';
await open(SH);
await page.getByTestId('script-params-args').fill('"nightly report ready"');
await page.getByTestId('script-trace').click();
await status('success');
await goToLine(SH, 1);
await shot('script-trace-light');
await setTheme('Dark');
await shot('script-trace-dark');

await close();
process.exit(0);
