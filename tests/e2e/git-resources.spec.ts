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

test('source control: edit, stage, commit, history, side-by-side diff, restore', async ({
  workbench: page,
}) => {
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
  // A tree, as in VS Code: the group, then its files; each row's buttons name their file.
  await expect(
    page.getByRole('tree', { name: 'Changes' }).getByRole('treeitem', { name: new RegExp(`^${SCRIPT}, `) }),
  ).toBeVisible();
  await scmRow(page, 'changes', SCRIPT).hover();
  await page.getByRole('button', { name: `Stage ${SCRIPT}`, exact: true }).click();
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
  const [newest, oldest] = [
    await commits.nth(0).getAttribute('data-oid'),
    await commits.nth(1).getAttribute('data-oid'),
  ];

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

test('resources: register a script, cut versions from commits, see which tasks use which version', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();

  // Register a newly committed script from the explorer's context menu.
  await writeFile(path.join(root, 'scripts/export_kpis.sh'), 'echo "export ${1:?date}"\n');
  execFileSync(
    'git',
    ['-c', 'user.name=Dana', '-c', 'user.email=dana@example.com', 'add', 'scripts/export_kpis.sh'],
    { cwd: root },
  );
  execFileSync(
    'git',
    ['-c', 'user.name=Dana', '-c', 'user.email=dana@example.com', 'commit', '-q', '-m', 'Add export_kpis'],
    { cwd: root },
  );
  await wb.revealInTree('scripts/export_kpis.sh');
  await wb.treeContextMenu('scripts/export_kpis.sh', 'Register as Resource…');
  const register = page.getByTestId('register-resource-dialog');
  await expect(page.getByTestId('register-resource-name')).toHaveValue('export_kpis');
  await page.getByTestId('register-resource-name').fill('clean_orders');
  await expect(register).toContainText('already exists');
  await expect(page.getByTestId('register-resource-submit')).toBeDisabled();
  await page.getByTestId('register-resource-name').fill('export_kpis');
  await page.getByTestId('register-resource-submit').click();
  await expect(register).toBeHidden();
  const editor = page.locator('[data-testid="resource-editor"][data-name="export_kpis"]');
  await expect(editor).toBeVisible();
  await expect(editor.getByTestId('resource-source-state')).toHaveAttribute('data-state', 'committed');

  // The Resources tree lists it beside the sample's own resources.
  await page.getByTestId('activity-resources').click();
  await expect(page.locator('[data-testid="resource-item"][data-name="export_kpis"]')).toBeVisible();
  await page.locator('[data-testid="resource-item"][data-name="clean_orders"]').click();
  const detail = page.locator('[data-testid="resource-editor"][data-name="clean_orders"]');
  await expect(detail).toBeVisible();

  // The sample cut V1.0.0 from its first commit; the next one proposed is V1.0.1, a taken or bad string is refused.
  await expect(detail.locator('[data-testid="resource-version-row"][data-version="V1.0.0"]')).toBeVisible();
  await detail.getByTestId('resource-new-version').click();
  await expect(page.getByTestId('new-version-version')).toHaveValue('V1.0.1');
  await page.getByTestId('new-version-version').fill('v1.0');
  await expect(page.getByTestId('new-version-version-error')).toBeVisible();
  await expect(page.getByTestId('new-version-submit')).toHaveText('Create Version');
  await page.getByTestId('new-version-dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('new-version-dialog')).toBeHidden();

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

  // The sample's daily_orders › clean_orders pins V1.0.0.
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
    page.locator(
      `[data-testid="resource-version-item"][data-name="clean_orders"][data-version="${version}"] [data-testid="resource-used-badge"]`,
    );
  await expect(badge('V1.0.0')).toHaveText('used by 1 task');
  await expect(badge('V1.0.1')).toHaveText('unused');

  // View V1.0.0's content: read from git at its commit, sha256 verified, without the later edit.
  await v100.getByTestId('resource-view').click();
  const content = page.locator('[data-testid="resource-content"][data-version="V1.0.0"]');
  await expect(content.getByTestId('resource-content-verified')).toBeVisible();
  await expect(content.locator('.view-lines')).toContainText('def main');
  await expect(content.locator('.view-lines')).not.toContainText('tuned thresholds');

  // The unused V1.0.1 can be deleted, after confirmation.
  await page.locator('[data-testid="editor-tab"][data-path="bdp:/resource/clean_orders"]').click();
  await v101.getByTestId('resource-delete-version').click();
  await page.getByTestId('delete-resource-confirm').click();
  await expect(v101).toHaveCount(0);
  expect(await readFile(path.join(root, 'resources/clean_orders.resource.yaml'), 'utf8')).not.toContain(
    'V1.0.1',
  );
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
  await writeFile(
    path.join(root, file),
    '# changed by another program\n' + (await readFile(path.join(root, file), 'utf8')),
  );
  await expect(wb.conflictBar()).toBeVisible();
  await page.getByTestId('conflict-compare').click();
  const diff = page.locator(`[data-testid="diff-editor"][data-path="${file}"]`);
  await expect(diff).toHaveAttribute('data-left', 'DISK');
  await expect(diff).toHaveAttribute('data-right', 'BUFFER');
  await expect(diff.locator('.editor.original .view-lines')).toContainText('changed by another program');
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('my unsaved note');
  await expect(page.locator('[data-testid="editor-tab"][data-path^="bdp:/diff/DISK/BUFFER/"]')).toContainText(
    'weekly_report.py (On Disk ↔ Unsaved)',
  );
});

test('branch picker: create a branch from HEAD with name validation; the Source Control badge counts changes', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  const badge = page.getByTestId('activity-scm-badge');
  await expect(page.getByTestId('status-branch')).toHaveAttribute('data-branch', 'main');
  await expect(badge).toHaveCount(0);

  // The badge follows files changed by any program: one modified, one new file.
  const script = path.join(root, SCRIPT);
  await writeFile(script, (await readFile(script, 'utf8')) + '\n# wip on a branch\n');
  await expect(badge).toHaveText('1');
  await writeFile(path.join(root, 'scripts/new_step.sh'), 'echo new\n');
  await expect(badge).toHaveText('2');

  // Status-bar branch picker → Create New Branch…; git's ref rules are checked while typing.
  await page.getByTestId('status-branch').click();
  await page.getByTestId('context-menu').getByText('Create New Branch…').click();
  const dialog = page.getByTestId('git-create-branch-dialog');
  const input = page.getByTestId('git-branch-name');
  const message = page.getByTestId('git-branch-name-message');
  await expect(input).toBeFocused();
  await expect(message).toContainText('Created from main');
  await input.fill('feature..x');
  await expect(message).toHaveText('A branch name cannot contain "..".');
  await expect(page.getByTestId('git-create-branch-submit')).toBeDisabled();
  await input.fill('topic.lock');
  await expect(message).toContainText('".lock"');
  await input.fill('main');
  await expect(message).toHaveText('A branch named "main" already exists.');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  // Spaces typed become dashes, as in VS Code.
  await input.fill('');
  await input.pressSequentially('feature/weekly report');
  await expect(input).toHaveValue('feature/weekly-report');
  await page.getByTestId('git-create-branch-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-branch')).toHaveAttribute('data-branch', 'feature/weekly-report');
  await expect(page.getByTestId('status-branch')).toContainText('feature/weekly-report*');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  expect(git('symbolic-ref', '--short', 'HEAD')).toBe('feature/weekly-report');
  expect(git('rev-parse', 'HEAD')).toBe(git('rev-parse', 'main'));
  // Uncommitted changes came along; the badge still counts them.
  await expect(badge).toHaveText('2');
  expect(await readFile(script, 'utf8')).toContain('# wip on a branch');

  // The palette command opens the same input; the picker lists both branches, current one checked.
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.getByTestId('command-palette-input').fill('>Git: Create Branch');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByTestId('status-branch').click();
  await expect(page.getByTestId('context-menu')).toContainText('✓ feature/weekly-report');
  await expect(page.getByTestId('context-menu')).toContainText('main');
  await page.keyboard.press('Escape');

  // Committing everything empties the badge.
  await page.keyboard.press('ControlOrMeta+Shift+G');
  await page.getByTestId('scm-message').fill('Weekly report step');
  await page.getByTestId('scm-commit').click();
  await page.getByTestId('git-author-name').fill('Dana Developer');
  await page.getByTestId('git-author-email').fill('dana@example.com');
  await page.getByTestId('git-author-save').click();
  await expect(badge).toHaveCount(0);
  expect(git('log', '-1', '--format=%s', 'feature/weekly-report')).toBe('Weekly report step');
  expect(git('rev-parse', 'main')).not.toBe(git('rev-parse', 'HEAD'));
});

