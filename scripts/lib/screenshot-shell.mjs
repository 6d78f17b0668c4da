// What every screenshot script starts with: the built web shell on a fresh user folder, and a page
// of Debian Chromium on it (run after `npm run build`).
import os from 'node:os';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { findChromium } from './tools.mjs';

const require = createRequire(path.resolve('package.json'));
const { chromium } = require('playwright');

/**
 * @param {{ sample?: boolean, viewport?: { width: number, height: number }, consoleErrors?: boolean }} options
 *   `sample` opens the sample workspace at once; `consoleErrors` prints the page's console errors.
 */
export async function openScreenshotShell({
  sample = false,
  viewport = { width: 1440, height: 900 },
  consoleErrors = true,
} = {}) {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'bdp-shots-'));
  const args = [
    path.resolve('out/main/cli.js'),
    'serve',
    '--port',
    '0',
    '--user-data',
    userData,
    ...(sample ? ['--sample'] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  process.on('exit', () => child.kill('SIGTERM'));
  const url = await new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
  });
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  if (consoleErrors) page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
  const command = async (title) => {
    await page.keyboard.press('Control+Shift+P');
    await page.getByTestId('command-palette-input').fill(`>${title}`);
    await page.keyboard.press('Enter');
  };
  const setTheme = async (theme) => {
    await command(`Color Theme: ${theme}`);
    await page.waitForFunction(
      (t) => globalThis.document.documentElement.dataset.theme === t,
      theme.toLowerCase(),
    );
  };
  const close = async () => {
    await browser.close();
    child.kill('SIGTERM');
  };
  return { page, url, command, setTheme, close };
}
