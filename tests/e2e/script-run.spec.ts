import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { WorkbenchPage } from './pages/workbench';
import type { Locator, Page } from '@playwright/test';

/** A small data check: F5 substitutes its `${cal_dt}` (Script Development); line 12 computes `day`. */
const CHECK = 'scripts/e2e_check.py';
const CHECK_PY = [
  '"""A data check for the script-run test."""',
  'import argparse',
  'import os',
  'import sys',
  '',
  '',
  'def main(argv=None):',
  '    parser = argparse.ArgumentParser()',
  '    parser.add_argument("--date", required=True, help="business date YYYY-MM-DD (${cal_dt})")',
  '    parser.add_argument("--out-dir", default=".bdp/out")',
  '    args = parser.parse_args(argv)',
  '    day = args.date.replace("-", "")',
  '    os.makedirs(args.out_dir, exist_ok=True)',
  '    with open(os.path.join(args.out_dir, "check_%s.txt" % day), "w") as f:',
  '        f.write(day)',
  '    print("%s: %s written to %s" % (args.date, day, args.out_dir))',
  '    return 0',
  '',
  '',
  'if __name__ == "__main__":',
  '    sys.exit(main())',
  '',
].join('\n');

// Real interpreters on a shared machine: give each journey room.
test.describe.configure({ timeout: 120_000 });

/** The Run / Debug surfaces of the editor and the bottom panel, through data-testid selectors. */
class ScriptRunPage {
  constructor(readonly page: Page) {}

  /** A taller bottom panel, so the console shows every line of these short runs. */
  static async tallPanel(page: Page): Promise<void> {
    await page.evaluate(() =>
      localStorage.setItem('bdp.layout', JSON.stringify({ panelHeight: 380, panelVisible: true })),
    );
    await page.reload();
  }

  /**
   * Focuses the editor text by clicking inside its host. (Clicking `.view-lines` makes Playwright
   * scroll that huge layer into view, which scrolls Monaco when the editor is not at the top.)
   */
  async focus(path: string): Promise<void> {
    await this.page
      .locator(`[data-testid="editor"][data-path="${path}"]`)
      .click({ position: { x: 300, y: 12 } });
    await expect(
      this.page
        .locator(`[data-testid="editor"][data-path="${path}"]`)
        .locator('textarea, .native-edit-context')
        .first(),
    ).toBeFocused();
  }

  status(): Locator {
    return this.page.getByTestId('script-run-status');
  }

  output(): Locator {
    return this.page.getByTestId('script-output-term');
  }

  async setParameters(options: { date?: string; args?: string; text?: string }): Promise<void> {
    if (!(await this.page.getByTestId('script-params').isVisible()))
      await this.page.getByTestId('script-params-toggle').click();
    if (options.date) await this.page.getByTestId('script-params-date').fill(options.date);
    if (options.args !== undefined) await this.page.getByTestId('script-params-args').fill(options.args);
    if (options.text !== undefined) await this.page.getByTestId('script-params-text').fill(options.text);
  }

  /** Waits for the run to end with `status` and returns its exit code. */
  async expectEnded(status: 'success' | 'failure' | 'stopped'): Promise<string | null> {
    await this.page.getByTestId('panel-tab-output').click();
    await expect(this.status()).toHaveAttribute('data-status', status, { timeout: 20_000 });
    return this.status().getAttribute('data-exit-code');
  }

  /** Clicks the glyph margin (breakpoint gutter) of a file line; the line must be in view. */
  async clickGutter(editor: Locator, line: number): Promise<void> {
    const number = editor.locator('.margin .line-numbers', { hasText: new RegExp(`^${line}$`) });
    const box = (await number.boundingBox())!;
    const margin = (await editor.locator('.margin').boundingBox())!;
    await this.page.mouse.click(margin.x + 9, box.y + box.height / 2);
  }
}

