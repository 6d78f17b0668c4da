// Data Sync benchmark: a 1 M-row CSV -> a warehouse partition (Parquet), in rows per second, next to
// DuckDB's own read_csv -> Parquet COPY of the same file (the floor: no type checks, no rejects).
// Usage: node scripts/bench-sync.mjs [--rows N] [--rounds R]
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg('rows', 1_000_000);
const ROUNDS = arg('rounds', 3);

// Bundle the sync module (external packages resolve from this project's node_modules).
const cache = resolve('node_modules', '.cache', 'bench-sync');
mkdirSync(cache, { recursive: true });
const bundle = join(cache, `sync-${process.pid}.mjs`);
await build({
  stdin: {
    contents: "export * from './src/main/runner/executors/data-sync'; export * from './src/main/runner/warehouse/warehouse'; export * from './src/main/runner/warehouse/duckdb'; export { syncSchema } from './src/shared/model';",
    resolveDir: resolve('.'),
    loader: 'ts',
  },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const m = await import(pathToFileURL(bundle).href);

const ws = mkdtempSync(join(tmpdir(), 'bdp-bench-sync-'));
try {
  mkdirSync(join(ws, 'data'));
  const csv = join(ws, 'data', 'orders.csv');
  const stores = ['SH-XUHUI', 'SH-JINGAN', 'BJ-CHAOYANG', 'HZ-XIHU', 'SZ-NANSHAN'];
  const statuses = ['completed', 'completed', 'completed', 'cancelled', 'refunded'];
  let t = Date.now();
  const lines = ['order_id,customer_id,order_ts,sku,qty,unit_price,status,store'];
  for (let i = 0; i < ROWS; i++) {
    const s = String(i % 86400);
    const ts = `2026-11-23 ${String(Math.floor(+s / 3600)).padStart(2, '0')}:${String(Math.floor((+s % 3600) / 60)).padStart(2, '0')}:${String(+s % 60).padStart(2, '0')}`;
    lines.push(`${7_000_000 + i},C${100000 + (i % 997)},${ts},SKU-${10000 + (i % 113)},${1 + (i % 5)},${((i % 9000) / 100 + 1).toFixed(2)},${statuses[i % 5]},${stores[i % 5]}`);
  }
  writeFileSync(csv, lines.join('\n') + '\n');
  const mb = statSync(csv).size / 1e6;
  console.log(`generated ${ROWS.toLocaleString('en')} rows (${mb.toFixed(1)} MB) in ${Date.now() - t} ms`);

  const sync = m.syncSchema.parse({
    source: { connection: 'files', path: 'orders.csv', headerRows: 1 },
    target: { table: 'ods.orders', partition: { column: 'dt', fill: 'placeholder', value: '2026-11-23' }, writeRule: 'overwrite' },
    mapping: [
      { source: 'order_id', target: 'order_id', type: 'BIGINT' },
      { source: 'customer_id', target: 'customer_id', type: 'VARCHAR' },
      { source: 'order_ts', target: 'order_ts', type: 'TIMESTAMP' },
      { source: 'sku', target: 'sku', type: 'VARCHAR' },
      { source: 'qty', target: 'qty', type: 'INTEGER' },
      { source: 'unit_price', target: 'unit_price', type: 'DECIMAL(10,2)' },
      { source: 'status', target: 'status', type: 'VARCHAR' },
      { source: 'store', target: 'store', type: 'VARCHAR' },
    ],
  });
  const warehouse = m.Warehouse.forWorkspace(ws);
  const syncTimes = [];
  const floorTimes = [];
  for (let r = 0; r < ROUNDS; r++) {
    t = performance.now();
    const res = await m.runFileToWarehouse({
      sync,
      workspaceRoot: ws,
      source: { name: 'files', type: 'FILE', path: 'data' },
      target: { name: 'warehouse', type: 'WAREHOUSE' },
      warehouse,
      log: () => undefined,
      signal: new AbortController().signal,
    });
    syncTimes.push(performance.now() - t);
    if (res.written !== ROWS) throw new Error(`wrote ${res.written} rows, expected ${ROWS}`);

    const s = await m.openDuckSession();
    t = performance.now();
    await s.run(`COPY (SELECT * FROM read_csv('${csv}', header = true, auto_detect = true)) TO '${join(ws, 'floor.parquet')}' (FORMAT parquet)`);
    floorTimes.push(performance.now() - t);
    s.close();
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const rate = (ms) => Math.round((ROWS * 1000) / ms).toLocaleString('en');
  console.log(`Data Sync CSV -> ods.orders dt=2026-11-23 (8 typed columns, reject checks): median ${median(syncTimes).toFixed(0)} ms = ${rate(median(syncTimes))} rows/s  [${syncTimes.map((x) => x.toFixed(0)).join(', ')} ms]`);
  console.log(`DuckDB read_csv -> Parquet COPY (floor, sniffed types):          median ${median(floorTimes).toFixed(0)} ms = ${rate(median(floorTimes))} rows/s  [${floorTimes.map((x) => x.toFixed(0)).join(', ')} ms]`);
  console.log(`ratio sync / floor: ${(median(syncTimes) / median(floorTimes)).toFixed(2)}x`);
} finally {
  rmSync(ws, { recursive: true, force: true });
  rmSync(bundle, { force: true });
}
