import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { WorkbenchPage } from './pages/workbench';

const WORKFLOW = 'workflows/retail/daily_orders.workflow.yaml';

/** 1-based number of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i + 1;
}

test('welcome → sample → a broken workflow shows in Problems at its line → fixed', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  await expect(wb.welcome()).toBeVisible();
  await expect(page.getByTestId('welcome-open-folder')).toBeVisible();
  await expect(page.getByTestId('welcome-new-workspace')).toBeVisible();

  await wb.openSample();
  for (const p of ['data', 'resources', 'scripts', 'workflows', 'bdp.yaml', 'connections.yaml'])
    await expect(wb.treeItem(p)).toBeVisible();

  await wb.openFile(WORKFLOW);
  await wb.showYaml(WORKFLOW);
  await expect(wb.editorLines(WORKFLOW)).toContainText('name: daily_orders');
  await wb.showProblems();
  await expect(wb.problems(WORKFLOW)).toHaveCount(0);

  const file = path.join(await wb.workspaceRoot(), WORKFLOW);
  const original = await readFile(file, 'utf8');

  // 1. A cycle: the last task back to the first.
  const cyclic = original.trimEnd() + '\n  - { from: notify_bi, to: sync_orders }\n';
  await writeFile(file, cyclic);
  const cycleLine = lineOf(cyclic, 'from: notify_bi, to: sync_orders');
  const cycle = wb.problems(WORKFLOW).filter({ hasText: 'cycle' });
  await expect(cycle).toHaveCount(1);
  await expect(cycle).toHaveAttribute('data-line', String(cycleLine));
  await expect(cycle).toContainText(`Ln ${cycleLine}`);
  await expect(wb.statusProblems()).toHaveAttribute('data-errors', '1');

  await cycle.click();
  await expect(wb.editor(WORKFLOW)).toHaveAttribute('data-cursor-line', String(cycleLine));
  // The editor followed the file on disk (it had no unsaved edits) and scrolled the new relation into view.
  await expect(wb.editorLines(WORKFLOW)).toContainText('from: notify_bi, to: sync_orders');
  await expect(page.getByTestId('status-cursor')).toContainText(`Ln ${cycleLine}`);
  // The problem is a squiggle in the editor too.
  await expect(wb.editor(WORKFLOW).locator('.squiggly-error').first()).toBeVisible();

  // 2. Invalid YAML: an unterminated quoted string.
  const broken = original.replace('description: Load, check', 'description: "Load, check');
  await writeFile(file, broken);
  const yamlProblem = wb.problems(WORKFLOW).first();
  await expect(yamlProblem).toBeVisible();
  await expect(wb.problems(WORKFLOW).filter({ hasText: 'cycle' })).toHaveCount(0);
  await expect(yamlProblem).toContainText('[yaml]');
  const yamlLine = Number(await yamlProblem.getAttribute('data-line'));
  expect(yamlLine).toBeGreaterThanOrEqual(lineOf(broken, 'description: "Load, check'));

  // The view is still at the end of the file (the cycle), so the reveal has to scroll back up.
  await yamlProblem.click();
  await expect(wb.editor(WORKFLOW)).toHaveAttribute('data-cursor-line', String(yamlLine));
  await expect(wb.editorLines(WORKFLOW)).toContainText('description: "Load, check');

  // 3. Fixed: the problems go away.
  await writeFile(file, original);
  await expect(wb.problems(WORKFLOW)).toHaveCount(0);
  await expect(wb.statusProblems()).toHaveAttribute('data-errors', '0');
  await expect(wb.problemsPanel()).toContainText('No problems');
});

test('theme toggle and command palette', async ({ workbench: page }) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();

  const before = await wb.theme();
  await page.getByTestId('theme-toggle').click();
  await expect.poll(() => wb.theme()).not.toBe(before);
  const after = await wb.theme();

  // The choice is persisted through settings: it survives a reload.
  await page.reload();
  await expect(wb.explorer()).toBeVisible();
  await expect.poll(() => wb.theme()).toBe(after);

  await wb.runCommand('Color Theme: Dark');
  await expect.poll(() => wb.theme()).toBe('dark');
  await wb.runCommand('Color Theme: Light');
  await expect.poll(() => wb.theme()).toBe('light');

  // Fuzzy filter with shown keybindings.
  await wb.openCommandPalette();
  await page.getByTestId('command-palette-input').fill('>tgl pnl');
  const first = page.getByTestId('command-palette-item').first();
  await expect(first).toContainText('Toggle Panel');
  await expect(first).toContainText('Ctrl');
  await page.keyboard.press('Escape');
  await expect(wb.palette()).toBeHidden();

  // The panel starts closed (the editor owns the screen); Toggle Panel via its keybinding, Show Problems via the palette.
  await expect(wb.problemsPanel()).toBeHidden();
  await page.keyboard.press('ControlOrMeta+J');
  await expect(wb.problemsPanel()).toBeVisible();
  await page.keyboard.press('ControlOrMeta+J');
  await expect(wb.problemsPanel()).toBeHidden();
  await wb.runCommand('Show Problems');
  await expect(wb.problemsPanel()).toBeVisible();

  // Quick open a file by fuzzy name.
  await page.keyboard.press('ControlOrMeta+P');
  await page.getByTestId('command-palette-input').fill('clnord');
  await expect(page.getByTestId('command-palette-item').first()).toContainText('clean_orders.py');
  await page.keyboard.press('Enter');
  await expect(wb.tab('scripts/clean_orders.py')).toBeVisible();
  await expect(wb.editor('scripts/clean_orders.py')).toBeVisible();

  // Close Editor (Ctrl+W), then Close Workspace: the welcome page lists it under Recent.
  await page.keyboard.press('ControlOrMeta+W');
  await expect(page.getByTestId('editor-tab')).toHaveCount(0);
  await wb.runCommand('Close Workspace');
  await expect(wb.welcome()).toBeVisible();
  const recent = page.getByTestId('recent-item');
  await expect(recent.first()).toContainText('retail-analytics');
  await recent.first().click();
  await expect(wb.explorer()).toBeVisible();
});

test('explorer keyboard, preview tabs and file operations', async ({ workbench: page }) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();

  // Single click opens a preview tab that the next single click replaces; double click pins.
  await wb.revealInTree('scripts/clean_orders.py');
  await wb.treeItem('scripts/clean_orders.py').click();
  await expect(wb.tab('scripts/clean_orders.py')).toHaveAttribute('data-preview', 'true');
  await wb.treeItem('scripts/weekly_report.py').click();
  await expect(wb.tab('scripts/clean_orders.py')).toHaveCount(0);
  await wb.treeItem('scripts/weekly_report.py').dblclick();
  await expect(wb.tab('scripts/weekly_report.py')).not.toHaveAttribute('data-preview', 'true');

  // Middle click closes.
  await wb.tab('scripts/weekly_report.py').click({ button: 'middle' });
  await expect(page.getByTestId('editor-tab')).toHaveCount(0);

  // Keyboard: down/up/right/left/enter.
  await wb.treeItem('data').click();
  await expect(wb.treeItem('data')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(wb.treeItem('data')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(wb.treeItem('resources')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(wb.treeItem('resources')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('editor-tab')).toHaveCount(1);

  // New file through the context menu, then rename and delete.
  await wb.treeContextMenu('scripts', 'New File…');
  await page.getByTestId('tree-name-input').fill('hello.sh');
  await page.keyboard.press('Enter');
  await expect(wb.treeItem('scripts/hello.sh')).toBeVisible();

  await wb.treeContextMenu('scripts/hello.sh', 'Rename…');
  await page.getByTestId('tree-name-input').fill('bye.sh');
  await page.keyboard.press('Enter');
  await expect(wb.treeItem('scripts/bye.sh')).toBeVisible();
  await expect(wb.treeItem('scripts/hello.sh')).toHaveCount(0);

  await wb.treeContextMenu('scripts/bye.sh', 'Delete');
  await page.getByTestId('confirm-delete').click();
  await expect(wb.treeItem('scripts/bye.sh')).toHaveCount(0);
});

test('edit a script: dirty tab, Ctrl+S saves, disk edits reload when clean and prompt when dirty', async ({
  workbench: page,
}) => {
  const SCRIPT = 'scripts/clean_orders.py';
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  await wb.openFile(SCRIPT);
  const file = path.join(await wb.workspaceRoot(), SCRIPT);
  const original = await readFile(file, 'utf8');
  await expect(page.getByTestId('status-language')).toHaveText('Python');

  // Type: the tab and the window title show the unsaved change.
  await wb.focusEditor(SCRIPT);
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('# edited in BDP Studio');
  await page.keyboard.press('Enter');
  await expect(wb.tab(SCRIPT)).toHaveAttribute('data-dirty', 'true');
  await expect(page).toHaveTitle(/^● clean_orders\.py/);

  // Ctrl+S writes the file atomically; the tab is clean again.
  await page.keyboard.press('ControlOrMeta+S');
  await expect(wb.tab(SCRIPT)).not.toHaveAttribute('data-dirty', 'true');
  await expect.poll(() => readFile(file, 'utf8')).toBe('# edited in BDP Studio\n' + original);
  await expect(page).toHaveTitle(/^clean_orders\.py/);

  // Ctrl+G is Monaco's Go to Line; Ctrl+Shift+P still opens the workbench palette from the editor.
  await page.keyboard.press('Control+G');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(wb.editor(SCRIPT)).toHaveAttribute('data-cursor-line', '12');
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(wb.palette()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(wb.palette()).toBeHidden();

  // Changed on disk while clean: reloaded silently, the cursor stays.
  await writeFile(file, '# external 1\n' + original);
  await expect(wb.editorLines(SCRIPT)).toContainText('# external 1');
  await expect(wb.editorLines(SCRIPT)).not.toContainText('# edited in BDP Studio');
  await expect(wb.editor(SCRIPT)).toHaveAttribute('data-cursor-line', '12');
  await expect(wb.conflictBar()).toBeHidden();

  // Changed on disk while dirty: the prompt; Reload takes the disk version.
  await wb.focusEditor(SCRIPT);
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('# mine');
  await page.keyboard.press('Enter');
  await expect(wb.tab(SCRIPT)).toHaveAttribute('data-dirty', 'true');
  await writeFile(file, '# external 2\n' + original);
  await expect(wb.conflictBar()).toBeVisible();
  await expect(wb.conflictBar()).toContainText('The file has changed on disk.');
  await expect(wb.tab(SCRIPT)).toHaveAttribute('data-dirty', 'true');
  await page.getByTestId('conflict-reload').click();
  await expect(wb.conflictBar()).toBeHidden();
  await expect(wb.editorLines(SCRIPT)).toContainText('# external 2');
  await expect(wb.editorLines(SCRIPT)).not.toContainText('# mine');
  await expect(wb.tab(SCRIPT)).not.toHaveAttribute('data-dirty', 'true');

  // Closing a dirty tab asks; Don't Save closes it and leaves the file as it was.
  await wb.focusEditor(SCRIPT);
  await page.keyboard.type('# throwaway');
  await expect(wb.tab(SCRIPT)).toHaveAttribute('data-dirty', 'true');
  await page.keyboard.press('ControlOrMeta+W');
  await expect(page.getByTestId('save-changes-dialog')).toBeVisible();
  await page.getByTestId('save-changes-discard').click();
  await expect(page.getByTestId('editor-tab')).toHaveCount(0);
  expect(await readFile(file, 'utf8')).toBe('# external 2\n' + original);
});

test('New File opens the new file focused: typing and Ctrl+S go to it, never to the editor shown before', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const root = await wb.workspaceRoot();
  await wb.openFile(WORKFLOW);
  await wb.showYaml(WORKFLOW);
  await wb.focusEditor(WORKFLOW);
  const workflowText = await readFile(path.join(root, WORKFLOW), 'utf8');

  // From the palette, beside the selected workflow file.
  await wb.runCommand('New File…');
  await page.getByTestId('tree-name-input').fill('notes.md');
  await page.keyboard.press('Enter');
  const notes = 'workflows/retail/notes.md';
  await expect(wb.tab(notes)).toHaveAttribute('aria-selected', 'true');
  await expect(wb.editor(notes).locator('textarea, .native-edit-context').first()).toBeFocused();
  await page.keyboard.type('# Notes');
  await page.keyboard.press('ControlOrMeta+S');
  await expect.poll(() => readFile(path.join(root, notes), 'utf8')).toBe('# Notes');
  expect(await readFile(path.join(root, WORKFLOW), 'utf8')).toBe(workflowText);

  // A new workflow file starts as a valid empty workflow on its canvas.
  await wb.treeContextMenu('workflows/retail', 'New File…');
  await page.getByTestId('tree-name-input').fill('hourly_check.workflow.yaml');
  await page.keyboard.press('Enter');
  await expect(wb.tab('workflows/retail/hourly_check.workflow.yaml')).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByTestId('designer')).toHaveAttribute('data-ready', 'true');
  expect(await readFile(path.join(root, 'workflows/retail/hourly_check.workflow.yaml'), 'utf8')).toContain(
    'name: hourly_check',
  );
  await expect(wb.statusProblems()).toHaveAttribute('data-errors', '0');
});

test('many open editors: the tab strip scrolls, and an overflow menu lists every editor and switches to it', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  await wb.openSample();
  const files = [
    'scripts/aggregate_sales.hql',
    'scripts/clean_orders.py',
    'scripts/weekly_report.py',
    'scripts/utils/notify.sh',
    'resources/aggregate_sales.resource.yaml',
    'resources/clean_orders.resource.yaml',
    'resources/notify.resource.yaml',
    'resources/weekly_report.resource.yaml',
    'bdp.yaml',
    'connections.yaml',
  ];
  await expect(page.getByTestId('editor-tabs-overflow')).toHaveCount(0);
  for (const f of files) await wb.openFile(f);
  await expect(page.getByTestId('editor-tab')).toHaveCount(files.length);
  // The first tab is scrolled out of the strip; the overflow button appears.
  await expect(page.getByTestId('editor-tabs-overflow')).toBeVisible();
  expect(await tabFullyShown(wb.tab(files[0]))).toBe(false);

  await page.getByTestId('editor-tabs-overflow').click();
  const items = page.getByTestId('context-menu-item');
  await expect(items).toHaveCount(files.length + 1);
  await expect(items.first()).toHaveText('aggregate_sales.hql');
  await expect(items.nth(files.length - 1)).toHaveText('✓ connections.yaml');
  await items.first().click();
  await expect(wb.tab(files[0])).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => tabFullyShown(wb.tab(files[0]))).toBe(true);
  await expect(wb.editor(files[0])).toBeVisible();
});

/** True when the tab lies across the whole width of the tab strip's visible part (scrolled into view). */
async function tabFullyShown(tab: Locator): Promise<boolean> {
  const strip = (await tab.page().locator('.tab-bar').boundingBox())!;
  const box = (await tab.boundingBox())!;
  return box.x >= strip.x - 0.5 && box.x + box.width <= strip.x + strip.width + 0.5;
}
