// `npm run bench`: runs every scripts/bench-*.mjs in turn; each prints its own table.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const only = process.argv.slice(2);
const scripts = readdirSync('scripts')
  .filter((f) => /^bench-.+\.mjs$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of scripts) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, [path.join('scripts', file)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
