import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/designer';
import { WorkbenchPage } from './pages/workbench';

const DAILY = 'workflows/retail/daily_orders.workflow.yaml';

/** The sample open, its `daily_orders` on the canvas: the page objects and the file's path on disk. */
async function openDaily(page: Page): Promise<{ wb: WorkbenchPage; designer: DesignerPage; file: string }> {
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  const file = path.join(await wb.workspaceRoot(), DAILY);
  await wb.openFile(DAILY);
  await designer.waitReady();
  return { wb, designer, file };
}

/** On-screen sizes of the canvas and of the first node: what a user can read and grab. */
async function measure(page: Page): Promise<{
  canvas: number;
  editor: number;
  zoom: number;
  nameText: number;
  typeText: number;
  handle: number;
}> {
  // Evaluated in the page through an element, whose document and window are the page's (the tests compile without DOM types).
  return page.locator('body').evaluate((body) => {
    const document = body.ownerDocument;
    const getComputedStyle = (el: typeof body, pseudo?: string) =>
      document.defaultView!.getComputedStyle(el, pseudo);
    const DOMMatrix = document.defaultView!.DOMMatrix;
    const canvas = document.querySelector('[data-testid="designer-canvas"]')!.getBoundingClientRect();
    const editor = document.querySelector('[data-testid="designer"]')!.parentElement!.getBoundingClientRect();
    const zoom = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform)
      .a;
    const px = (sel: string): number =>
      parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize) * zoom;
    const handle = document.querySelector('.designer-handle')!;
    const hit = parseFloat(getComputedStyle(handle, '::after').inset || '0');
    return {
      canvas: canvas.width,
      editor: editor.width,
      zoom,
      nameText: px('.designer-node-name'),
      typeText: px('.designer-node-type'),
      handle: (handle.getBoundingClientRect().width / zoom - 2 * hit) * zoom,
    };
  });
}