test('resources: upload a file as a new resource, cut a version, download it byte for byte', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  // A small "jar": binary bytes, a NUL and 0xff included, so any text conversion would show.
  const jar = Buffer.from([
    0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x0a, 0x0d, 0x80, 0x42, 0x44, 0x50,
  ]);

  await page.getByTestId('activity-resources').click();
  // The view's actions show on hover, as in VS Code.
  await page.getByText('Task resources').hover();
  await page.getByTestId('resources-register').click();
  const register = page.getByTestId('register-resource-dialog');
  await page.getByTestId('register-upload-mode').check();
  await page
    .getByTestId('register-resource-file')
    .setInputFiles({ name: 'udf-tools.jar', mimeType: 'application/java-archive', buffer: jar });
  await expect(page.getByTestId('register-resource-name')).toHaveValue('udf-tools');
  await page.getByTestId('register-resource-submit').click();
  await expect(register).toBeHidden();

  // The upload is copied into files/ and opened; it is uncommitted, so the version commits it first.
  expect(await readFile(path.join(root, 'files/udf-tools.jar'))).toEqual(jar);
  const detail = page.locator('[data-testid="resource-editor"][data-name="udf-tools"]');
  await expect(detail).toBeVisible();
  await expect(page.locator('[data-testid="resource-item"][data-name="udf-tools"]')).toBeVisible();
  await detail.getByTestId('resource-new-version').click();
  await expect(page.getByTestId('new-version-version')).toHaveValue('V1.0.0');
  await expect(page.getByTestId('new-version-dirty')).toBeVisible();
  await page.getByTestId('new-version-commit-message').fill('Add udf-tools.jar');
  await page.getByTestId('new-version-submit').click();
  await page.getByTestId('git-author-name').fill('Dana Developer');
  await page.getByTestId('git-author-email').fill('dana@example.com');
  await page.getByTestId('git-author-save').click();
  await expect(page.getByTestId('new-version-dialog')).toBeHidden();
  const row = detail.locator('[data-testid="resource-version-row"][data-version="V1.0.0"]');
  await expect(row).toBeVisible();

  // Download: the bytes read back from git at the pinned commit, under the original file name.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByTestId('resource-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('udf-tools.jar');
  expect(await readFile((await download.path())!)).toEqual(jar);

  // A later change on disk does not leak into the downloaded version.
  await writeFile(path.join(root, 'files/udf-tools.jar'), Buffer.from('changed'));
  await expect(detail.getByTestId('resource-source-state')).toHaveAttribute('data-state', 'modified');
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    row.getByTestId('resource-download').click(),
  ]);
  expect(await readFile((await again.path())!)).toEqual(jar);
});
