// ELK auto-layout benchmark: time spent by ELK inside the real layout Web Worker, in Chromium,
// for seeded ETL-shaped workflows of 100-2,000 nodes, layoutOptionsFor(size) vs DEFAULT_ELK_OPTIONS.
//
// How: Vite bundles layout-client.ts + elk.worker.ts (the app's own worker code path) into a temp
// dir, a loopback http server serves it, Playwright drives the Chromium found on this machine. The "ms" columns
// are the worker's own measurement around layoutDag (no postMessage/clone cost); median of 3.
// It then checks the chosen layout of the 1,000-node workflow (left to right, no overlap,
// references in the first column).
//
//   node scripts/bench-layout.mjs            # or: npm run bench -- layout
//   BENCH_LAYOUT_EXTRA='{"t1":{"org.eclipse.elk.layered.thoroughness":"1"}}' node scripts/bench-layout.mjs
//     adds a column per named override of LAYOUT_OPTIONS (for tuning); BENCH_LAYOUT_SIZES=1000
//     limits the sizes, BENCH_LAYOUT_RUNS=5 sets the runs per median.
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright';
import { findChromium } from './lib/tools.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const layoutDir = path.join(repo, 'src/renderer/ui/workflow-graph/layout');
const SIZES = process.env.BENCH_LAYOUT_SIZES
  ? process.env.BENCH_LAYOUT_SIZES.split(',').map(Number)
  : [100, 500, 1000, 2000];
const RUNS = Number(process.env.BENCH_LAYOUT_RUNS) || 3;
const extra = JSON.parse(process.env.BENCH_LAYOUT_EXTRA || '{}');

/** mulberry32: small, seedable, good enough for test graphs. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An ETL-shaped workflow: ~sqrt(n)/1.6 stages (ingest -> clean -> join -> marts -> exports),
 * more nodes in early stages, 30% of the sources are references to other workflows. Each later
 * node has 1 parent (60%), 2 (28%), 3 (9%) or 4-7 (3%: wide joins); 75% of parents come from
 * the previous stage, the rest from any earlier one (long edges). Fan-out follows from the
 * random parent choice.
 */
function makeWorkflow(n, seed) {
  const rnd = rng(seed * 7919 + n);
  const stages = Math.max(4, Math.round(Math.sqrt(n) / 1.6));
  const byStage = Array.from({ length: stages }, () => []);
  const references = [];
  const tasks = [];
  for (let i = 0; i < n; i++) {
    const stage = i < stages ? i : Math.min(stages - 1, Math.floor(rnd() ** 1.3 * stages));
    const name = `n${i}`;
    if (stage === 0 && rnd() < 0.3) references.push({ name });
    else tasks.push({ name });
    byStage[stage].push(name);
  }
  const relations = [];
  const seen = new Set();
  byStage.forEach((names, stage) => {
    if (stage === 0) return;
    for (const to of names) {
      const u = rnd();
      const parents = u < 0.6 ? 1 : u < 0.88 ? 2 : u < 0.97 ? 3 : 4 + Math.floor(rnd() * 4);
      for (let k = 0; k < parents; k++) {
        const back = rnd() < 0.75 ? 1 : 1 + Math.floor(rnd() * stage);
        const pool = byStage[stage - back];
        const from = pool[Math.floor(rnd() * pool.length)];
        if (seen.has(`${from}>${to}`)) continue;
        seen.add(`${from}>${to}`);
        relations.push({ from, to });
      }
    }
  });
  return { references, tasks, relations };
}

const entry = `
import { LayoutClient } from ${JSON.stringify(path.join(layoutDir, 'layout-client.ts'))};
import { DEFAULT_ELK_OPTIONS, layoutOptionsFor, toLayoutGraph } from ${JSON.stringify(path.join(layoutDir, 'layout-dag.ts'))};
const client = new LayoutClient({ deadlineMs: 120000 });
window.benchLayout = async (workflow, which, overrides) => {
  const graph = toLayoutGraph(workflow);
  const options = which === 'default' ? DEFAULT_ELK_OPTIONS : { ...layoutOptionsFor(graph.children.length), ...overrides };
  const started = performance.now();
  const outcome = await client.layout(graph, options);
  if (outcome.status !== 'done') throw new Error('unexpected stale layout');
  return { elkMs: outcome.elkMs, roundTripMs: performance.now() - started, edges: graph.edges.length, result: outcome.result };
};
window.benchReady = true;
`;

