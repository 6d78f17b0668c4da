import { defineConfig } from '@playwright/test';

// One suite, two hosts: `web` (Chromium against the web shell, always) and `electron`
// (the desktop shell through _electron.launch; only where an Electron binary exists, BDP_E2E_ELECTRON=1).
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0, // a flaky test is a bug in the app or the test: never retried
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { viewport: { width: 1440, height: 900 }, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'web', metadata: { host: 'web' } },
    ...(process.env.BDP_E2E_ELECTRON === '1' ? [{ name: 'electron', metadata: { host: 'electron' } }] : []),
  ],
});
