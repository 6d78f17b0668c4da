// Find in Files screenshots (run after `npm run build`): node scripts/search-screenshots.mjs -> docs/screenshots/search-*.png
import path from 'node:path';
import { openScreenshotShell } from './lib/screenshot-shell.mjs';

const OUT = path.resolve('docs/screenshots');
for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  const { page, url, setTheme, close } = await openScreenshotShell({ viewport });
  await page.goto(url);
  await page.getByTestId('welcome-open-sample').click();
  await page.getByTestId('explorer-tree').waitFor();
  await page.keyboard.press('Control+Shift+F');
  await page.getByTestId('search-input').fill('sales_daily');
  await page.getByTestId('search-match').first().waitFor();
  await page.getByTestId('search-match').nth(2).click();
  await page.getByRole('button', { name: 'Toggle Replace' }).click();
  await page.getByTestId('search-replace-input').fill('sales_by_day');
  await page.getByTestId('search-details').click();
  await page.getByTestId('search-include').fill('scripts, *.yaml');
  await page.getByTestId('search-match').first().waitFor();
  for (const theme of ['Dark', 'Light']) {
    await setTheme(theme);
    await page.waitForTimeout(400);
    const name = `search-${viewport.width}-${theme.toLowerCase()}`;
    await page.screenshot({ path: `${OUT}/${name}.png` });
    console.log('saved', name);
  }
  await close();
}