async function bundle(dir) {
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>layout bench</title><script type="module" src="./entry.ts"></script>',
  );
  writeFileSync(path.join(dir, 'entry.ts'), entry);
  await build({
    root: dir,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: { outDir: path.join(dir, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 8000, minify: true },
    worker: { format: 'es' },
  });
}

function serve(root) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };
  const server = createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root) || !existsSync(file) || file === root) {
      res.writeHead(file === root || req.url === '/' ? 302 : 404, { location: '/index.html' }).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function check(workflow, result) {
  const nodes = new Map(result.nodes.map((n) => [n.id, n]));
  const problems = [];
  for (const e of result.edges)
    if (!(nodes.get(e.target).x > nodes.get(e.source).x)) problems.push(`edge ${e.id} does not go right`);
  const sorted = [...result.nodes].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].x < a.x + a.width; j++) {
      const b = sorted[j];
      if (a.y < b.y + b.height && b.y < a.y + a.height) problems.push(`${a.id} overlaps ${b.id}`);
    }
  }
  const minX = Math.min(...result.nodes.map((n) => n.x));
  for (const r of workflow.references)
    if (nodes.get(r.name).x !== minX) problems.push(`reference ${r.name} not in the first layer`);
  if (result.nodes.length !== workflow.tasks.length + workflow.references.length)
    problems.push('nodes missing');
  return problems;
}

const started = Date.now();
const dir = mkdtempSync(path.join(tmpdir(), 'bdp-bench-layout-'));
let server;
let browser;
try {
  await bundle(dir);
  server = await serve(path.join(dir, 'dist'));
  browser = await chromium.launch({
    executablePath: findChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  await page.waitForFunction(() => globalThis.benchReady === true);
  const version = browser.version();
  // Warm-up: loads ELK in the worker and lets V8 tier up before anything is timed.
  for (let i = 0; i < 2; i++)
    await page.evaluate(([w]) => globalThis.benchLayout(w, 'chosen', {}), [makeWorkflow(300, 99)]);

  const columns = ['default', 'chosen', ...Object.keys(extra)];
  const rows = [];
  let validation;
  for (const n of SIZES) {
    const workflow = makeWorkflow(n, 1);
    const times = Object.fromEntries(columns.map((c) => [c, []]));
    let edges = 0;
    for (let run = 0; run < RUNS; run++) {
      // Interleaved, so drift in machine load hits every column alike.
      for (const c of columns) {
        const r = await page.evaluate(
          ([w, which, o]) => globalThis.benchLayout(w, which, o),
          [workflow, c === 'default' ? 'default' : 'chosen', extra[c] ?? {}],
        );
        times[c].push(r.elkMs);
        edges = r.edges;
        if (n === 1000 && c === 'chosen' && run === 0) validation = check(workflow, r.result);
      }
    }
    rows.push({ n, edges, ...Object.fromEntries(columns.map((c) => [c, median(times[c])])) });
  }

  console.log(
    `ELK layered, left to right, in the layout Web Worker (Chromium ${version} via Playwright; Vite-bundled elk.worker.ts)`,
  );
  console.log(
    `ELK time measured inside the worker, median of ${RUNS} runs, node size 220x64, seeded ETL-shaped DAGs\n`,
  );
  const head = [
    'nodes',
    'edges',
    'default ms',
    'chosen ms',
    'speed-up',
    ...Object.keys(extra).map((k) => `${k} ms`),
  ];
  const lines = rows.map((r) => [
    String(r.n),
    String(r.edges),
    r.default.toFixed(0),
    r.chosen.toFixed(0),
    `${(r.default / r.chosen).toFixed(2)}x`,
    ...Object.keys(extra).map((k) => r[k].toFixed(0)),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  console.log(fmt(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
  const at1000 = rows.find((r) => r.n === 1000);
  if (at1000) {
    console.log(
      `\n1,000 nodes with the chosen options: ${at1000.chosen.toFixed(0)} ms (budget 1,500 ms) ${at1000.chosen < 1500 ? 'OK' : 'OVER BUDGET'}`,
    );
    console.log(
      `1,000-node layout check (left to right, no overlap, references first): ${validation.length === 0 ? 'OK' : validation.slice(0, 5).join('; ')}`,
    );
    if (validation.length > 0) process.exitCode = 1;
  }
  console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
}
