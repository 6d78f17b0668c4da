// Benchmark: a 1,000-task DAG of no-op SHELL tasks run by the runner process at parallelism 2,
// side by side with `make -j2` on the same DAG. Prints both wall times, the ratio and the runner
// child's peak RSS. Rounds alternate make and runner so load changes hit both; medians are
// reported. Usage: node scripts/bench-runner.mjs [--tasks N] [--parallelism P] [--rounds R] [--keep]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const TASKS = arg('tasks', 1000);
const PARALLELISM = arg('parallelism', 2);
const ROUNDS = arg('rounds', 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const KEEP = process.argv.includes('--keep');
const repo = resolve(import.meta.dirname, '..');

/** Deterministic PRNG (mulberry32), so every run benchmarks the same DAG. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A layered DAG: ~25 layers; each node has 1-3 parents from the previous two layers. */
function makeDag(n, seed = 42) {
  const rand = rng(seed);
  const names = Array.from({ length: n }, (_, i) => `t${String(i).padStart(4, '0')}`);
  const layers = [];
  const perLayer = Math.max(1, Math.round(n / 25));
  for (let i = 0; i < n; i += perLayer) layers.push(names.slice(i, i + perLayer));
  const relations = [];
  for (let l = 1; l < layers.length; l++) {
    const pool = [...layers[l - 1], ...(layers[l - 2] ?? [])];
    for (const to of layers[l]) {
      const k = 1 + Math.floor(rand() * 3);
      const parents = new Set();
      for (let j = 0; j < k; j++) parents.add(pool[Math.floor(rand() * pool.length)]);
      for (const from of parents) relations.push({ from, to });
    }
  }
  return { names, relations };
}

const work = mkdtempSync(join(tmpdir(), 'bdp-bench-'));
try {
  const { names, relations } = makeDag(TASKS);
  console.log(`DAG: ${names.length} tasks, ${relations.length} relations, parallelism ${PARALLELISM}`);

  // --- make -j ---
  // Two Makefiles: the same work as the runner (every SHELL task runs as `bash -c <command>`),
  // and make's own fast path (`true` exec'd directly, no shell) as a lower bound.
  const deps = new Map(names.map((n) => [n, []]));
  for (const r of relations) deps.get(r.to).push(r.from);
  const makefile = (recipe) =>
    [
      '.PHONY: all ' + names.join(' '),
      `all: ${names.join(' ')}`,
      ...names.map((n) => `${n}: ${deps.get(n).join(' ')}\n\t@${recipe}`),
    ].join('\n') + '\n';
  const timeMake = (recipe) => {
    writeFileSync(join(work, 'Makefile'), makefile(recipe));
    const m0 = performance.now();
    execFileSync('make', [`-j${PARALLELISM}`, '-s', '-f', join(work, 'Makefile'), 'all'], {
      cwd: work,
      stdio: 'inherit',
    });
    return performance.now() - m0;
  };

  // --- runner (bundled the way the app ships it: a separate child process) ---
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
  });
  await build({
    stdin: {
      contents: `export { RunnerClient } from './src/main/services/runner/runner-client';\nexport { workflowSchema } from './src/shared/model';`,
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
  const workspace = join(work, 'ws');
  execFileSync('mkdir', ['-p', workspace]);
  const workflow = workflowSchema.parse({
    name: 'bench',
    schedule: { type: 'manual' },
    tasks: names.map((name) => ({ name, type: 'SHELL', command: 'true' })),
    relations,
  });
  const client = await RunnerClient.start({
    modulePath: runnerJs,
    execArgv: process.env.BDP_BENCH_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BDP_BENCH_PROF}`]
      : [],
    service: {
      workspaceRoot: workspace,
      parallelism: PARALLELISM,
      resourcesDir: join(repo, 'resources/runner'),
      spawnHelper: process.env.BDP_BENCH_NODE_SPAWN ? false : true,
    },
  });
  try {
    const runOnce = async () => {
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
      const r0 = performance.now();
      const started = await client.start({ workflow, triggerTime: '2026-11-24 08:00:00' });
      const end = await finished;
      const ms = performance.now() - r0;
      const dir = join(workspace, '.bdp', 'runs', 'bench', started.instanceId);
      const onDisk = JSON.parse(readFileSync(join(dir, 'instance.json'), 'utf8'));
      const logs = readdirSync(dir).filter((f) => f.endsWith('.log')).length;
      const ok =
        end.status === 'SUCCESS' &&
        onDisk.status === 'SUCCESS' &&
        onDisk.tasks.every((t) => t.status === 'SUCCESS') &&
        logs === names.length;
      return { ms, ok, logs };
    };
    const makeMs = [];
    const makeFastMs = [];
    const runnerMs = [];
    let allOk = true;
    for (let round = 1; round <= ROUNDS; round++) {
      makeMs.push(timeMake("bash -c 'true'"));
      makeFastMs.push(timeMake('true'));
      const r = await runOnce();
      runnerMs.push(r.ms);
      allOk &&= r.ok;
      console.log(
        `round ${round}: make(bash) ${makeMs.at(-1).toFixed(0)} ms, make(true) ${makeFastMs.at(-1).toFixed(0)} ms, runner ${r.ms.toFixed(0)} ms (${r.ok ? 'state + ' + r.logs + ' logs persisted' : 'NOT persisted'}), ratio ${(r.ms / makeMs.at(-1)).toFixed(2)}x`,
      );
    }
    const diag = await client.diagnostics();
    const [mk, mkf, rn] = [median(makeMs), median(makeFastMs), median(runnerMs)];
    console.log(
      `median of ${ROUNDS}: make -j${PARALLELISM} recipe bash -c 'true' (same work as the runner) ${mk.toFixed(0)} ms; recipe true (no shell) ${mkf.toFixed(0)} ms; runner ${rn.toFixed(0)} ms`,
    );
    console.log(
      `ratio runner / make (same work): ${(rn / mk).toFixed(2)}x (target <= 3x); runner / make without shell: ${(rn / mkf).toFixed(2)}x`,
    );
    if (!allOk) {
      console.error('state or logs were not fully persisted');
      process.exitCode = 1;
    }
    console.log(`runner process peak RSS: ${(diag.maxRssBytes / 1048576).toFixed(1)} MiB`);
  } finally {
    await client.dispose();
  }
} finally {
  if (KEEP) console.log(`kept ${work}`);
  else if (existsSync(work)) rmSync(work, { recursive: true, force: true });
}