test('Python: edit, save, F5, output and exit code; a broken script gets a marker on the failing line; fix', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const run = new ScriptRunPage(page);
  await ScriptRunPage.tallPanel(page);
  await wb.openSample();
  await writeFile(path.join(await wb.workspaceRoot(), CHECK), CHECK_PY);
  await wb.openFile(CHECK);
  await expect(page.getByTestId('script-toolbar')).toBeVisible();
  await run.setParameters({ date: '2026-11-23', args: '--date ${cal_dt} --out-dir .bdp/out' });

  // Edit and save: main() prints a line of ours after computing `day` (line 12).
  await run.focus(CHECK);
  await page.keyboard.press('Control+G');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('print("checked by BDP Studio")');
  await expect(wb.editorLines(CHECK)).toContainText('print("checked by BDP Studio")');
  await page.keyboard.press('ControlOrMeta+S');
  await expect(wb.editor(CHECK)).not.toHaveAttribute('data-dirty', 'true');

  await page.keyboard.press('F5');
  await expect(page.getByTestId('panel-tab-output')).toHaveAttribute('aria-selected', 'true');
  expect(await run.expectEnded('success')).toBe('0');
  await expect(run.output()).toContainText(`python3 ${CHECK} --date \${cal_dt} --out-dir .bdp/out`);
  await expect(run.output()).toContainText('checked by BDP Studio');
  await expect(run.output()).toContainText('2026-11-23: 20261123 written to .bdp/out');
  await expect(run.output()).toContainText('Succeeded — exit code 0');
  await page.screenshot({ path: 'test-results/script-console.png' });

  // Break it: raise right after our print (line 14).
  await run.focus(CHECK);
  await page.keyboard.press('Control+G');
  await page.keyboard.type('13');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('raise ValueError("broken on purpose")');
  await page.keyboard.press('ControlOrMeta+S');
  await page.keyboard.press('F5');
  expect(await run.expectEnded('failure')).toBe('1');
  await expect(run.output()).toContainText('ValueError: broken on purpose');
  await expect(run.output()).toContainText('Failed — exit code 1');
  const marker = page.getByTestId('script-run-marker');
  await expect(marker).toHaveText(`${CHECK}:14 ValueError: broken on purpose`);
  // The editor jumps to the failing line and squiggles it.
  await expect(wb.editor(CHECK)).toHaveAttribute('data-cursor-line', '14');
  await expect(wb.editor(CHECK).locator('.squiggly-error')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/script-marker.png' });
  // Problems lists it too, until the next run.
  await expect(page.getByTestId('status-problems')).toHaveAttribute('data-errors', '1');
  await wb.showProblems();
  await expect(wb.problems(CHECK)).toContainText('ValueError: broken on purpose');
  await expect(wb.problems(CHECK)).toHaveAttribute('data-line', '14');

  // Fix: delete the line, save, run again: success and no marker.
  await run.focus(CHECK);
  await page.keyboard.press('Control+G');
  await page.keyboard.type('14');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+Shift+K');
  await page.keyboard.press('ControlOrMeta+S');
  await page.keyboard.press('F5');
  expect(await run.expectEnded('success')).toBe('0');
  await expect(marker).toHaveCount(0);
  await expect(page.getByTestId('status-problems')).toHaveAttribute('data-errors', '0');
  await expect(wb.editor(CHECK).locator('.squiggly-error')).toHaveCount(0);

  // The substituted preview shows ${cal_dt} resolved for the business date (F5: the file's own ${...}).
  await page.getByTestId('script-show-substituted').click();
  await expect(page.getByTestId('script-substituted')).toBeVisible();
  await expect(page.getByTestId('script-substituted-editor')).toContainText(
    'business date YYYY-MM-DD (2026-11-23)',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('script-substituted')).toBeHidden();
});

test('Python: a syntax error is underlined while typing, before any save or run, and listed in Problems; fixing it clears both', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const run = new ScriptRunPage(page);
  await wb.openSample();
  await writeFile(path.join(await wb.workspaceRoot(), CHECK), CHECK_PY);
  await wb.openFile(CHECK);
  await expect(wb.editor(CHECK).locator('.squiggly-error')).toHaveCount(0);

  // A new line 13 ends in an operator: nothing saved, nothing run.
  await run.focus(CHECK);
  await page.keyboard.press('Control+G');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('total = 1 +');
  await expect(wb.editor(CHECK).locator('.squiggly-error')).toHaveCount(1);
  await wb.showProblems();
  const problem = wb.problems(CHECK);
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('SyntaxError');
  await expect(problem).toHaveAttribute('data-line', '13');
  await expect(page.getByTestId('status-problems')).toHaveAttribute('data-errors', '1');

  // From Problems back to the line, and close it: the squiggle and the problem go, still unsaved.
  await problem.click();
  await expect(wb.editor(CHECK)).toHaveAttribute('data-cursor-line', '13');
  await page.keyboard.press('End');
  await page.keyboard.type(' 2');
  await expect(wb.editor(CHECK).locator('.squiggly-error')).toHaveCount(0);
  await expect(wb.problems(CHECK)).toHaveCount(0);
  await expect(wb.tab(CHECK)).toHaveAttribute('data-dirty', 'true');
});

