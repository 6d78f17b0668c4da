// Designer screenshots (run after `npm run build`): node scripts/designer-screenshots.mjs
import path from 'node:path';
import { openScreenshotShell } from './lib/screenshot-shell.mjs';
const OUT = path.resolve(process.env.OUT || 'docs/screenshots');
const { page, url, setTheme, close } = await openScreenshotShell();
const shot = async (name) => {
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log('saved', name);
};
await page.goto(url);
await page.getByTestId('welcome').waitFor();
await page.getByTestId('welcome-open-sample').click();
await page.getByTestId('explorer-tree').waitFor();
const item = (p) => page.locator(`[data-testid="tree-item"][data-path="${p}"]`);
for (const p of ['workflows', 'workflows/retail'])
  if ((await item(p).getAttribute('aria-expanded')) !== 'true') await item(p).click();
await item('workflows/retail/daily_orders.workflow.yaml').dblclick();
await page.getByTestId('designer-node').first().waitFor();
await page.keyboard.press('Control+B');
await page.waitForTimeout(800);
await page.locator('[data-testid="designer-node"][data-name="clean_orders"]').click();
await page.mouse.move(0, 0);
await setTheme('Dark');
await shot(process.env.NAME_DARK || 'designer-dark');
// Light: the weekly report (a Flow Ref root) with the workflow's own settings (nothing selected).
await page.keyboard.press('Control+B');
await item('workflows/retail/weekly_report.workflow.yaml').dblclick();
await page.locator('[data-testid="designer-node"][data-name="wait_daily_orders"]').waitFor();
await page.keyboard.press('Control+B');
await page.waitForTimeout(600);
await setTheme('Light');
await page.mouse.move(0, 0);
await shot(process.env.NAME_LIGHT || 'designer-light');

// Property panels of every task type, the context menu and the workflow settings, both themes
// (designer-props-<kind>-<theme>.png), with the YAML pane hidden and a taller window.
if (!process.env.SKIP_PROPS) {
  await page.setViewportSize({ width: 1280, height: 1640 });
  await page.keyboard.press('Control+B');
  await item('workflows/retail/daily_orders.workflow.yaml').dblclick();
  await page.keyboard.press('Control+B');
  const designer = page.locator(
    '[data-testid="designer"][data-path="workflows/retail/daily_orders.workflow.yaml"]',
  );
  await designer.locator('[data-testid="designer-node"]').first().waitFor();
  if ((await page.getByTestId('designer-toolbar-yaml').getAttribute('aria-pressed')) === 'true')
    await page.getByTestId('designer-toolbar-yaml').click();
  const node = (n) => designer.locator(`[data-testid="designer-node"][data-name="${n}"]`);
  const clip = async (name) => {
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    await designer.screenshot({ path: `${OUT}/${name}.png` });
    console.log('saved', name);
  };
  for (const theme of ['Dark', 'Light']) {
    const t = theme.toLowerCase();
    await setTheme(theme);
    await page.getByTestId('designer-toolbar-fit').click();
    await node('sync_orders').click();
    await page.getByTestId('source-preview-button').click();
    await page
      .getByTestId('source-preview-table')
      .or(page.getByTestId('source-preview').getByRole('alert'))
      .waitFor();
    await clip(`designer-props-datasync-${t}`);
    await node('clean_orders').click();
    await clip(`designer-props-python-${t}`);
    await node('aggregate_sales').click();
    await clip(`designer-props-shell-${t}`);
    await node('notify_bi').click();
    await clip(`designer-props-app-${t}`);
    await node('clean_orders').click({ button: 'right' });
    await page.getByTestId('context-menu').waitFor();
    await clip(`designer-menu-node-${t}`);
    await page.keyboard.press('Escape');
    const box = await page.getByTestId('designer-canvas').boundingBox();
    await page.mouse.click(box.x + box.width - 120, box.y + 50, { button: 'right' });
    await page.getByTestId('context-menu').waitFor();
    await clip(`designer-menu-pane-${t}`);
    await page.keyboard.press('Escape');
    await page.mouse.click(box.x + 40, box.y + 40);
    await page.getByTestId('properties-panel').getByText('Scheduling Config').waitFor();
    await clip(`designer-settings-${t}`);
  }
}
// A reverse sync (warehouse -> the sample's crm PostgreSQL) set up in the Data Sync panel, both
// themes (designer-props-reverse-sync-<theme>.png). It edits the sample copy, so it runs last.
if (!process.env.SKIP_REVERSE) {
  await page.setViewportSize({ width: 1280, height: 1640 });
  if (!(await item('workflows/retail/daily_orders.workflow.yaml').isVisible()))
    await page.keyboard.press('Control+B');
  await item('workflows/retail/daily_orders.workflow.yaml').dblclick();
  await page.keyboard.press('Control+B');
  const designer = page.locator(
    '[data-testid="designer"][data-path="workflows/retail/daily_orders.workflow.yaml"]',
  );
  await designer.locator('[data-testid="designer-node"]').first().waitFor();
  if ((await designer.getByTestId('designer-toolbar-yaml').getAttribute('aria-pressed')) === 'true')
    await designer.getByTestId('designer-toolbar-yaml').click();
  await designer.getByTestId('designer-toolbar-fit').click();
  await designer.locator('[data-testid="designer-node"][data-name="sync_orders"]').click();
  const panel = designer.getByTestId('properties-panel');
  await panel.getByTestId('prop-target-connection').selectOption('crm');
  await panel.getByTestId('prop-target-table').fill('public.orders');
  await panel.getByTestId('prop-target-table').press('Enter');
  await panel.getByTestId('prop-source-partition').fill('${cal_dt}');
  await panel.getByTestId('prop-source-partition').press('Enter');
  for (const theme of ['Dark', 'Light']) {
    await setTheme(theme);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await designer.screenshot({ path: `${OUT}/designer-props-reverse-sync-${theme.toLowerCase()}.png` });
    console.log('saved', `designer-props-reverse-sync-${theme.toLowerCase()}`);
  }
}
await close();
process.exit(0);
