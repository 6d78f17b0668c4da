// Find in Files over 10,000 files (~40 MB): our search (walk + read + match, as the worker runs it)
// next to `grep -rn` on the same tree in the same run — the floor of a native scanner.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bdp-bench-search-'));
const out = path.join(dir, 'bundle.cjs');
await build({
  stdin: {
    contents: `export { findInFiles } from './src/main/services/search/find-in-files';`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'error',
});
const { findInFiles } = createRequire(import.meta.url)(out);

const root = path.join(dir, 'ws');
const FILES = 10_000;
const line = (i) =>
  `INSERT INTO dws.table_${i % 97} SELECT col_a, col_b, SUM(x) FROM ods.source_${i % 31} WHERE dt = '\${cal_dt}';\n`;
for (let f = 0; f < FILES; f++) {
  const folder = path.join(root, 'scripts', `d${f % 100}`);
  if (f < 100) mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, `f${f}.sql`),
    Array.from({ length: 60 }, (_, i) => line(f + i)).join('') + (f % 50 === 0 ? 'needle_token here\n' : ''),
  );
}

const time = async (fn, runs = 5) => {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(runs / 2)], result };
};
const query = (pattern, more = {}) => ({
  pattern,
  isRegex: false,
  matchCase: false,
  wholeWord: false,
  include: '',
  exclude: '',
  ...more,
});

console.log(`${FILES} files | case                    | ours ms | grep -rn ms | ratio | matches`);
for (const [name, q, grepArgs] of [
  ['rare literal', query('needle_token'), ['-rni', '--', 'needle_token']],
  ['common literal (capped)', query('ods.source_7'), ['-rniF', '--', 'ods.source_7']],
  ['regex', query('table_(1|2)[0-9]\\b', { isRegex: true }), ['-rniE', '--', 'table_(1|2)[0-9]\\b']],
]) {
  const ours = await time(() => findInFiles(root, q));
  const grep = await time(async () => spawnSync('grep', [...grepArgs, root], { maxBuffer: 1 << 30 }));
  console.log(
    `${' '.repeat(String(FILES).length)} | ${name.padEnd(23)} | ${ours.ms.toFixed(0).padStart(7)} | ${grep.ms.toFixed(0).padStart(11)} | ${(ours.ms / grep.ms).toFixed(1).padStart(5)} | ${ours.result.matchCount}${ours.result.limitHit ? ' (limit)' : ''}`,
  );
}
rmSync(dir, { recursive: true, force: true });
