import { expect, type Locator, type Page } from '@playwright/test';

export interface EnvironmentFields {
  name: string;
  url: string;
  orgId: string;
  userId: string;
  accessKey: string;
  secret: string;
}

/** The Publish side bar, the Publish plan tab and the Remote operations tab. */
export class PublishPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('activity-publish').click();
    await expect(this.page.getByTestId('publish-view')).toBeVisible();
  }

  async addEnvironment(f: EnvironmentFields): Promise<void> {
    await this.page.getByTestId('publish-add-env').click();
    const dialog = this.page.getByTestId('environment-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('env-name').fill(f.name);
    await dialog.getByTestId('env-url').fill(f.url);
    await dialog.getByTestId('env-org').fill(f.orgId);
    await dialog.getByTestId('env-user').fill(f.userId);
    await dialog.getByTestId('env-access-key').fill(f.accessKey);
    await dialog.getByTestId('env-secret').fill(f.secret);
    await dialog.getByTestId('env-save').click();
    await expect(dialog).toBeHidden();
  }

  step(name: string): Locator {
    return this.page.locator(`[data-testid="plan-step"][data-name="${name}"]`);
  }

  remoteWorkflow(name: string): Locator {
    return this.page.locator(`[data-testid="remote-workflow"][data-name="${name}"]`);
  }

  remoteTask(name: string): Locator {
    return this.page.locator(`[data-testid="remote-task"][data-name="${name}"]`);
  }

  /** Confirms the trigger dialog with `at` (default: its own default, now). */
  async confirmTrigger(at?: Date): Promise<void> {
    const dialog = this.page.getByTestId('trigger-dialog');
    await expect(dialog).toBeVisible();
    if (at) {
      const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      await dialog.getByTestId('trigger-time').fill(local);
    }
    await dialog.getByTestId('trigger-confirm').click();
    await expect(dialog).toBeHidden();
  }
}
