// Publish benchmark: 200 generated workflows against the in-process EnOS emulator. Reports,
// for plan (remote read + compare) and apply separately: HTTP requests received by the
// emulator, write calls, and seconds. Then an unchanged republish and one with a single
// changed workflow (expected: exactly one write).
// Usage: node scripts/bench-publish.mjs [workflowCount]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const COUNT = Number(process.argv[2] ?? 200);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bdp-bench-publish-'));
const bundle = path.join(tmp, 'bundle.cjs');
await build({
  stdin: {
    contents: `export { startEnosEmulator } from './src/main/sync/enos/emulator/server';
               export { createManualClock } from './src/main/sync/enos/emulator/clock';
               export { DEMO_APP, DEMO_USER } from './src/main/sync/enos/emulator/store';
               export { EnosClient } from './src/main/sync/enos/client';
               export { readWorkspaceSnapshot } from './src/main/sync/workspace-snapshot';
               export { backendFor, countWrites } from './src/main/sync/enos/publish-fixtures';`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: bundle,
  logLevel: 'error',
});
const m = createRequire(import.meta.url)(bundle);

// ---- a generated workspace ------------------------------------------------------------
const ws = path.join(tmp, 'ws');
const wfFile = (i) =>
  path.join(ws, 'workflows', 'bench', `d${i % 4}`, `wf_${String(i).padStart(3, '0')}.workflow.yaml`);
function workflowYaml(i, cron = '0 30 2 * * ? *') {
  const lines = [
    `name: wf_${String(i).padStart(3, '0')}`,
    'description: generated for the publish benchmark',
    `schedule: { type: periodic, cycle: D, cron: "${cron}", effectiveDate: 2026-01-01 }`,
    'parameters: { region: cn1 }',
  ];
  // Every 10th workflow waits on the previous one (a Flow Ref): dependency order matters.
  if (i % 10 === 9)
    lines.push(
      'references:',
      `  - { name: wait_prev, kind: flow, workflow: wf_${String(i - 1).padStart(3, '0')} }`,
    );
  lines.push('tasks:');
  for (const t of ['extract', 'transform', 'load']) {
    lines.push(
      `  - { name: ${t}, type: SHELL, command: "echo ${t} \${cal_dt} \${region}", config: { timeout: 300, retryTimes: 1 } }`,
    );
  }
  lines.push('relations:', '  - { from: extract, to: transform }', '  - { from: transform, to: load }');
  if (i % 10 === 9) lines.push('  - { from: wait_prev, to: extract }');
  return lines.join('\n') + '\n';
}

const emulatorClock = m.createManualClock(Date.now());
const emulator = await m.startEnosEmulator({ clock: emulatorClock });
mkdirSync(ws, { recursive: true });
writeFileSync(
  path.join(ws, 'bdp.yaml'),
  `name: bench\nenvironments:\n  - { name: test, kind: enos, url: "${emulator.url}", options: { orgId: ${m.DEMO_USER.orgId}, userId: ${m.DEMO_USER.userId}, accessKey: ${m.DEMO_APP.appKey} } }\n`,
);
for (let i = 0; i < COUNT; i++) {
  mkdirSync(path.dirname(wfFile(i)), { recursive: true });
  writeFileSync(wfFile(i), workflowYaml(i));
}

const client = new m.EnosClient({
  gateway: emulator.url,
  orgId: m.DEMO_USER.orgId,
  userId: m.DEMO_USER.userId,
  appKey: m.DEMO_APP.appKey,
  appSecret: m.DEMO_APP.appSecret,
});
const writes = m.countWrites(client);

async function publish(label) {
  const backend = m.backendFor(client, ws);
  const snapshot = await m.readWorkspaceSnapshot(ws);
  let r0 = emulator.stats.requests;
  let w0 = writes.total();
  let t0 = performance.now();
  const plan = await backend.planSnapshot(snapshot);
  const planRow = {
    phase: `${label}: plan`,
    requests: emulator.stats.requests - r0,
    writes: writes.total() - w0,
    seconds: (performance.now() - t0) / 1000,
  };
  const counts = {};
  for (const s of plan.steps) counts[s.action] = (counts[s.action] ?? 0) + 1;
  r0 = emulator.stats.requests;
  w0 = writes.total();
  t0 = performance.now();
  const result = await backend.apply(plan, () => undefined);
  if (!result.ok) throw new Error(`${label}: ${result.failed.error.message}`);
  const applyRow = {
    phase: `${label}: apply`,
    requests: emulator.stats.requests - r0,
    writes: writes.total() - w0,
    seconds: (performance.now() - t0) / 1000,
  };
  planRow.steps = Object.entries(counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  applyRow.steps = `${result.applied.length} applied`;
  return [planRow, applyRow];
}

const rows = [];
rows.push(...(await publish(`first publish (${COUNT})`)));
rows.push(...(await publish('unchanged republish')));
writeFileSync(wfFile(42), readFileSync(wfFile(42), 'utf8').replace('0 30 2 * * ? *', '0 45 2 * * ? *'));
rows.push(...(await publish('one workflow changed')));

const flows = [...emulator.state.flows.values()];
const dupes = flows.length - new Set(flows.map((f) => f.name)).size;
client.close();
await emulator.close();
rmSync(tmp, { recursive: true, force: true });

const head = ['phase', 'requests', 'writes', 'seconds', 'steps'];
const cells = rows.map((r) => [r.phase, String(r.requests), String(r.writes), r.seconds.toFixed(2), r.steps]);
const w = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
const line = (c) =>
  c
    .map((x, i) => (i === 0 || i === 4 ? x.padEnd(w[i]) : x.padStart(w[i])))
    .join('  ')
    .trimEnd();
console.log(line(head));
for (const c of cells) console.log(line(c));
console.log(`remote workflows: ${flows.length}, duplicate names: ${dupes}, node ${process.version}`);
