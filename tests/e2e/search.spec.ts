import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { WorkbenchPage } from './pages/workbench';

const HQL = 'scripts/aggregate_sales.hql';

/** Occurrences of `token` per workspace file, read from disk: the oracle the view must agree with. */
async function occurrences(
  root: string,
  token: string | RegExp,
  ignoreCase = false,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const abs = path.join(entry.parentPath, entry.name);
    const relative = path.relative(root, abs).split(path.sep).join('/');
    if (!entry.isFile() || /^(\.git|\.bdp|node_modules)\//.test(relative)) continue;
    const text = await readFile(abs, 'utf8');
    const n =
      typeof token !== 'string'
        ? (text.match(token) ?? []).length
        : (ignoreCase ? text.toLowerCase().split(token.toLowerCase()) : text.split(token)).length - 1;
    if (n > 0) found.set(relative, n);
  }
  return found;
}
const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

test('Find in Files: Ctrl+Shift+F, case / word / regex, include and exclude, a result opens the file at its line', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  const hql = await readFile(path.join(root, HQL), 'utf8');
  const lines = hql.split('\n');

  await page.keyboard.press('Control+Shift+F');
  const input = page.getByTestId('search-input');
  await expect(input).toBeFocused();
  await input.fill('sales_daily');
  const files = page.getByTestId('search-file');
  const onDisk = await occurrences(root, 'sales_daily');
  await expect(files).toHaveCount(onDisk.size);
  await expect(page.getByTestId('search-summary')).toHaveText(
    `${sum(onDisk)} results in ${onDisk.size} files`,
  );
  const hqlMatches = page.locator(
    `[data-testid="search-file"][data-path="${HQL}"] [data-testid="search-match"]`,
  );
  const expectedLines = lines.flatMap((l, i) => (l.includes('sales_daily') ? [i + 1] : []));
  await expect(hqlMatches).toHaveCount(expectedLines.length);
  await expect(hqlMatches.first().locator('mark')).toHaveText('sales_daily');

  // A match opens its file with the cursor on its line.
  await hqlMatches.nth(1).click();
  await expect(wb.editor(HQL)).toHaveAttribute('data-cursor-line', String(expectedLines[1]));
  // The keyboard stays in the results (a double click or Enter moves it to the editor).
  await expect(hqlMatches.nth(1)).toBeFocused();
  // Arrow keys walk the matches, each shown in the editor.
  await page.keyboard.press('ArrowUp');
  await expect(hqlMatches.nth(0)).toBeFocused();
  await expect(wb.editor(HQL)).toHaveAttribute('data-cursor-line', String(expectedLines[0]));
  await page.keyboard.press('ArrowDown');
  await expect(hqlMatches.nth(1)).toBeFocused();
  // …with the match selected, as the status bar says.
  await expect(page.getByTestId('status-cursor')).toHaveText(
    `Ln ${expectedLines[1]}, Col ${lines[expectedLines[1] - 1].indexOf('sales_daily') + 12} (11 selected)`,
  );

  // Case: ignored unless asked for.
  await input.fill('COUNT(DISTINCT');
  const upper = await occurrences(root, 'COUNT(DISTINCT');
  expect(upper.size).toBeGreaterThan(0);
  await expect(files).toHaveCount((await occurrences(root, 'COUNT(DISTINCT', true)).size);
  await page.getByTestId('search-matchCase').click();
  await expect(files).toHaveCount(upper.size);
  await input.fill('Count(Distinct');
  await expect(page.getByTestId('search-summary')).toHaveText('No results found.');
  await page.getByTestId('search-matchCase').click();

  // Whole word: "orders" as a word, not inside "daily_orders" or "orders_2026…".
  await input.fill('orders');
  const anyWhere = await occurrences(root, 'orders', true);
  const resultsText = (m: Map<string, number>) =>
    `${sum(m).toLocaleString('en-US')} results in ${m.size} files`;
  await expect(page.getByTestId('search-summary')).toHaveText(resultsText(anyWhere));
  await page.getByTestId('search-wholeWord').click();
  const asWord = await occurrences(root, /\borders\b/gi);
  expect(sum(asWord)).toBeLessThan(sum(anyWhere));
  await expect(page.getByTestId('search-summary')).toHaveText(resultsText(asWord));
  await page.getByTestId('search-wholeWord').click();

  // A regular expression, and a broken one explained.
  await page.getByTestId('search-isRegex').click();
  await input.fill('\\$\\{env\\.(DB|TARGET_DB)\\}');
  const [db, targetDb] = [await occurrences(root, '${env.DB}'), await occurrences(root, '${env.TARGET_DB}')];
  const inFiles = new Set([...db.keys(), ...targetDb.keys()]).size;
  await expect(page.getByTestId('search-summary')).toHaveText(
    `${sum(db) + sum(targetDb)} results in ${inFiles} file${inFiles === 1 ? '' : 's'}`,
  );
  await expect(page.getByTestId('search-match').first().locator('mark')).toHaveText(
    /^\$\{env\.(DB|TARGET_DB)\}$/,
  );
  await input.fill('(unclosed');
  await expect(page.getByTestId('search-summary')).toContainText('not a valid regular expression');
  await page.getByTestId('search-isRegex').click();

  // Include and exclude globs.
  await input.fill('cal_dt');
  await page.getByTestId('search-details').click();
  await page.getByTestId('search-include').fill('*.py, scripts/**');
  await expect(files).not.toHaveCount(0);
  await expect
    .poll(async () =>
      (await files.evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).every((p) =>
        p!.startsWith('scripts/'),
      ),
    )
    .toBe(true);
  await page.getByTestId('search-include').fill('');
  await page.getByTestId('search-exclude').fill('workflows, *.md');
  await expect
    .poll(async () =>
      (await files.evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).some(
        (p) => p!.startsWith('workflows/') || p!.endsWith('.md'),
      ),
    )
    .toBe(false);
  await expect(files).not.toHaveCount(0);
});