test('Shell: a long run is stopped with its process tree; trace mode highlights executed lines', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const run = new ScriptRunPage(page);
  await ScriptRunPage.tallPanel(page);
  await wb.openSample();
  await wb.openFile('scripts/utils/notify.sh');
  await run.setParameters({ args: '"nightly report ready"' });
  await page.getByTestId('script-trace').click();
  expect(await run.expectEnded('success')).toBe('0');
  await expect(run.output()).toContainText('notify: nightly report ready');
  await expect(run.output()).toContainText('+ 8: message=');
  await run.focus('scripts/utils/notify.sh');
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(wb.editor('scripts/utils/notify.sh').locator('.bdp-trace-line').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/script-trace.png' });

  // A script that would run for a minute, with a child of its own: Stop ends it at once.
  await run.focus('scripts/utils/notify.sh');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('echo waiting\nsleep 60 &\nwait\n');
  await expect(wb.editorLines('scripts/utils/notify.sh')).toContainText('sleep 60 &');
  await page.keyboard.press('F5');
  await expect(run.output()).toContainText('waiting');
  await expect(run.status()).toHaveAttribute('data-status', 'running');
  await page.getByTestId('script-stop').click();
  await run.expectEnded('stopped');
  await expect(run.output()).toContainText('Stopped — process tree killed');
});

test('SQL: F5 shows a grid capped at 3,000 rows; Ctrl+Enter runs the statement at the cursor; errors at their line', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const run = new ScriptRunPage(page);
  await wb.openSample();
  await wb.openFile('scripts/aggregate_sales.hql');
  await run.focus('scripts/aggregate_sales.hql');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(
    "select 'orders' as source, 42 as answer;\nselect range as n, range * 2 as twice, 'dt=${cal_dt}' as part from range(5000);\n",
  );
  await page.keyboard.press('F5');
  await expect(page.getByTestId('panel-tab-results')).toHaveAttribute('aria-selected', 'true');
  const meta = page.getByTestId('sql-meta');
  await expect(meta).toHaveAttribute('data-row-count', '5000', { timeout: 20_000 });
  await expect(meta).toContainText('5,000 rows (first 3,000 shown)');
  await expect(page.getByTestId('sql-grid').locator('tbody tr')).toHaveCount(3000);
  await expect(page.getByTestId('sql-grid').locator('tbody tr').first()).toContainText(
    /0\s*0\s*dt=\d{4}-\d{2}-\d{2}/,
  );
  await page.screenshot({ path: 'test-results/script-sql.png' });

  // Cursor on line 1, Ctrl+Enter: only that statement.
  await run.focus('scripts/aggregate_sales.hql');
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('sql-meta')).toHaveAttribute('data-row-count', '1');
  await expect(page.getByTestId('sql-grid').locator('th')).toHaveText(['#', 'source', 'answer']);

  // An unknown table fails at its line, with a marker there.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\nselect *\nfrom no_such_table;\n');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('sql-error')).toContainText('Line 4');
  await expect(page.getByTestId('sql-error')).toContainText('no_such_table');
  await expect(wb.editor('scripts/aggregate_sales.hql')).toHaveAttribute('data-cursor-line', '5');
  await expect(wb.editor('scripts/aggregate_sales.hql').locator('.squiggly-error')).toHaveCount(1);
});