test.describe('the designer owns the screen (1440×900)', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the canvas gets most of the editor; nodes and handles stay readable and grabbable; the panes are rails and toggles that survive a reload', async ({
    workbench: page,
  }) => {
    const { wb, designer } = await openDaily(page);
    // The YAML pane is not shown by default: the canvas and its properties share the editor.
    await expect(page.locator('[data-testid="editor"][data-path="' + DAILY + '"]')).toHaveCount(0);
    await expect(designer.toolbar('yaml')).toHaveAttribute('aria-pressed', 'false');
    const m = await measure(page);
    expect(m.canvas / m.editor).toBeGreaterThan(0.6);
    expect(m.zoom).toBeGreaterThanOrEqual(0.6);
    expect(m.nameText).toBeGreaterThanOrEqual(12);
    expect(m.typeText).toBeGreaterThanOrEqual(12);
    for (const name of ['sync_orders', 'clean_orders', 'aggregate_sales', 'notify_bi'])
      await expect(designer.node(name)).toBeInViewport();

    // Rails: the palette folds to icons, the properties to a strip; both, and the YAML pane, come back after a reload.
    await page.getByTestId('designer-palette-toggle').click();
    await expect(page.getByTestId('designer-palette')).toHaveAttribute('data-collapsed', 'true');
    await designer.toolbar('properties').click();
    await expect(page.getByTestId('designer-properties-rail')).toBeVisible();
    await designer.toolbar('yaml').click();
    await expect(wb.editor(DAILY)).toBeVisible();
    const wider = await measure(page);
    await page.reload();
    await designer.waitReady();
    await expect(page.getByTestId('designer-palette')).toHaveAttribute('data-collapsed', 'true');
    await expect(page.getByTestId('designer-properties-rail')).toBeVisible();
    await expect(wb.editor(DAILY)).toBeVisible();
    expect((await measure(page)).canvas).toBeCloseTo(wider.canvas, -1);
    await page.getByTestId('designer-properties-rail').click();
    await expect(designer.properties()).toBeVisible();
    await designer.toolbar('yaml').click();
    await page.getByTestId('designer-palette-toggle').click();
  });

  test('a YAML with errors brings its text beside the canvas, and the pane leaves once it is fixed', async ({
    workbench: page,
  }) => {
    const { wb, file } = await openDaily(page);
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('retryInterval: 120', 'retryInterval: [120'));
    await expect(page.getByTestId('designer-stale-banner')).toBeVisible({ timeout: 15_000 });
    await expect(wb.editor(DAILY)).toBeVisible();
    await writeFile(file, good);
    await expect(page.getByTestId('designer-stale-banner')).toHaveCount(0, { timeout: 15_000 });
    await expect(page.locator(`[data-testid="editor"][data-path="${DAILY}"]`)).toHaveCount(0);
  });

  test('a problem clicked in Problems brings the YAML beside the canvas at its line, until the pane is toggled away', async ({
    workbench: page,
  }) => {
    const { wb, designer, file } = await openDaily(page);
    const good = await readFile(file, 'utf8');
    // A warning (the file stays valid, so the canvas stays alone): a cron for 30 February.
    const never = good.replace('cron: "0 30 2 * * ? *"', 'cron: "0 30 2 30 2 ? *"');
    expect(never).not.toBe(good);
    await writeFile(file, never);
    const line = never.split('\n').findIndex((l) => l.includes('cron: "0 30 2 30 2 ? *"')) + 1;
    await wb.showProblems();
    const warning = wb.problems(DAILY).filter({ hasText: 'never fires' });
    await expect(warning).toHaveCount(1);
    await expect(wb.editor(DAILY)).toHaveCount(0);
    await warning.click();
    await expect(wb.editor(DAILY)).toHaveAttribute('data-cursor-line', String(line));
    await expect(designer.root()).toBeVisible();
    await expect(designer.toolbar('yaml')).toHaveAttribute('aria-pressed', 'true');
    await designer.toolbar('yaml').click();
    await expect(wb.editor(DAILY)).toHaveCount(0);
    await writeFile(file, good);
  });

  test('Pre-run from the toolbar: the workflow, or the selected node and its downstream, for the status-bar date', async ({
    workbench: page,
  }) => {
    const { designer } = await openDaily(page);
    const statusDate = await page.getByTestId('status-business-date').locator('input').inputValue();
    await designer.toolbar('prerun').click();
    const dialog = page.getByTestId('prerun-dialog');
    await expect(dialog.getByTestId('prerun-workflow')).toHaveValue(DAILY);
    await expect(dialog.getByTestId('prerun-date')).toHaveValue(statusDate);
    await expect(dialog.getByTestId('prerun-scope-workflow')).toBeChecked();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await designer.node('clean_orders').click();
    await designer.toolbar('prerun-menu').click();
    await page.getByRole('menuitem', { name: 'Pre-run clean_orders and Downstream…' }).click();
    await expect(dialog.getByTestId('prerun-scope-downstream')).toBeChecked();
    await expect(dialog.getByTestId('prerun-node')).toHaveValue('clean_orders');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('a Data Sync dropped from the palette is valid at once: a file of the workspace into the warehouse', async ({
    workbench: page,
  }) => {
    const { designer, file } = await openDaily(page);
    const box = (await designer.canvas().boundingBox())!;
    await designer.dropFromPalette('DATA_SYNC', { x: box.width / 2, y: box.height - 120 });
    await expect(designer.node('data_sync_1')).toBeVisible();
    await page.keyboard.press('ControlOrMeta+S');
    await expect
      .poll(() => readFile(file, 'utf8'))
      .toMatch(/name: data_sync_1\n[\s\S]*connection: local_files/);
    await expect(page.getByTestId('status-problems')).toHaveText(/0\s*0/, { timeout: 15_000 });
  });
});