test('Replace in Files: a preview of each change, a confirmation, files saved; unsaved editors are left alone', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  const target = path.join(root, HQL);
  const before = await readFile(target, 'utf8');
  const onDisk = await occurrences(root, 'TARGET_DB');
  expect(onDisk.get(HQL)).toBeGreaterThan(1);
  // A second file with the token, open with unsaved edits: it must not be rewritten under the editor.
  await writeFile(path.join(root, 'scripts/extra.sql'), 'select 1 -- TARGET_DB\n');
  await wb.openFile('scripts/extra.sql');
  await wb.focusEditor('scripts/extra.sql');
  await page.keyboard.press('End');
  await page.keyboard.type(' edited');
  await expect(wb.tab('scripts/extra.sql')).toHaveAttribute('data-dirty', 'true');

  await page.keyboard.press('Control+Shift+F');
  await page.getByTestId('search-input').fill('TARGET_DB');
  await expect(page.getByTestId('search-file')).toHaveCount(onDisk.size + 1);
  await page.getByRole('button', { name: 'Toggle Replace' }).click();
  await page.getByTestId('search-replace-input').fill('MART_DB');
  // The preview: the old text struck through, the new beside it.
  const first = page
    .locator(`[data-testid="search-file"][data-path="${HQL}"] [data-testid="search-match"]`)
    .first();
  await expect(first.locator('del')).toHaveText('TARGET_DB');
  await expect(first.locator('ins')).toHaveText('MART_DB');
  expect(await readFile(target, 'utf8')).toBe(before);

  await page.getByTestId('search-replace-all').click();
  const confirm = page.getByTestId('search-replace-confirm');
  await expect(confirm).toContainText(
    `Replace ${sum(onDisk)} occurrences across ${onDisk.size} file${onDisk.size === 1 ? '' : 's'} with “MART_DB”?`,
  );
  await expect(confirm).toContainText('1 file with unsaved changes will be left alone.');
  await page.getByTestId('search-replace-confirm-button').click();
  await expect.poll(() => readFile(target, 'utf8')).toBe(before.replaceAll('TARGET_DB', 'MART_DB'));
  for (const file of onDisk.keys())
    expect(await readFile(path.join(root, file), 'utf8')).not.toContain('TARGET_DB');
  expect(await readFile(path.join(root, 'scripts/extra.sql'), 'utf8')).toBe('select 1 -- TARGET_DB\n');
  // Searched again: only the unsaved file still has it.
  await expect(page.getByTestId('search-file')).toHaveCount(1);
  await expect(page.getByTestId('search-file')).toHaveAttribute('data-path', 'scripts/extra.sql');
});
