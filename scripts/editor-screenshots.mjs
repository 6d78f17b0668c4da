// Editor screenshots (run after `npm run build`): node scripts/editor-screenshots.mjs -> docs/screenshots/editor-*.png
import path from 'node:path';
import { openScreenshotShell } from './lib/screenshot-shell.mjs';
const OUT = path.resolve('docs/screenshots');
const { page, url, setTheme, close } = await openScreenshotShell();
const shot = async (name) => {
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log('saved', name);
};
const item = (p) => page.locator(`[data-testid="tree-item"][data-path="${p}"]`);
const editor = (p) => page.locator(`[data-testid="editor"][data-path="${p}"]`);
const goToLine = async (p, n) => {
  await editor(p).locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(n));
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
};
const hover = async (p, text) => {
  const token = editor(p).locator('.view-lines .view-line span span', { hasText: text }).first();
  await token.waitFor();
  // A theme change re-renders the tokens: the span found can be detached before it is measured.
  let box = await token.boundingBox();
  for (let i = 0; !box && i < 10; i++) box = await page.waitForTimeout(100).then(() => token.boundingBox());
  const content = (await token.textContent()).replace(/\u00a0/g, ' ');
  const cw = box.width / content.length;
  await page.mouse.move(box.x + (content.indexOf(text) + 3) * cw, box.y + box.height / 2);
  await page.locator('.monaco-hover').filter({ hasText: '=' }).first().waitFor();
};

await page.goto(url);
await page.getByTestId('welcome-open-sample').click();
await page.getByTestId('explorer-tree').waitFor();
await page.getByTestId('status-problems').click();
for (const p of ['scripts', 'workflows', 'workflows/retail'])
  if ((await item(p).getAttribute('aria-expanded')) !== 'true') await item(p).click();

const PY = 'scripts/clean_orders.py';
await item(PY).dblclick();
await editor(PY).waitFor();
await goToLine(PY, 49);
await hover(PY, '${cal_dt}');
await shot('editor-dark');
await setTheme('Light');
await hover(PY, '${cal_dt}');
await shot('editor-python-light');

const HQL = 'scripts/aggregate_sales.hql';
await item(HQL).dblclick();
await editor(HQL).waitFor();
await hover(HQL, '${env.YYYYMMDD}');
await shot('editor-light');
await setTheme('Dark');
await hover(HQL, '${env.YYYYMMDD}');
await shot('editor-hql-dark');

// ${ completion in the python file.
await item(PY).dblclick();
await editor(PY).waitFor();
await goToLine(PY, 50);
await page.keyboard.press('End');
await page.keyboard.press('Enter');
await page.keyboard.type('# dt = ${');
await page.locator('.suggest-widget.visible').waitFor();
await shot('editor-completion-dark');
await page.keyboard.press('Escape');

// Live validation: an invalid cycle typed (not saved) is underlined before any save.
const WF = 'workflows/retail/daily_orders.workflow.yaml';
await item(WF).dblclick();
await editor(WF).waitFor();
await goToLine(WF, 11);
await page.keyboard.press('End');
await page.keyboard.press('Backspace');
await page.keyboard.type('X');
await editor(WF).locator('.squiggly-error').first().waitFor();
const squiggle = await editor(WF).locator('.squiggly-error').first().boundingBox();
await page.mouse.move(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2);
await page.locator('.monaco-hover').first().waitFor();
await shot('editor-yaml-error-dark');
await close();
