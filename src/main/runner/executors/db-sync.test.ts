import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncSchema, type Connection } from '../../../shared/model';
import { Warehouse } from '../warehouse/warehouse';
import type { SyncResult } from './data-sync';
import { runDatabaseToWarehouse, runWarehouseToDatabase } from './db-sync';
import { startPostgres, type PostgresTestServer } from '../../../../tests/support/postgres-test-server';
import { previewSource } from './preview';
import { copySample, queryWarehouse } from '../../../../tests/support/warehouse-fixtures';

let pg: PostgresTestServer;
let ws: string;
let logs: string[];
let crm: Connection;
const warehouse: Connection = { name: 'warehouse', type: 'WAREHOUSE' };

beforeAll(async () => {
  pg = await startPostgres();
  crm = {
    name: 'crm',
    type: 'POSTGRESQL',
    host: pg.host,
    port: pg.port,
    database: pg.database,
    user: pg.user,
    schema: 'sales',
  };
  const c = await pg.connect();
  await c.query(`CREATE SCHEMA sales;
    CREATE TABLE sales.orders (order_id bigint, customer text, amount numeric(10,2), placed_at timestamp, dt date, note text);
    INSERT INTO sales.orders SELECT i, 'c' || (i % 7), (i * 1.5)::numeric(10,2), timestamp '2026-11-23 08:00' + i * interval '1 minute',
      CASE WHEN i <= 12000 THEN date '2026-11-23' ELSE date '2026-11-22' END, CASE WHEN i = 3 THEN 'has, comma "and" quote' END
    FROM generate_series(1, 15000) i;
    INSERT INTO sales.orders VALUES (99999, 'bad', NULL, NULL, '2026-11-23', 'n/a');`);
}, 60_000);
afterAll(() => pg?.stop());
beforeEach(() => {
  ws = copySample();
  logs = [];
});
afterEach(() => rmSync(ws, { recursive: true, force: true }));

function job(
  input: Record<string, unknown>,
  source: Connection,
  target: Connection,
  password: string | undefined = pg.password,
): Parameters<typeof runDatabaseToWarehouse>[0] {
  return {
    sync: syncSchema.parse(input),
    workspaceRoot: ws,
    source,
    target,
    warehouse: Warehouse.forWorkspace(ws),
    log: (l) => logs.push(l),
    signal: new AbortController().signal,
    password,
  };
}

const pgToWarehouse = (writeRule: string, filter = "dt = '2026-11-23'"): Record<string, unknown> => ({
  source: { connection: 'crm', table: 'orders', filter },
  target: {
    table: 'ods.crm_orders',
    partition: { column: 'dt', fill: 'fixed', value: '2026-11-23' },
    writeRule,
  },
  mapping: [
    { source: 'order_id', target: 'order_id', type: 'BIGINT' },
    { source: 'customer', target: 'customer', type: 'STRING' },
    { source: 'amount', target: 'amount', type: 'DECIMAL(10,2)' },
    { source: 'placed_at', target: 'placed_at', type: 'TIMESTAMP' },
    { source: 'note', target: 'note' },
  ],
});

