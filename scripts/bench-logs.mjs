// Benchmark: a task printing ~100 MB to stdout through the runner process into its log file
// (MB/s, runner peak RSS), then the Runs view's log viewer in Chromium on that 100 MB log: time
// until the tail is painted, search time, jump to the top. Needs `npm run build` first (the web
// shell serves out/). Usage: node scripts/bench-logs.mjs [--mb 100]
/* global document -- used inside page.waitForFunction callbacks, which run in the browser */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { findChromium } from './lib/tools.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const MB = arg('mb', 100);
const repo = resolve(import.meta.dirname, '..');
const require = createRequire(join(repo, 'package.json'));
// Each line is 80 bytes: "\e[32mINFO\e[0m" + a 9-digit number + filler; the last one is known.
const LINES = Math.round((MB * 1024 * 1024) / 80);
const LAST = `line ${String(LINES).padStart(9, '0')}`;
const COMMAND = `awk 'BEGIN { for (i = 1; i <= ${LINES}; i++) printf "\\033[32mINFO\\033[0m line %09d lorem ipsum dolor sit amet, consectetur adipiscing elit\\n", i }'`;

const work = mkdtempSync(join(tmpdir(), 'bdp-bench-logs-'));
const userData = join(work, 'user-data');
mkdirSync(userData);
const server = spawn(
  process.execPath,
  [join(repo, 'out/main/cli.js'), 'serve', '--port', '0', '--user-data', userData, '--sample'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const url = await new Promise((res, rej) => {
  let o = '';
  server.stdout.on('data', (d) => {
    o += d;
    const m = /(http:\/\/\S+)/.exec(o);
    if (m) res(m[1]);
  });
  server.once('exit', () => rej(new Error('the web shell exited; run `npm run build` first')));
});
const { chromium } = require('playwright');
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(url);
  await page.getByTestId('explorer-tree').waitFor();
  const root = await page.getByTestId('status-workspace').getAttribute('title');

  // --- 1. the runner writes the log (the app's runner child, driven directly) ---
  const runnerJs = join(work, 'runner.cjs');
  const clientJs = join(work, 'client.cjs');
  await build({
    entryPoints: [join(repo, 'src/main/runner/runner-process.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: runnerJs,
    logLevel: 'error',
    external: ['@duckdb/*'],
  });
  await build({
    stdin: {
      contents: `export { RunnerClient } from './src/main/runner/runner-client';\nexport { workflowSchema } from './src/shared/model';`,
      resolveDir: repo,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: clientJs,
    logLevel: 'error',
  });
  const { RunnerClient, workflowSchema } = createRequire(import.meta.url)(clientJs);
  const yaml = `name: log_bench\nschedule: { type: manual }\ntasks:\n  - name: print\n    type: SHELL\n    command: ${JSON.stringify(COMMAND)}\n`;
  mkdirSync(join(root, 'workflows', 'bench'), { recursive: true });
  writeFileSync(join(root, 'workflows', 'bench', 'log_bench.workflow.yaml'), yaml);
  const workflow = workflowSchema.parse({
    name: 'log_bench',
    schedule: { type: 'manual' },
    tasks: [{ name: 'print', type: 'SHELL', command: COMMAND }],
  });
  const client = await RunnerClient.start({
    modulePath: runnerJs,
    service: { workspaceRoot: root, resourcesDir: join(repo, 'resources/runner') },
  });
  let instanceId;
  let peakRss = 0;
  let runMs;
  try {
    const finished = new Promise((res) => {
      const off = client.onDidChangeInstance((c) => {
        if (
          c.instance.endTime &&
          ['SUCCESS', 'FAIL', 'CANCEL', 'INTERNAL_ERROR'].includes(c.instance.status)
        ) {
          off();
          res(c.instance);
        }
      });
    });
    const sampler = setInterval(
      () =>
        void client.diagnostics().then(
          (d) => (peakRss = Math.max(peakRss, d.rssBytes)),
          () => {},
        ),
      100,
    );
    const t0 = performance.now();
    const started = await client.start({ workflow, triggerTime: '2026-11-24 08:00:00' });
    instanceId = started.instanceId;
    const end = await finished;
    runMs = performance.now() - t0;
    clearInterval(sampler);
    const d = await client.diagnostics();
    peakRss = Math.max(peakRss, d.maxRssBytes);
    if (end.status !== 'SUCCESS') throw new Error(`the print task ended ${end.status}: ${end.reason ?? ''}`);
  } finally {
    await client.dispose();
  }
  const logFile = join(root, '.bdp', 'runs', 'log_bench', instanceId, 'print.1.log');
  const bytes = statSync(logFile).size;
  const mb = bytes / 1024 / 1024;
  // Floor: the same command straight into a file, no runner.
  const f0 = performance.now();
  await new Promise((res, rej) => {
    const p = spawn('bash', ['-c', `${COMMAND} > ${JSON.stringify(join(work, 'floor.log'))}`], {
      stdio: 'ignore',
    });
    p.once('exit', (code) => (code === 0 ? res() : rej(new Error(`floor exit ${code}`))));
  });
  const floorMs = performance.now() - f0;

  // --- 2. the log viewer in Chromium ---
  await page.getByTestId('activity-runs').click();
  const item = page.locator(`[data-testid="run-item"][data-instance="${instanceId}"]`);
  await item.waitFor({ timeout: 30_000 });
  await item.click();
  const task = page.locator('[data-testid="run-task"][data-task="print"]');
  await task.waitFor();
  const v0 = performance.now();
  await task.getByTestId('task-view-log').click();
  const viewer = page.getByTestId('log-viewer');
  await viewer.getByText(LAST, { exact: false }).waitFor({ timeout: 120_000 });
  const tailMs = performance.now() - v0;
  // Long logs show their end first and load the rest behind it; then the line count appears.
  await page.waitForFunction(
    () => /\d lines$/.test(document.querySelector('[data-testid="log-size"]')?.textContent ?? ''),
    null,
    { timeout: 120_000 },
  );
  const allMs = performance.now() - v0;
  const s0 = performance.now();
  await viewer.getByTestId('log-search').fill('line 000000017');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="log-hits"]')?.textContent === '1 of 1',
    null,
    { timeout: 120_000 },
  );
  await viewer.getByText('line 000000017').waitFor();
  const searchMs = performance.now() - s0;
  const k0 = performance.now();
  await viewer.getByTestId('log-search').fill('');
  await viewer.getByTestId('log-body').focus();
  const middle = await page.evaluate(() => {
    const b = document.querySelector('[data-testid="log-body"]');
    b.scrollTop = b.scrollHeight / 2;
    return Math.floor(b.scrollTop / 18) + 2;
  });
  await viewer.getByText(`line ${String(middle).padStart(9, '0')}`).waitFor({ timeout: 30_000 });
  const scrollMs = performance.now() - k0;
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);

  const row = (k, v) => console.log(`${k.padEnd(44)} ${v}`);
  row('log size', `${mb.toFixed(1)} MB, ${LINES.toLocaleString('en-US')} lines`);
  row(
    'runner: task -> log file',
    `${(runMs / 1000).toFixed(2)} s = ${(mb / (runMs / 1000)).toFixed(0)} MB/s`,
  );
  row(
    'floor: same command > file (no runner)',
    `${(floorMs / 1000).toFixed(2)} s = ${(mb / (floorMs / 1000)).toFixed(0)} MB/s`,
  );
  row('runner process peak RSS', `${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
  row('viewer: open -> tail painted', `${(tailMs / 1000).toFixed(2)} s`);
  row('viewer: open -> whole log loaded', `${(allMs / 1000).toFixed(2)} s`);
  row('viewer: search (1 hit in all lines) -> shown', `${searchMs.toFixed(0)} ms`);
  row('viewer: jump to the middle -> painted', `${scrollMs.toFixed(0)} ms`);
  row('renderer JS heap after loading', `${(heap / 1024 / 1024).toFixed(0)} MiB`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
