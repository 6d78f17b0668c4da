import { expect, type Locator, type Page } from '@playwright/test';

/** A SHELL-only workflow for pre-run tests: extract -> transform -> {publish (rerun), report (rerun: false)}. */
export const E2E_DEMO = `name: e2e_demo
description: SHELL tasks that echo and sleep
schedule: { type: manual }
tasks:
  - name: extract
    type: SHELL
    command: for i in $(seq 1 12); do printf '\\033[32mextract line %s\\033[0m for \${cal_dt}\\n' $i; sleep 0.5; done
  - name: transform
    type: SHELL
    command: echo "transform \${cal_dt}"; sleep 0.3
  - name: publish
    type: SHELL
    command: echo publish
  - name: report
    type: SHELL
    command: echo report
relations:
  - { from: extract, to: transform }
  - { from: transform, to: publish }
  - { from: transform, to: report, rerun: false }
`;

export const E2E_LONG = `name: e2e_long
schedule: { type: manual }
tasks:
  - name: long
    type: SHELL
    command: echo started; sleep 120
`;

/** The Runs side bar, the instance tab and the dialogs, through data-testid selectors. */
export class RunsPage {
  constructor(readonly page: Page) {}

  async show(): Promise<void> {
    await this.page.getByTestId('activity-runs').click();
    await expect(this.page.getByTestId('runs-view')).toBeVisible();
    // The list comes from the runner process: once it shows, the runner is up.
    await expect(
      this.page.getByTestId('runs-list').getByTestId('empty-state').or(this.items().first()),
    ).toBeVisible({ timeout: 30_000 });
  }

  /** Pre-runs a workflow file for a business date from the dialog; the instance tab opens. */
  async preRun(
    workflowPath: string,
    date: string,
    scope?: { kind: 'node' | 'downstream'; node: string },
    options: { externalApp?: 'call' | 'record'; workingCopy?: boolean } = {},
  ): Promise<string> {
    await this.page.getByTestId('runs-prerun').click();
    const dialog = this.page.getByTestId('prerun-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('prerun-workflow').selectOption(workflowPath);
    await dialog.getByTestId('prerun-date').fill(date);
    if (scope) {
      await dialog.getByTestId(`prerun-scope-${scope.kind}`).check();
      await dialog.getByTestId('prerun-node').selectOption(scope.node);
    }
    if (options.externalApp) await dialog.getByTestId(`prerun-external-app-${options.externalApp}`).check();
    if (options.workingCopy) await dialog.getByTestId('prerun-working-copy').check();
    await dialog.getByTestId('prerun-start').click();
    await expect(dialog).toBeHidden();
    const view = this.view();
    await expect(view).toBeVisible();
    return (await view.getAttribute('data-instance'))!;
  }

  view(): Locator {
    return this.page.getByTestId('run-view');
  }

  task(name: string): Locator {
    return this.view().locator(`[data-testid="run-task"][data-task="${name}"]`);
  }

  items(): Locator {
    return this.page.getByTestId('run-item');
  }

  item(instanceId: string): Locator {
    return this.page.locator(`[data-testid="run-item"][data-instance="${instanceId}"]`);
  }

  log(): Locator {
    return this.page.getByTestId('log-viewer');
  }
}
