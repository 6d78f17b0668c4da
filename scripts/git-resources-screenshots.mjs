// Source Control, History/diff and Resources screenshots (run after `npm run build`):
//   node scripts/git-resources-screenshots.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openScreenshotShell } from './lib/screenshot-shell.mjs';
const OUT = path.resolve(process.env.OUT || 'docs/screenshots');
const { page, url, setTheme, close } = await openScreenshotShell({ viewport: { width: 1440, height: 860 } });
const clearToasts = async () => {
  for (const b of await page.getByRole('button', { name: 'Clear notification' }).all())
    await b.click().catch(() => {});
};
const shot = async (name) => {
  await clearToasts();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(700);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log('saved', name);
};
const bothThemes = async (name) => {
  await setTheme('Dark');
  await shot(`${name}-dark`);
  await setTheme('Light');
  await shot(`${name}-light`);
};
const edit = (rel, fn) => {
  const f = path.join(root, rel);
  writeFileSync(f, fn(readFileSync(f, 'utf8')));
};
const row = (group, p) => page.locator(`[data-testid="scm-change"][data-group="${group}"][data-path="${p}"]`);

await page.goto(url);
await page.getByTestId('welcome').waitFor();
await page.getByTestId('welcome-open-sample').click();
await page.getByTestId('explorer-tree').waitFor();
const root = await page.getByTestId('status-workspace').getAttribute('title');
await page.keyboard.press('Control+J'); // hide the bottom panel: more room for the diff

// Changes: one staged edit, one unstaged edit, one new file.
edit('scripts/clean_orders.py', (t) =>
  t.replace(
    'STATUSES = {"completed", "cancelled", "refunded"}',
    'STATUSES = {"completed", "cancelled", "refunded", "returned"}\nMAX_QTY = 10_000',
  ),
);
edit('scripts/utils/notify.sh', (t) => t + '\necho "notified BI at $(date -u +%H:%M)"\n');
writeFileSync(
  path.join(root, 'scripts/backfill_orders.sh'),
  '#!/usr/bin/env bash\nset -euo pipefail\nfor d in "$@"; do bdp run daily_orders --date "$d"; done\n',
);
await page.keyboard.press('Control+Shift+G');
await row('changes', 'scripts/clean_orders.py').waitFor();
await row('changes', 'scripts/clean_orders.py').hover();
await row('changes', 'scripts/clean_orders.py').getByTestId('scm-stage').click();
await row('staged', 'scripts/clean_orders.py').click();
await page.locator('[data-testid="diff-editor"] .editor.modified .view-lines').waitFor();
await page.getByTestId('scm-message').fill('Accept returned orders and cap the quantity');
await bothThemes('git-scm');

// Branch picker in the status bar, then Create Branch with a live validation message. The
// Source Control activity icon carries the change count badge in both.
for (const theme of ['Dark', 'Light']) {
  await setTheme(theme);
  await clearToasts();
  await page.getByTestId('status-branch').click();
  await page.getByTestId('context-menu').waitFor();
  await page.getByTestId('context-menu').getByText('Create New Branch…').hover();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${OUT}/git-branch-picker-${theme.toLowerCase()}.png` });
  console.log('saved', `git-branch-picker-${theme.toLowerCase()}`);
  await page.getByTestId('context-menu').getByText('Create New Branch…').click();
  await page.getByTestId('git-branch-name').pressSequentially('feature/returns..v2');
  await shot(`git-create-branch-${theme.toLowerCase()}`);
  await page.keyboard.press('Escape');
}

// Commit (answering the one-time author question), then the file's History with a commit's diff.
await page.getByTestId('scm-message').press('Control+Enter');
await page.getByTestId('git-author-name').fill('Dana Developer');
await page.getByTestId('git-author-email').fill('dana@example.com');
await page.getByTestId('git-author-save').click();
await row('staged', 'scripts/clean_orders.py').waitFor({ state: 'detached' });
await page.keyboard.press('Control+Shift+E');
for (const p of ['scripts']) {
  const it = page.locator(`[data-testid="tree-item"][data-path="${p}"]`);
  if ((await it.getAttribute('aria-expanded')) !== 'true') await it.click();
}
await page
  .locator('[data-testid="tree-item"][data-path="scripts/clean_orders.py"]')
  .click({ button: 'right' });
await page
  .getByTestId('context-menu')
  .getByRole('menuitem', { name: 'Open File History', exact: true })
  .click();
await page.getByTestId('history-commit').nth(1).waitFor();
await page.getByTestId('history-commit').first().click();
await page.locator('[data-testid="history-view"] .editor.modified .line-insert').first().waitFor();
await bothThemes('git-history');

// Resources: V1.0.0 and V1.0.1 of clean_orders, V1.0.0 pinned by daily_orders.
await page.getByTestId('activity-resources').click();
await page.locator('[data-testid="resource-item"][data-name="clean_orders"]').click();
const newVersion = async (description, commitMessage) => {
  await page.getByTestId('resource-new-version').click();
  await page.getByTestId('new-version-description').fill(description);
  if (commitMessage) await page.getByTestId('new-version-commit-message').fill(commitMessage);
  await page.getByTestId('new-version-submit').click();
  await page.getByTestId('new-version-dialog').waitFor({ state: 'detached' });
};
await newVersion('First cut for the daily gate');
edit('scripts/clean_orders.py', (t) => t.replace('MAX_QTY = 10_000', 'MAX_QTY = 50_000'));
await page.locator('[data-testid="resource-source-state"][data-state="modified"]').waitFor();
await newVersion('Higher quantity cap for the holiday peak', 'Raise the quantity cap');
edit('workflows/retail/daily_orders.workflow.yaml', (t) =>
  t.replace(
    / {4}script: scripts\/clean_orders\.py[^\n]*\n/,
    '    resource: { name: clean_orders, version: V1.0.0 }\n',
  ),
);
await page
  .locator('[data-testid="resource-version-row"][data-version="V1.0.0"] [data-testid="resource-reference"]')
  .waitFor();
await bothThemes('resources');

// New Version of a source with uncommitted changes: the dialog offers to commit it first.
edit('scripts/clean_orders.py', (t) => t.replace('MAX_QTY = 50_000', 'MAX_QTY = 80_000'));
await page.locator('[data-testid="resource-source-state"][data-state="modified"]').waitFor();
await page.getByTestId('resource-new-version').click();
await page.getByTestId('new-version-dirty').waitFor();
await page.getByTestId('new-version-description').fill('Holiday peak, second pass');
await bothThemes('resources-new-version');
await page.keyboard.press('Escape');

await close();
process.exit(0);
