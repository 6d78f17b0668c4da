import { expect, type Locator, type Page } from '@playwright/test';

/** The BDP Studio window, seen through data-testid selectors only. */
export class WorkbenchPage {
  constructor(readonly page: Page) {}

  welcome(): Locator {
    return this.page.getByTestId('welcome');
  }

  explorer(): Locator {
    return this.page.getByTestId('explorer-tree');
  }

  /** Opens the bundled sample from the welcome page and waits for its tree. */
  async openSample(): Promise<void> {
    await expect(this.welcome()).toBeVisible();
    await this.page.getByTestId('welcome-open-sample').click();
    await expect(this.explorer()).toBeVisible();
    await expect(this.treeItem('workflows')).toBeVisible();
  }

  /** Absolute path of the open workspace on the host (the status bar item's tooltip). */
  async workspaceRoot(): Promise<string> {
    const root = await this.page.getByTestId('status-workspace').getAttribute('title');
    expect(root, 'the status bar shows the workspace root').toBeTruthy();
    return root!;
  }

  treeItem(path: string): Locator {
    return this.page.locator(`[data-testid="tree-item"][data-path="${path}"]`);
  }

  /** Expands the folders above `path` in the explorer. */
  async revealInTree(path: string): Promise<void> {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = this.treeItem(parts.slice(0, i).join('/'));
      await expect(folder).toBeVisible();
      if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
      await expect(folder).toHaveAttribute('aria-expanded', 'true');
    }
    await expect(this.treeItem(path)).toBeVisible();
  }

  /** Opens a file from the explorer as a pinned tab and waits for it to show: Monaco, or the designer for a workflow. */
  async openFile(path: string): Promise<void> {
    await this.revealInTree(path);
    await this.treeItem(path).dblclick();
    await expect(this.tab(path)).toBeVisible();
    await expect(
      path.endsWith('.workflow.yaml') ? this.page.getByTestId('designer') : this.editor(path),
    ).toBeVisible();
  }

  /** Shows a workflow tab's YAML text alone (a workflow opens on its canvas). */
  async showYaml(path: string): Promise<void> {
    await this.page.getByTestId('designer-mode-yaml').click();
    await expect(this.editor(path)).toBeVisible();
  }

  /** The Monaco editor; `data-path` is the file it shows, `data-cursor-line` its cursor line. */
  editor(path?: string): Locator {
    return path
      ? this.page.locator(`[data-testid="editor"][data-path="${path}"]`)
      : this.page.getByTestId('editor');
  }

  /** The lines Monaco renders: only those in view, so containing a text means it is visible. */
  editorLines(path?: string): Locator {
    return this.editor(path).locator('.view-lines');
  }

  /** Puts the keyboard focus into the editor text. */
  async focusEditor(path?: string): Promise<void> {
    await this.editor(path)
      .locator('.view-lines')
      .click({ position: { x: 400, y: 5 } });
    await expect(this.editor(path).locator('textarea, .native-edit-context').first()).toBeFocused();
  }

  conflictBar(): Locator {
    return this.page.getByTestId('conflict-bar');
  }

  tab(path: string): Locator {
    return this.page.locator(`[data-testid="editor-tab"][data-path="${path}"]`);
  }

  textView(path?: string): Locator {
    return path
      ? this.page.locator(`[data-testid="text-view"][data-path="${path}"]`)
      : this.page.getByTestId('text-view');
  }

  textLine(line: number): Locator {
    return this.page.locator(`[data-testid="text-view-line"][data-line="${line}"]`);
  }

  /** The line the text view's cursor is on (the current-line highlight). */
  currentLine(): Locator {
    return this.page.locator('[data-testid="text-view-line"][data-current="true"]');
  }

  problemsPanel(): Locator {
    return this.page.getByTestId('problems-panel');
  }

  /** Problem rows, optionally only those of one file. */
  problems(path?: string): Locator {
    return path
      ? this.page.locator(`[data-testid="problem-item"][data-path="${path}"]`)
      : this.page.getByTestId('problem-item');
  }

  async showProblems(): Promise<void> {
    if (!(await this.problemsPanel().isVisible())) await this.page.getByTestId('status-problems').click();
    await expect(this.problemsPanel()).toBeVisible();
  }

  statusProblems(): Locator {
    return this.page.getByTestId('status-problems');
  }

  /** Right-clicks a tree row and picks a context menu item. */
  async treeContextMenu(path: string, item: string): Promise<void> {
    await this.treeItem(path).click({ button: 'right' });
    await this.page.getByTestId('context-menu').getByRole('menuitem', { name: item, exact: true }).click();
  }

  palette(): Locator {
    return this.page.getByTestId('command-palette');
  }

  async openCommandPalette(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+Shift+P');
    await expect(this.palette()).toBeVisible();
    await expect(this.page.getByTestId('command-palette-input')).toHaveValue('>');
  }

  /** Runs a command by (fuzzy) title through the palette. */
  async runCommand(title: string): Promise<void> {
    await this.openCommandPalette();
    await this.page.getByTestId('command-palette-input').fill(`>${title}`);
    await expect(this.page.getByTestId('command-palette-item').first()).toContainText(title);
    await this.page.keyboard.press('Enter');
    await expect(this.palette()).toBeHidden();
  }

  /** `dark` or `light`: the theme the window is painted with. */
  theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme');
  }
}
