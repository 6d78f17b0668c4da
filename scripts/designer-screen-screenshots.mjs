// The designer at the default window sizes (run after `npm run build`):
// node scripts/designer-screen-screenshots.mjs -> docs/screenshots/designer-screen-<width>-<theme>.png
import path from 'node:path';
import { openScreenshotShell } from './lib/screenshot-shell.mjs';

const OUT = path.resolve('docs/screenshots');
for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
]) {
  const { page, url, setTheme, close } = await openScreenshotShell({ viewport });
  await page.goto(url);
  await page.getByTestId('welcome-open-sample').click();
  await page.getByTestId('explorer-tree').waitFor();
  await page.keyboard.press('Control+P');
  await page.getByTestId('command-palette-input').fill('daily_orders.workflow');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="designer"][data-ready="true"]').waitFor();
  await page.locator('[data-testid="designer-node"][data-name="clean_orders"]').click();
  await page.mouse.move(0, 0);
  for (const theme of ['Dark', 'Light']) {
    await setTheme(theme);
    await page.waitForTimeout(500);
    const name = `designer-screen-${viewport.width}-${theme.toLowerCase()}`;
    await page.screenshot({ path: `${OUT}/${name}.png` });
    console.log('saved', name);
  }
  await close();
}
