// Workflow validation cost: the full validator (YAML with positions + schema + DAG + problem
// positions) next to a bare YAML parse of the same text — the floor any validator pays.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bdp-bench-validate-'));
const out = path.join(dir, 'bundle.cjs');
await build({
  stdin: {
    contents: `export { validateWorkspaceFile } from './src/shared/model/validate-file';
               export { parseDocument } from 'yaml';`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'error',
  alias: { yaml: './node_modules/yaml/browser/index.js' }, // as the app's main bundle does
});
const { validateWorkspaceFile, parseDocument } = createRequire(import.meta.url)(out);

function workflowText(tasks) {
  const lines = ['name: bench', 'schedule: { type: manual }', 'tasks:'];
  for (let i = 0; i < tasks; i++) {
    lines.push(
      `  - name: t${i}`,
      '    type: SHELL',
      `    command: echo ${i} \${cal_dt}`,
      '    config: { timeout: 300, retryTimes: 1 }',
    );
  }
  lines.push('relations:');
  for (let i = 1; i < tasks; i++) lines.push(`  - { from: t${Math.floor((i - 1) / 2)}, to: t${i} }`);
  return lines.join('\n') + '\n';
}

function median(fn, runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

console.log('tasks | KiB  | yaml parse ms | full validate ms | problems');
for (const n of [10, 100, 1000, 5000]) {
  const text = workflowText(n);
  const path = 'workflows/bench.workflow.yaml';
  const result = validateWorkspaceFile(path, text);
  const bare = median(() => parseDocument(text));
  const full = median(() => validateWorkspaceFile(path, text));
  console.log(
    `${String(n).padStart(5)} | ${(text.length / 1024).toFixed(0).padStart(4)} | ${bare.toFixed(1).padStart(13)} | ${full.toFixed(1).padStart(16)} | ${result.problems.length}`,
  );
}
rmSync(dir, { recursive: true, force: true });
