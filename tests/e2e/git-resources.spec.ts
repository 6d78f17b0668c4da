import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { WorkbenchPage } from './pages/workbench';

const SCRIPT = 'scripts/clean_orders.py';
const MARKER = '# Rows with a negative quantity are rejected upstream.';

// Real git, Monaco and several file round trips per test: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

const scmRow = (page: Page, group: 'staged' | 'changes', file: string) =>
  page.locator(`[data-testid="scm-change"][data-group="${group}"][data-path="${file}"]`);

test('source control: edit, stage, commit, history, side-by-side diff, restore', async ({ workbench: page }) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();

  // The sample arrives as a git repository with a first commit, on main.
  await expect(page.getByTestId('status-branch')).toHaveAttribute('data-branch', 'main');
  await expect(wb.treeItem('scripts')).not.toHaveAttribute('data-git', /./);

  // Edit and save a script.
  await wb.openFile(SCRIPT);
  await wb.focusEditor(SCRIPT);
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type(`${MARKER}\n`);
  await page.keyboard.press('ControlOrMeta+S');
  await expect(wb.tab(SCRIPT)).not.toHaveAttribute('data-dirty', 'true');

  // Explorer decoration: M on the file, the folder coloured too.
  await expect(wb.treeItem(SCRIPT)).toHaveAttribute('data-git', 'M');
  await expect(wb.treeItem(SCRIPT).getByTestId('tree-git-letter')).toHaveText('M');
  await expect(wb.treeItem('scripts')).toHaveAttribute('data-git', 'M');

  // Source Control (Ctrl/Cmd+Shift+G) lists it under Changes; stage it.
  await page.keyboard.press('ControlOrMeta+Shift+G');
  await expect(page.getByTestId('scm-view')).toBeVisible();
  await expect(scmRow(page, 'changes', SCRIPT)).toHaveAttribute('data-letter', 'M');
  await scmRow(page, 'changes', SCRIPT).hover();
  await scmRow(page, 'changes', SCRIPT).getByTestId('scm-stage').click();
  await expect(scmRow(page, 'staged', SCRIPT)).toBeVisible();
  await expect(scmRow(page, 'changes', SCRIPT)).toHaveCount(0);

  // Clicking a change opens its diff against HEAD.
  await scmRow(page, 'staged', SCRIPT).click();
  const stagedDiff = page.locator(`[data-testid="diff-editor"][data-path="${SCRIPT}"]`);
  await expect(stagedDiff).toHaveAttribute('data-left', 'HEAD');
  await expect(stagedDiff).toHaveAttribute('data-right', 'INDEX');
  await expect(stagedDiff.locator('.editor.modified .view-lines')).toContainText('negative quantity');

  // Commit with Ctrl/Cmd+Enter; no author in Settings yet, so it asks once.
  await page.getByTestId('scm-message').fill('Document the negative quantity rule');
  await page.getByTestId('scm-message').press('ControlOrMeta+Enter');
  await expect(page.getByTestId('git-author-dialog')).toBeVisible();
  await page.getByTestId('git-author-name').fill('Dana Developer');
  await page.getByTestId('git-author-email').fill('dana@example.com');
  await page.getByTestId('git-author-save').click();
  await expect(page.getByTestId('scm-change')).toHaveCount(0);
  await expect(page.getByTestId('scm-message')).toHaveValue('');
  await page.keyboard.press('ControlOrMeta+Shift+E');
  await expect(wb.treeItem(SCRIPT)).not.toHaveAttribute('data-git', /./);

  // History of the file (command palette on the active editor): both commits, newest first.
  await wb.tab(SCRIPT).click();
  await wb.runCommand('Open File History');
  const history = page.getByTestId('history-view');
  await expect(history).toBeVisible();
  const commits = history.getByTestId('history-commit');
  await expect(commits).toHaveCount(2);
  await expect(commits.nth(0)).toContainText('Document the negative quantity rule');
  await expect(commits.nth(0)).toContainText('Dana Developer');
  await expect(commits.nth(1)).toContainText('Sample workspace');
  const [newest, oldest] = [await commits.nth(0).getAttribute('data-oid'), await commits.nth(1).getAttribute('data-oid')];

  // Diff between the two versions, side by side.
  await commits.nth(0).click();
  const diff = history.getByTestId('diff-editor');
  await expect(diff).toHaveAttribute('data-left', oldest!);
  await expect(diff).toHaveAttribute('data-right', newest!);
  await expect(diff.locator('.monaco-diff-editor.side-by-side')).toBeVisible();
  await expect(diff.locator('.editor.original .view-lines')).not.toContainText('negative quantity');
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('negative quantity');
  await expect(diff.locator('.editor.modified .line-insert').first()).toBeVisible();

  // Restore the old version: confirmed, then the file is modified again and the editor follows.
  await commits.nth(1).hover();
  await commits.nth(1).getByTestId('history-restore').click();
  await expect(page.getByTestId('restore-dialog')).toContainText(oldest!.slice(0, 7));
  await page.getByTestId('restore-confirm').click();
  await expect(page.getByTestId('restore-dialog')).toBeHidden();
  await expect(wb.treeItem(SCRIPT)).toHaveAttribute('data-git', 'M');
  await page.keyboard.press('ControlOrMeta+Shift+G');
  await expect(scmRow(page, 'changes', SCRIPT)).toHaveAttribute('data-letter', 'M');
  await wb.tab(SCRIPT).click();
  await expect(wb.editorLines(SCRIPT)).not.toContainText('negative quantity');
  const root = await wb.workspaceRoot();
  expect(await readFile(path.join(root, SCRIPT), 'utf8')).not.toContain(MARKER);

  // Branches: switching is refused while the restore is uncommitted; discard (confirmed), then switch.
  execFileSync('git', ['branch', 'feature'], { cwd: root });
  const switchTo = async (branch: string) => {
    await page.getByTestId('status-branch').click();
    await page.getByTestId('context-menu').getByRole('menuitem', { name: branch }).click();
  };
  await switchTo('feature');
  await expect(page.getByTestId('toast').filter({ hasText: 'commit or discard your changes' })).toBeVisible();
  await expect(page.getByTestId('status-branch')).toHaveAttribute('data-branch', 'main');
  await scmRow(page, 'changes', SCRIPT).hover();
  await scmRow(page, 'changes', SCRIPT).getByTestId('scm-discard').click();
  await expect(page.getByTestId('discard-dialog')).toContainText(SCRIPT);
  await page.getByTestId('discard-confirm').click();
  await expect(page.getByTestId('scm-change')).toHaveCount(0);
  expect(await readFile(path.join(root, SCRIPT), 'utf8')).toContain(MARKER);
  await switchTo('feature');
  await expect(page.getByTestId('status-branch')).toHaveAttribute('data-branch', 'feature');
});