test('a 1,000-node workflow opens with its nodes in view, and stays so after Auto Layout and Fit View', async ({
  workbench: page,
}) => {
  test.setTimeout(120_000);
  const wb = new WorkbenchPage(page);
  const designer = new DesignerPage(page);
  await wb.openSample();
  const rel = 'workflows/big/big.workflow.yaml';
  const tasks = Array.from(
    { length: 1000 },
    (_, i) => `  - { name: t${i}, type: SHELL, command: echo ${i} }`,
  ).join('\n');
  const relations = Array.from(
    { length: 999 },
    (_, i) => `  - { from: t${Math.floor(i / 3)}, to: t${i + 1} }`,
  ).join('\n');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(path.join(await wb.workspaceRoot(), 'workflows', 'big'), { recursive: true });
  await writeFile(
    path.join(await wb.workspaceRoot(), rel),
    `name: big\nschedule: { type: manual }\ntasks:\n${tasks}\nrelations:\n${relations}\n`,
  );
  await wb.openFile(rel);
  await expect(designer.root()).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(designer.nodes().first()).toBeInViewport();
  await expect(designer.node('t0')).toBeInViewport();
  await designer.toolbar('layout').click();
  await expect(designer.nodes().first()).toBeInViewport({ timeout: 30_000 });
  await designer.toolbar('fit').click();
  await expect(designer.node('t0')).toBeInViewport({ timeout: 10_000 });
  // Fit View animates: it settles at the smallest readable zoom, not at one that fits 1,000 nodes.
  await expect.poll(async () => (await measure(page)).zoom).toBeCloseTo(0.6, 3);
});

test('one save model: canvas, properties and YAML edits make the tab dirty and save together; undo covers all three; Auto Save saves a second later', async ({
  workbench: page,
}) => {
  const { wb, designer, file } = await openDaily(page);
  const original = await readFile(file, 'utf8');
  const tab = wb.tab(DAILY);

  // Canvas: a task dropped from the palette is in the tab, not yet on disk.
  const box = (await designer.canvas().boundingBox())!;
  await designer.dropFromPalette('SHELL', { x: box.width / 2, y: box.height - 120 });
  await expect(designer.node('shell_1')).toBeVisible();
  await expect(tab).toHaveAttribute('data-dirty', 'true');
  // Properties: its retries.
  const retries = designer.properties().getByTestId('prop-retryTimes');
  await retries.fill('3');
  await retries.press('Enter');
  // YAML beside the canvas: a comment typed at the end.
  await designer.toolbar('yaml').click();
  await wb.editorLines(DAILY).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\n# reviewed');
  await expect(wb.editorLines(DAILY)).toContainText('# reviewed');
  expect(await readFile(file, 'utf8')).toBe(original);

  // One Ctrl/Cmd+S saves all three.
  await page.keyboard.press('ControlOrMeta+S');
  await expect(tab).not.toHaveAttribute('data-dirty', 'true');
  const saved = await readFile(file, 'utf8');
  expect(saved).toContain('name: shell_1');
  expect(saved).toMatch(/name: shell_1\n[\s\S]*retryTimes: 3/);
  expect(saved).toContain('# reviewed');

  // The designer's Undo steps back through the YAML, properties and canvas edits alike.
  await expect(designer.toolbar('undo')).toBeEnabled({ timeout: 5_000 });
  await designer.toolbar('undo').click();
  await expect(wb.editorLines(DAILY)).not.toContainText('# reviewed');
  await expect(tab).toHaveAttribute('data-dirty', 'true');
  await designer.toolbar('undo').click();
  await designer.toolbar('undo').click();
  await expect(designer.node('shell_1')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+S');
  await expect.poll(() => readFile(file, 'utf8')).toBe(original);

  // Auto Save (File: Toggle Auto Save): an edit reaches the disk on its own once edits pause.
  await wb.runCommand('Toggle Auto Save');
  await expect(page.getByTestId('toast').filter({ hasText: 'Auto Save is on' })).toBeVisible();
  await designer.dropFromPalette('PYTHON', { x: box.width / 2, y: box.height - 120 });
  await expect(designer.node('python_1')).toBeVisible();
  await expect.poll(() => readFile(file, 'utf8')).toContain('name: python_1');
  await expect(tab).not.toHaveAttribute('data-dirty', 'true');
});