describe('PostgreSQL -> warehouse', () => {
  it('filters, maps types into a partition; overwrite replaces, append adds', async () => {
    const first: SyncResult = await runDatabaseToWarehouse(job(pgToWarehouse('overwrite'), crm, warehouse));
    expect(first).toMatchObject({ read: 12001, written: 12001, rejected: 0, partitions: ['dt=2026-11-23'] });
    const rows = await queryWarehouse(
      ws,
      'SELECT order_id, amount::VARCHAR AS amount, placed_at::VARCHAR AS placed_at, note FROM ods.crm_orders WHERE order_id IN (3, 99999) ORDER BY order_id',
    );
    expect(rows).toEqual([
      { order_id: '3', amount: '4.50', placed_at: '2026-11-23 08:03:00', note: 'has, comma "and" quote' },
      { order_id: '99999', amount: null, placed_at: null, note: 'n/a' },
    ]);
    await runDatabaseToWarehouse(job(pgToWarehouse('overwrite'), crm, warehouse));
    expect(await queryWarehouse(ws, 'SELECT count(*)::INT AS n FROM ods.crm_orders')).toEqual([{ n: 12001 }]);
    await runDatabaseToWarehouse(job(pgToWarehouse('append', 'order_id <= 10'), crm, warehouse));
    expect(await queryWarehouse(ws, 'SELECT count(*)::INT AS n FROM ods.crm_orders')).toEqual([{ n: 12011 }]);
    expect(logs.join('\n')).toContain('fetched 12001 row(s)');
  });

  it('rejects values that do not convert to the mapped type and counts them', async () => {
    const sync = pgToWarehouse('overwrite', 'order_id > 14990 OR order_id = 99999');
    (sync.mapping as { source: string; target: string; type?: string }[]).push({
      source: 'note',
      target: 'note_num',
      type: 'INT',
    });
    (sync.mapping as { source: string; target: string }[]).splice(4, 1);
    const r = await runDatabaseToWarehouse(job(sync, crm, warehouse));
    expect(r).toMatchObject({ read: 11, written: 10, rejected: 1 });
    expect(logs.join('\n')).toMatch(/column note = "n\/a" is not a valid INTEGER/);
  });

  it('a wrong password fails clearly and the password never shows', async () => {
    const err = await runDatabaseToWarehouse(
      job(pgToWarehouse('overwrite'), crm, warehouse, 'wrong-pw-123'),
    ).catch((e: Error) => e);
    expect(String(err)).toMatch(
      /cannot connect to crm \(PostgreSQL bdp@127\.0\.0\.1:\d+\/bdp_test\): password authentication failed/,
    );
    expect(String(err)).not.toContain('wrong-pw-123');
  });

  it('a server that is not running fails with "connection refused"', async () => {
    const down: Connection = { ...crm, port: 1 } as Connection;
    const err = await runDatabaseToWarehouse(job(pgToWarehouse('overwrite'), down, warehouse)).catch(
      (e: Error) => e,
    );
    expect(String(err)).toMatch(
      /cannot connect to crm .*connection refused at 127\.0\.0\.1:1 \(is the server running\?\)/,
    );
  });

  it('stop ends the query in flight: "stopped", nothing written, staging removed', async () => {
    const abort = new AbortController();
    const j = {
      ...job(pgToWarehouse('overwrite', "dt = '2026-11-23' AND pg_sleep(0.001) IS NOT NULL"), crm, warehouse),
      signal: abort.signal,
    };
    setTimeout(() => abort.abort(), 400);
    const t0 = Date.now();
    const err = await runDatabaseToWarehouse(j).catch((e: Error) => e);
    expect(String(err)).toBe('Error: stopped');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(existsSync(join(ws, '.bdp', 'warehouse', 'ods', 'crm_orders', 'dt=2026-11-23'))).toBe(false);
    expect(readdirSync(join(ws, '.bdp', 'warehouse', '.staging'))).toEqual([]);
  });

  it('previews the first rows of a table with its filter', async () => {
    const p = await previewSource(
      ws,
      crm,
      {
        connection: 'crm',
        table: 'orders',
        filter: 'order_id <= 3',
        delimiter: ',',
        encoding: 'UTF-8',
        compression: 'none',
        headerRows: 1,
      },
      2,
      pg.password,
    );
    expect(p.columns).toEqual(['order_id', 'customer', 'amount', 'placed_at', 'dt', 'note']);
    expect(p.rows).toEqual([
      ['1', 'c1', '1.50', '2026-11-23 08:01:00', '2026-11-23', null],
      ['2', 'c2', '3.00', '2026-11-23 08:02:00', '2026-11-23', null],
    ]);
  });
});

describe('warehouse -> PostgreSQL', () => {
  it('creates the missing table, overwrites in a transaction, appends', async () => {
    await runDatabaseToWarehouse(job(pgToWarehouse('overwrite'), crm, warehouse));
    const back = (writeRule: string): Record<string, unknown> => ({
      source: { connection: 'warehouse', table: 'ods.crm_orders', partition: '2026-11-23' },
      target: { connection: 'crm', table: 'report.orders_copy', writeRule },
    });
    const c = await pg.connect();
    await c.query('CREATE SCHEMA report');
    const r1 = await runWarehouseToDatabase(job(back('overwrite'), warehouse, crm));
    expect(r1.written).toBe(12001);
    expect(logs.join('\n')).toContain('created table "report"."orders_copy"');
    const types = await c.query(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'report' AND table_name = 'orders_copy' ORDER BY ordinal_position",
    );
    expect(types.rows.map((r: { data_type: string }) => r.data_type)).toEqual([
      'bigint',
      'text',
      'numeric',
      'timestamp without time zone',
      'text',
    ]);
    await runWarehouseToDatabase(job(back('overwrite'), warehouse, crm));
    expect((await c.query('SELECT count(*)::int AS n FROM report.orders_copy')).rows[0].n).toBe(12001);
    await runWarehouseToDatabase(job(back('append'), warehouse, crm));
    expect(
      (await c.query('SELECT count(*)::int AS n, sum(amount)::text AS s FROM report.orders_copy')).rows[0],
    ).toEqual({ n: 24002, s: String(2 * ((1.5 * (12000 * 12001)) / 2)) + '.00' });
    expect(
      (await c.query('SELECT note FROM report.orders_copy WHERE order_id = 3 LIMIT 1')).rows[0].note,
    ).toBe('has, comma "and" quote');
  });

  it('a failing overwrite rolls back and keeps the old rows', async () => {
    await runDatabaseToWarehouse(job(pgToWarehouse('overwrite', 'order_id <= 5'), crm, warehouse));
    const c = await pg.connect();
    await c.query('CREATE TABLE public.keep (order_id bigint PRIMARY KEY, customer text)');
    await c.query("INSERT INTO public.keep VALUES (1, 'old')");
    const sync = {
      source: { connection: 'warehouse', table: 'ods.crm_orders' },
      target: { connection: 'crm', table: 'public.keep', writeRule: 'append' },
      mapping: [
        { source: 'order_id', target: 'order_id' },
        { source: 'customer', target: 'customer' },
      ],
    };
    const err = await runWarehouseToDatabase(job(sync, warehouse, crm)).catch((e: Error) => e);
    expect(String(err)).toMatch(/duplicate key/);
    expect((await c.query('SELECT count(*)::int AS n FROM public.keep')).rows[0].n).toBe(1);
  });
});
