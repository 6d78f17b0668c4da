// Regenerates docs/screenshots (run after `npm run build`): node scripts/screenshots.mjs; W/H/SUFFIX env vars set the viewport.
/* global document -- used inside page.evaluate callbacks, which run in the browser */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openScreenshotShell } from './lib/screenshot-shell.mjs';
const OUT = path.resolve('docs/screenshots');
const { page, url, setTheme, close } = await openScreenshotShell({
  viewport: { width: Number(process.env.W || 1440), height: Number(process.env.H || 900) },
});
const suffix = process.env.SUFFIX || '';
const shot = async (name) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${OUT}/${name}${suffix}.png` });
  console.log('saved', name);
};
await page.goto(url);
await page.getByTestId('welcome').waitFor();
await page.waitForFunction(() => !document.querySelector('[data-testid="status-connection"]'));
// Open and close the sample once so Recent has an entry, as it would on a used machine.
await page.getByTestId('welcome-open-sample').click();
await page.getByTestId('explorer-tree').waitFor();
await page.keyboard.press('Control+Shift+P');
await page.getByTestId('command-palette-input').fill('>Close Workspace');
await page.keyboard.press('Enter');
await page.getByTestId('recent-item').first().waitFor();
await page.mouse.move(0, 0);
await shot('welcome-dark');
await setTheme('Light');
await shot('welcome-light');
await setTheme('Dark');
await page.getByTestId('welcome-open-folder').click();
await page.getByTestId('folder-browser').waitFor();
await page.getByTestId('folder-browser-path').fill('/work');
await page.getByTestId('folder-browser-path').press('Enter');
await page.getByTestId('folder-browser-item').first().waitFor();
await shot('open-folder-dark');
await page.keyboard.press('Escape');
await page.getByTestId('welcome-open-sample').click();
await page.getByTestId('explorer-tree').waitFor();
const item = (p) => page.locator(`[data-testid="tree-item"][data-path="${p}"]`);
for (const p of ['workflows', 'workflows/retail', 'scripts'])
  if ((await item(p).getAttribute('aria-expanded')) !== 'true') await item(p).click();
await item('scripts/clean_orders.py').dblclick();
await item('workflows/retail/daily_orders.workflow.yaml').dblclick();
const root = await page.getByTestId('status-workspace').getAttribute('title');
const file = path.join(root, 'workflows/retail/daily_orders.workflow.yaml');
const original = readFileSync(file, 'utf8');
writeFileSync(file, original.trimEnd() + '\n  - { from: notify_bi, to: sync_orders }\n');
// The panel starts closed (the editor owns the screen): the status bar's problem counts open it.
await page.getByTestId('status-problems').click();
await page.locator('[data-testid="problem-item"]').first().waitFor();
await page.locator('[data-testid="problem-item"]').first().click();
await shot('workbench-dark');
await setTheme('Light');
await shot('workbench-light');
await setTheme('Dark');
await page.keyboard.press('Control+Shift+P');
await page.getByTestId('command-palette-input').fill('>theme');
await shot('command-palette-dark');
await page.keyboard.press('Escape');
await page.keyboard.press('Control+P');
await page.getByTestId('command-palette-input').fill('ord');
await shot('quick-open-dark');
await page.keyboard.press('Escape');
await item('scripts').click({ button: 'right' });
await shot('context-menu-dark');
await page.keyboard.press('Escape');
await page.getByTestId('activity-workflows').click();
await shot('workflows-view-dark');
await page.getByTestId('activity-runs').click();
await shot('runs-view-dark');
writeFileSync(file, original);
await close();
