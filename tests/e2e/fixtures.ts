import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, chromium, _electron, type Browser, type Page } from '@playwright/test';
import { findChromium } from '../../scripts/lib/tools.mjs';
import type { Settings } from '../../src/shared/contract/settings';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'out', 'main', 'cli.js');

export interface WebShellProcess {
  url: string;
  origin: string;
  token: string;
  userDataDir: string;
  process: ChildProcess;
}

/** Starts `bdp serve` on a free port with its own user-data folder; resolves once it printed its URL. */
export async function startServer(userDataDir: string, extraArgs: string[] = []): Promise<WebShellProcess> {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--user-data', userDataDir, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`bdp serve did not start: ${out}${err}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /web shell: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`bdp serve exited with ${code}: ${err}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    userDataDir,
    process: child,
  };
}

async function stopServer(server: WebShellProcess): Promise<void> {
  if (server.process.exitCode !== null) return;
  const exited = new Promise((r) => server.process.once('exit', r));
  server.process.kill('SIGTERM');
  await exited;
}

type Fixtures = {
  /** User settings the test starts with (`test.use({ settings: { autoSave: 'afterDelay' } })`). */
  settings: Partial<Settings>;
  /** A fresh per-test user-data folder (the sample workspace is copied there when opened). */
  userDataDir: string;
  /** The web shell serving this test (web host only). */
  server: WebShellProcess;
  /** The app's window, already on the welcome page. */
  workbench: Page;
};

export const test = base.extend<Fixtures, { browser: Browser }>({
  browser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
    async ({}, use) => {
      const executablePath = findChromium();
      if (!executablePath)
        throw new Error('no Chromium found: install it (apt-get install chromium) or set BDP_CHROMIUM');
      const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  settings: [{}, { option: true }],
  userDataDir: async ({ settings }, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bdp-e2e-'));
    if (Object.keys(settings).length > 0)
      await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ settings }));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  server: async ({ userDataDir }, use) => {
    const server = await startServer(userDataDir);
    await use(server);
    await stopServer(server);
  },
  workbench: async ({ browser, userDataDir }, use, testInfo) => {
    if (testInfo.project.metadata.host === 'electron') {
      const app = await _electron.launch({
        args: [ROOT],
        env: { ...process.env, BDP_USER_DATA: userDataDir },
      });
      const page = await app.firstWindow();
      await use(page);
      await app.close();
      return;
    }
    const server = await startServer(userDataDir);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await use(page);
    await context.close();
    await stopServer(server);
  },
});

export { expect } from '@playwright/test';
