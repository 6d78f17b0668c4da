// Publish benchmark: 200 generated workflows against the in-process EnOS emulator. Reports,
// for plan (remote read + compare) and apply separately: HTTP requests received by the
// emulator, write calls, and seconds. Then an unchanged republish and one with a single
// changed workflow (expected: exactly one write). The same runs against the DolphinScheduler
// emulator, where every workflow also uploads a script to the Resource Center, plus one with a
// single changed script (expected: exactly one re-upload).
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
    contents: `export { startEnosEmulator } from './src/main/emulators/enos/server';
               export { createManualClock } from './src/main/emulators/common/clock';
               export { DEMO_APP, DEMO_USER } from './src/main/emulators/enos/store';
               export { EnosClient } from './src/main/sync/enos/client';
               export { readWorkspaceSnapshot } from './src/main/sync/workspace-snapshot';
               export { backendFor, countWrites } from './tests/support/publish-fixtures';
               export { startDsEmulator } from './src/main/emulators/dolphinscheduler/server';
               export { DEMO_TOKEN } from './src/main/emulators/dolphinscheduler/state';
               export { DsClient } from './src/main/sync/dolphinscheduler/client';
               export { dsBackendFor } from './tests/support/ds-fixtures';`,
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

// ---- DolphinScheduler ------------------------------------------------------------------
const dsWs = path.join(tmp, 'ds-ws');
const dsFile = (i) => path.join(dsWs, 'workflows', 'bench', `wf_${String(i).padStart(3, '0')}.workflow.yaml`);
const dsScript = (i) => path.join(dsWs, 'scripts', `wf_${String(i).padStart(3, '0')}.sh`);
const ds = await m.startDsEmulator({ clock: m.createManualClock(Date.now()) });
mkdirSync(path.join(dsWs, 'scripts'), { recursive: true });
writeFileSync(
  path.join(dsWs, 'bdp.yaml'),
  `name: bench\nenvironments:\n  - { name: ds, kind: dolphinscheduler, url: "${ds.url}", options: { project: retail } }\n`,
);
for (let i = 0; i < COUNT; i++) {
  mkdirSync(path.dirname(dsFile(i)), { recursive: true });
  const rel = `scripts/wf_${String(i).padStart(3, '0')}.sh`;
  writeFileSync(dsScript(i), `echo extract ${i}\n`);
  writeFileSync(
    dsFile(i),
    workflowYaml(i).replace(
      'command: "echo extract ${cal_dt} ${region}"',
      `command: "sh ${rel} \${cal_dt}", script: ${rel}`,
    ),
  );
}
const dsClient = new m.DsClient({ baseUrl: ds.url, token: m.DEMO_TOKEN });
const dsWrites = () => Object.values(ds.state.writes).reduce((a, b) => a + b, 0);
async function dsPublish(label) {
  const backend = m.dsBackendFor(dsClient, dsWs);
  const snapshot = await m.readWorkspaceSnapshot(dsWs);
  let r0 = ds.stats.requests;
  let w0 = dsWrites();
  let t0 = performance.now();
  const plan = await backend.planSnapshot(snapshot);
  const counts = {};
  for (const st of plan.steps)
    counts[`${st.kind === 'resource' ? 'res ' : ''}${st.action}`] =
      (counts[`${st.kind === 'resource' ? 'res ' : ''}${st.action}`] ?? 0) + 1;
  const planRow = {
    phase: `DS ${label}: plan`,
    requests: ds.stats.requests - r0,
    writes: dsWrites() - w0,
    seconds: (performance.now() - t0) / 1000,
  };
  planRow.steps = Object.entries(counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  r0 = ds.stats.requests;
  w0 = dsWrites();
  const up0 = (ds.state.writes.upload ?? 0) + (ds.state.writes.reupload ?? 0);
  t0 = performance.now();
  const result = await backend.apply(plan, () => undefined);
  if (!result.ok) throw new Error(`DS ${label}: ${result.failed.error.message}`);
  const uploads = (ds.state.writes.upload ?? 0) + (ds.state.writes.reupload ?? 0) - up0;
  const applyRow = {
    phase: `DS ${label}: apply`,
    requests: ds.stats.requests - r0,
    writes: dsWrites() - w0,
    seconds: (performance.now() - t0) / 1000,
    steps: `${result.applied.length} applied, ${uploads} upload(s)`,
  };
  return [planRow, applyRow];
}
rows.push(...(await dsPublish(`first publish (${COUNT})`)));
rows.push(...(await dsPublish('unchanged republish')));
writeFileSync(dsFile(42), readFileSync(dsFile(42), 'utf8').replace('0 30 2 * * ? *', '0 45 2 * * ? *'));
rows.push(...(await dsPublish('one workflow changed')));
writeFileSync(dsScript(7), 'echo extract 7 changed\n');
rows.push(...(await dsPublish('one script changed')));
const dsDefs = [...ds.state.definitions.values()];
const dsDupes = dsDefs.length - new Set(dsDefs.map((d) => d.versions.get(d.version).name)).size;
const dsFiles = [...ds.state.resources.keys()].filter((k) => !k.endsWith('/')).length;
dsClient.close();
await ds.close();
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
console.log(`EnOS remote workflows: ${flows.length}, duplicate names: ${dupes}`);
console.log(
  `DolphinScheduler definitions: ${dsDefs.length}, duplicate names: ${dsDupes}, resource files: ${dsFiles}, node ${process.version}`,
);