test('resources: register a script, cut versions from commits, see which tasks use which version', async ({ workbench: page }) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();

  // Register another sample script from the explorer's context menu.
  await wb.revealInTree('scripts/weekly_report.py');
  await wb.treeContextMenu('scripts/weekly_report.py', 'Register as Resource…');
  const register = page.getByTestId('register-resource-dialog');
  await expect(page.getByTestId('register-resource-name')).toHaveValue('weekly_report');
  await page.getByTestId('register-resource-name').fill('clean_orders');
  await expect(register).toContainText('already exists');
  await expect(page.getByTestId('register-resource-submit')).toBeDisabled();
  await page.getByTestId('register-resource-name').fill('weekly_report');
  await page.getByTestId('register-resource-submit').click();
  await expect(register).toBeHidden();
  const editor = page.locator('[data-testid="resource-editor"][data-name="weekly_report"]');
  await expect(editor).toBeVisible();
  await expect(editor.getByTestId('resource-source-state')).toHaveAttribute('data-state', 'committed');

  // The Resources tree lists it beside the sample's own resources.
  await page.getByTestId('activity-resources').click();
  await expect(page.locator('[data-testid="resource-item"][data-name="weekly_report"]')).toBeVisible();
  await page.locator('[data-testid="resource-item"][data-name="clean_orders"]').click();
  const detail = page.locator('[data-testid="resource-editor"][data-name="clean_orders"]');
  await expect(detail).toBeVisible();

  // V1.0.0 from the committed script; a bad version string is refused in the dialog.
  await detail.getByTestId('resource-new-version').click();
  await expect(page.getByTestId('new-version-version')).toHaveValue('V1.0.0');
  await page.getByTestId('new-version-version').fill('v1.0');
  await expect(page.getByTestId('new-version-version-error')).toBeVisible();
  await page.getByTestId('new-version-version').fill('V1.0.0');
  await page.getByTestId('new-version-description').fill('first cut');
  await expect(page.getByTestId('new-version-submit')).toHaveText('Create Version');
  await page.getByTestId('new-version-submit').click();
  await expect(page.getByTestId('new-version-dialog')).toBeHidden();
  await expect(detail.locator('[data-testid="resource-version-row"][data-version="V1.0.0"]')).toBeVisible();

  // Change the script without committing: the next version offers to commit it first.
  const script = path.join(root, SCRIPT);
  await writeFile(script, (await readFile(script, 'utf8')) + '\n# tuned thresholds\n');
  await expect(detail.getByTestId('resource-source-state')).toHaveAttribute('data-state', 'modified');
  await detail.getByTestId('resource-new-version').click();
  await expect(page.getByTestId('new-version-version')).toHaveValue('V1.0.1');
  await expect(page.getByTestId('new-version-dirty')).toBeVisible();
  await expect(page.getByTestId('new-version-submit')).toHaveText('Commit and Create Version');
  await page.getByTestId('new-version-commit-message').fill('Tune clean_orders thresholds');
  await page.getByTestId('new-version-submit').click();
  // No git author in Settings yet: asked once.
  await page.getByTestId('git-author-name').fill('Dana Developer');
  await page.getByTestId('git-author-email').fill('dana@example.com');
  await page.getByTestId('git-author-save').click();
  await expect(page.getByTestId('new-version-dialog')).toBeHidden();
  await expect(detail.locator('[data-testid="resource-version-row"][data-version="V1.0.1"]')).toBeVisible();
  await expect(detail.getByTestId('resource-source-state')).toHaveAttribute('data-state', 'committed');

  // A workflow task pins V1.0.0 (edited on disk, as any editor would).
  const workflow = path.join(root, 'workflows/retail/daily_orders.workflow.yaml');
  const text = await readFile(workflow, 'utf8');
  await writeFile(workflow, text.replace(/ {4}script: scripts\/clean_orders\.py[^\n]*\n/, '    resource: { name: clean_orders, version: V1.0.0 }\n'));

  // References: V1.0.0 used by daily_orders › clean_orders, V1.0.1 unused; the used one cannot be deleted.
  const v100 = detail.locator('[data-testid="resource-version-row"][data-version="V1.0.0"]');
  const v101 = detail.locator('[data-testid="resource-version-row"][data-version="V1.0.1"]');
  await expect(v100.getByTestId('resource-version-used')).toContainText('daily_orders › clean_orders');
  await expect(v101.getByTestId('resource-version-used')).toHaveText('unused');
  await expect(v100.getByTestId('resource-delete-version')).toBeDisabled();
  await expect(detail.getByTestId('resource-references')).toContainText('daily_orders › clean_orders');
  await expect(detail.getByTestId('resource-delete')).toBeDisabled();

  // The tree shows the same with badges.
  const badge = (version: string) =>
    page.locator(`[data-testid="resource-version-item"][data-name="clean_orders"][data-version="${version}"] [data-testid="resource-used-badge"]`);
  await expect(badge('V1.0.0')).toHaveText('used by 1 task');
  await expect(badge('V1.0.1')).toHaveText('unused');

  // View V1.0.0's content: read from git at its commit, sha256 verified, without the later edit.
  await v100.getByTestId('resource-view').click();
  const content = page.locator('[data-testid="resource-content"][data-version="V1.0.0"]');
  await expect(content.getByTestId('resource-content-verified')).toBeVisible();
  await expect(content.locator('.view-lines')).toContainText('def check_row');
  await expect(content.locator('.view-lines')).not.toContainText('tuned thresholds');

  // The unused V1.0.1 can be deleted, after confirmation.
  await page.locator('[data-testid="editor-tab"][data-path="bdp:/resource/clean_orders"]').click();
  await v101.getByTestId('resource-delete-version').click();
  await page.getByTestId('delete-resource-confirm').click();
  await expect(v101).toHaveCount(0);
  expect(await readFile(path.join(root, 'resources/clean_orders.resource.yaml'), 'utf8')).not.toContain('V1.0.1');
});

test('the conflict bar compares the version on disk with the unsaved buffer', async ({ workbench: page }) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  const file = 'scripts/weekly_report.py';
  await wb.openFile(file);
  await wb.focusEditor(file);
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('# my unsaved note\n');
  await expect(wb.tab(file)).toHaveAttribute('data-dirty', 'true');
  await writeFile(path.join(root, file), '# changed by another program\n' + (await readFile(path.join(root, file), 'utf8')));
  await expect(wb.conflictBar()).toBeVisible();
  await page.getByTestId('conflict-compare').click();
  const diff = page.locator(`[data-testid="diff-editor"][data-path="${file}"]`);
  await expect(diff).toHaveAttribute('data-left', 'DISK');
  await expect(diff).toHaveAttribute('data-right', 'BUFFER');
  await expect(diff.locator('.editor.original .view-lines')).toContainText('changed by another program');
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('my unsaved note');
  await expect(page.locator('[data-testid="editor-tab"][data-path^="bdp:/diff/DISK/BUFFER/"]')).toContainText('weekly_report.py (On Disk ↔ Unsaved)');
});