test('Debug: a breakpoint in the gutter stops the run; locals, call stack, step over, continue', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const run = new ScriptRunPage(page);
  await ScriptRunPage.tallPanel(page);
  await wb.openSample();
  await writeFile(path.join(await wb.workspaceRoot(), CHECK), CHECK_PY);
  await wb.openFile(CHECK);
  await run.setParameters({ date: '2026-11-23', args: '--date ${cal_dt} --out-dir .bdp/out' });
  const editor = wb.editor(CHECK);
  await run.focus(CHECK);
  await page.keyboard.press('Control+G');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await run.clickGutter(editor, 12);
  await expect(editor.locator('.bdp-breakpoint')).toHaveCount(1);

  await page.getByTestId('script-debug').click();
  const panel = page.getByTestId('debug-panel');
  await expect(panel).toHaveAttribute('data-state', 'paused', { timeout: 20_000 });
  await expect(page.getByTestId('panel-tab-debug')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('debug-frame')).toHaveText([/main\s*e2e_check\.py:12/]);
  await expect(page.locator('[data-testid="debug-variable"][data-name="args"]')).toContainText(
    "date='2026-11-23'",
  );
  await expect(editor.locator('.bdp-debug-line')).toHaveCount(1);
  await expect(editor).toHaveAttribute('data-cursor-line', '12');
  await expect(page.getByTestId('status-script-run')).toHaveText('Paused e2e_check.py:12');
  await page.screenshot({ path: 'test-results/script-debug.png' });

  await page.keyboard.press('F10');
  await expect(page.locator('[data-testid="debug-variable"][data-name="day"]')).toContainText("'20261123'");
  await expect(page.getByTestId('debug-frame')).toHaveText([/main\s*e2e_check\.py:13/]);

  // An object expands into its attributes.
  const argsRow = page.locator('[data-testid="debug-variable"][data-name="args"][data-depth="0"]');
  await expect(argsRow).toHaveAttribute('aria-expanded', 'false');
  await argsRow.click();
  await expect(argsRow).toHaveAttribute('aria-expanded', 'true');
  await expect(
    page.locator('[data-testid="debug-variable"][data-name="out_dir"][data-depth="1"]'),
  ).toContainText("'.bdp/out'");
  // The debug console evaluates in the paused frame; the program stays paused.
  const consoleInput = page.getByTestId('debug-console-input');
  await consoleInput.fill('day + "!"');
  await consoleInput.press('Enter');
  await consoleInput.fill('nope');
  await consoleInput.press('Enter');
  await expect(page.getByTestId('debug-console-entry')).toHaveText([
    /› day \+ "!"\s*'20261123!'\s*str/,
    /› nope\s*NameError: name 'nope' is not defined/,
  ]);
  await expect(panel).toHaveAttribute('data-state', 'paused');
  // Hovering a name in the editor shows its value.
  const at = await editor.locator('.view-line', { hasText: 'day = args.date' }).evaluate((line) => {
    const walker = line.ownerDocument.createTreeWalker(line, 4);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const offset = node.textContent!.indexOf('day');
      if (offset < 0) continue;
      const range = line.ownerDocument.createRange();
      range.setStart(node, offset + 1);
      range.setEnd(node, offset + 2);
      const r = range.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
    throw new Error('no "day" on the line');
  });
  await page.mouse.move(at.x, at.y);
  await expect(page.locator('.monaco-hover').filter({ hasText: "day: str = '20261123'" })).toBeVisible();
  await page.screenshot({ path: 'test-results/script-debug-console.png' });

  await page.keyboard.press('F5');
  expect(await run.expectEnded('success')).toBe('0');
  await expect(run.output()).toContainText('2026-11-23: 20261123 written to .bdp/out');
  await page.getByTestId('panel-tab-debug').click();
  await expect(panel).toHaveAttribute('data-state', 'idle');
  await expect(editor.locator('.bdp-debug-line')).toHaveCount(0);
});

test('Substituted preview: opening and closing it twice logs no console error, and the editor keeps working', async ({
  workbench: page,
}) => {
  const wb = new WorkbenchPage(page);
  const run = new ScriptRunPage(page);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.stack ?? e.message}`));
  await wb.openSample();
  await writeFile(path.join(await wb.workspaceRoot(), CHECK), CHECK_PY);
  await wb.openFile(CHECK);
  await run.setParameters({ date: '2026-11-23' });

  const preview = page.getByTestId('script-substituted');
  for (const close of ['Escape', 'button'] as const) {
    await page.getByTestId('script-show-substituted').click();
    await expect(preview).toBeVisible();
    await expect(page.getByTestId('script-substituted-editor')).toContainText('2026-11-23');
    // Hover the diff so its lazily built widgets (hover, unchanged-region bars) exist when it closes.
    await page.getByTestId('script-substituted-editor').hover({ position: { x: 200, y: 40 } });
    await page.waitForTimeout(300);
    if (close === 'Escape') await page.keyboard.press('Escape');
    else await preview.getByRole('button', { name: 'Close' }).click();
    await expect(preview).toBeHidden();
  }

  // Widgets Monaco builds lazily after the preview closed (Find; the suggest list with its status
  // bar, whose tooltips come from the shared hover factory the diff editor had pointed at itself).
  await run.focus(CHECK);
  await page.keyboard.press('ControlOrMeta+F');
  await expect(wb.editor(CHECK).locator('.find-widget.visible')).toBeVisible();
  await page.keyboard.press('Escape');
  await run.focus(CHECK);
  await page.keyboard.press('Control+Space');
  await expect(wb.editor(CHECK).locator('.suggest-widget.visible')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
});
