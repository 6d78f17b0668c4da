// Script run latencies on the runner side: node scripts/run-ts.mjs scripts/bench-script-run.ts [rounds]
// Python hello (start -> end), a debug step (command -> next stop), a SQL SELECT of 1,000,000 rows capped at 3,000.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findRunnerResources } from '../src/main/runner/runner-service';
import { ScriptRunner } from '../src/main/runner/script/script-runner';
import type { ScriptEvent } from '../src/shared/runner-protocol';

const rounds = Number(process.argv[2] ?? 10);
const root = mkdtempSync(join(tmpdir(), 'bdp-bench-script-'));
writeFileSync(join(root, 'bdp.yaml'), 'name: bench\n');
const runner = new ScriptRunner({ workspaceRoot: root, resourcesDir: findRunnerResources(process.cwd())! });
const waiters: Array<(e: ScriptEvent) => boolean> = [];
runner.onDidScriptEvent((e) => {
  for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i](e)) waiters.splice(i, 1);
});
const next = (pred: (e: ScriptEvent) => boolean): Promise<ScriptEvent> =>
  new Promise((r) => waiters.push((e) => (pred(e) ? (r(e), true) : false)));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const hello: number[] = [];
for (let i = 0; i < rounds; i++) {
  const t0 = performance.now();
  const info = await runner.run({
    path: 'hello.py',
    language: 'python',
    text: 'def main():\n    print("hi")\n    return 0\n',
  });
  await next((e) => e.kind === 'end' && e.payload.runId === info.runId);
  hello.push(performance.now() - t0);
}
console.log(
  `python run (main() returning 0), start -> end: median ${median(hello).toFixed(0)} ms over ${rounds}`,
);

const text =
  'def main():\n    total = 0\n    for i in range(1000):\n        total += i\n    return 0 if total else 1\n';
const info = await runner.run({ path: 'loop.py', language: 'python', mode: 'debug', text, breakpoints: [4] });
await next((e) => e.kind === 'debug' && e.payload.state === 'paused');
const steps: number[] = [];
const stepsStart = performance.now();
for (let i = 0; i < rounds * 5; i++) {
  const t0 = performance.now();
  const stopped = next((e) => e.kind === 'debug' && e.payload.state === 'paused');
  runner.debugCommand(info.runId, 'next');
  const stop = await stopped;
  steps.push(performance.now() - t0);
  if (i === rounds * 5 - 1 && stop.kind === 'debug')
    console.log(
      `  last stop: line ${stop.payload.line}, ${JSON.stringify(stop.payload.frames?.[0]?.locals)}`,
    );
}
await runner.stop(info.runId);
console.log(
  `debugger step over (command -> stop with locals): median ${median(steps).toFixed(1)} ms, ${((performance.now() - stepsStart) / steps.length).toFixed(1)} ms mean, over ${steps.length}`,
);

const sql: number[] = [];
for (let i = 0; i < Math.min(rounds, 5); i++) {
  const t0 = performance.now();
  const q = await runner.run({
    path: 'q.sql',
    language: 'sql',
    text: 'select range as n, range * 2 as twice, md5(range::varchar) as h from range(1000000);',
  });
  const end = await next((e) => e.kind === 'end' && e.payload.runId === q.runId);
  if (end.kind === 'end' && end.payload.status !== 'success') throw new Error(JSON.stringify(end.payload));
  sql.push(performance.now() - t0);
}
console.log(
  `SQL select of 1,000,000 rows, 3,000 delivered: median ${median(sql).toFixed(0)} ms over ${sql.length}`,
);
await runner.dispose();
rmSync(root, { recursive: true, force: true });
