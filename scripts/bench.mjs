// `npm run bench`: runs every scripts/bench-*.mjs (and bench-*.ts, through run-ts) in turn; each
// prints its own table. `npm run bench -- NAME...` runs those whose file name contains a NAME.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const only = process.argv.slice(2);
const scripts = readdirSync('scripts')
  .filter((f) => /^bench-.+\.(mjs|ts)$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of scripts) {
  console.log(`\n=== ${file} ===`);
  const script = path.join('scripts', file);
  const args = file.endsWith('.ts') ? [path.join('scripts', 'run-ts.mjs'), script] : [script];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
