// Data Sync benchmark: a 1 M-row CSV -> a warehouse partition (Parquet), in rows per second, next to
// DuckDB's own read_csv -> Parquet COPY of the same file (the floor: no type checks, no rejects).
// Then, when PostgreSQL is installed, the same rows in a real PostgreSQL table -> the warehouse
// (cursor batches, same type checks) and the partition back into a new PostgreSQL table, with
// this process's peak RSS (rows stream; a table is never in memory whole).
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
    contents:
      "export * from './src/main/runner/executors/data-sync'; export * from './src/main/runner/warehouse/warehouse'; export * from './src/main/runner/warehouse/duckdb'; export { syncSchema } from './src/shared/model'; export * from './src/main/runner/executors/db-sync'; export * from './tests/support/postgres-test-server';",
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
    lines.push(
      `${7_000_000 + i},C${100000 + (i % 997)},${ts},SKU-${10000 + (i % 113)},${1 + (i % 5)},${((i % 9000) / 100 + 1).toFixed(2)},${statuses[i % 5]},${stores[i % 5]}`,
    );
  }
  writeFileSync(csv, lines.join('\n') + '\n');
  const mb = statSync(csv).size / 1e6;
  console.log(`generated ${ROWS.toLocaleString('en')} rows (${mb.toFixed(1)} MB) in ${Date.now() - t} ms`);

  const sync = m.syncSchema.parse({
    source: { connection: 'files', path: 'orders.csv', headerRows: 1 },
    target: {
      table: 'ods.orders',
      partition: { column: 'dt', fill: 'placeholder', value: '2026-11-23' },
      writeRule: 'overwrite',
    },
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
    await s.run(
      `COPY (SELECT * FROM read_csv('${csv}', header = true, auto_detect = true)) TO '${join(ws, 'floor.parquet')}' (FORMAT parquet)`,
    );
    floorTimes.push(performance.now() - t);
    s.close();
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const rate = (ms) => Math.round((ROWS * 1000) / ms).toLocaleString('en');
  console.log(
    `Data Sync CSV -> ods.orders dt=2026-11-23 (8 typed columns, reject checks): median ${median(syncTimes).toFixed(0)} ms = ${rate(median(syncTimes))} rows/s  [${syncTimes.map((x) => x.toFixed(0)).join(', ')} ms]`,
  );
  console.log(
    `DuckDB read_csv -> Parquet COPY (floor, sniffed types):          median ${median(floorTimes).toFixed(0)} ms = ${rate(median(floorTimes))} rows/s  [${floorTimes.map((x) => x.toFixed(0)).join(', ')} ms]`,
  );
  console.log(`ratio sync / floor: ${(median(syncTimes) / median(floorTimes)).toFixed(2)}x`);

  if (m.findPostgresBin()) {
    const pg = await m.startPostgres();
    try {
      const c = await pg.connect();
      await c.query(`CREATE TABLE orders AS SELECT i::bigint AS order_id, 'C' || (i % 5000) AS customer_id, timestamp '2026-11-23 00:00' + (i % 86400) * interval '1 second' AS order_ts,
        'SKU-' || (i % 977) AS sku, (i % 9 + 1)::int AS qty, ((i % 10000) / 100.0)::numeric(10,2) AS unit_price, CASE WHEN i % 10 = 0 THEN 'returned' ELSE 'paid' END AS status, 'S' || (i % 40) AS store
        FROM generate_series(1, ${ROWS}) i`);
      const pgConn = {
        name: 'pg',
        type: 'POSTGRESQL',
        host: pg.host,
        port: pg.port,
        database: pg.database,
        user: pg.user,
      };
      const base = {
        workspaceRoot: ws,
        warehouse,
        log: () => undefined,
        signal: new AbortController().signal,
        password: pg.password,
      };
      const rss0 = process.resourceUsage().maxRSS;
      t = performance.now();
      const pulled = await m.runDatabaseToWarehouse({
        ...base,
        sync: m.syncSchema.parse({
          ...sync,
          source: { connection: 'pg', table: 'orders', filter: 'order_id > 0' },
          target: { ...sync.target, table: 'ods.pg_orders' },
        }),
        source: pgConn,
        target: { name: 'warehouse', type: 'WAREHOUSE' },
      });
      const pullMs = performance.now() - t;
      if (pulled.written !== ROWS) throw new Error(`PostgreSQL -> warehouse wrote ${pulled.written} rows`);
      t = performance.now();
      const pushed = await m.runWarehouseToDatabase({
        ...base,
        sync: m.syncSchema.parse({
          source: { connection: 'warehouse', table: 'ods.pg_orders', partition: '2026-11-23' },
          target: { connection: 'pg', table: 'orders_copy', writeRule: 'overwrite' },
        }),
        source: { name: 'warehouse', type: 'WAREHOUSE' },
        target: pgConn,
      });
      const pushMs = performance.now() - t;
      if (pushed.written !== ROWS) throw new Error(`warehouse -> PostgreSQL wrote ${pushed.written} rows`);
      const rss = process.resourceUsage().maxRSS;
      console.log(
        `Data Sync PostgreSQL table -> ods.pg_orders dt=2026-11-23 (same mapping):      ${pullMs.toFixed(0)} ms = ${rate(pullMs)} rows/s`,
      );
      console.log(
        `Data Sync warehouse partition -> new PostgreSQL table (one transaction):  ${pushMs.toFixed(0)} ms = ${rate(pushMs)} rows/s`,
      );
      console.log(
        `bench process peak RSS: ${(rss / 1024).toFixed(0)} MiB (${(rss0 / 1024).toFixed(0)} MiB before the PostgreSQL syncs)`,
      );
    } finally {
      await pg.stop();
    }
  } else console.log('PostgreSQL is not installed: database syncs not measured');
} finally {
  rmSync(ws, { recursive: true, force: true });
  rmSync(bundle, { force: true });
}
