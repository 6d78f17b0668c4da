import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copySample, queryWarehouse, syncSampleOrders } from '../../../../tests/support/warehouse-fixtures';
import { runHive } from './hive-cli';
import { splitHql } from './hql';

let ws: string;
beforeEach(() => {
  ws = copySample();
});
afterEach(() => rmSync(ws, { recursive: true, force: true }));

async function hive(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runHive(args, { out: (t) => (out += t), err: (t) => (err += t) }, ws, {});
  return { code, out, err };
}

/** The sample's expected totals for 2026-11-23 (completed, qty > 0, with a customer; the `n/a` price row was rejected by the sync). */
const EXPECTED = { groups: 50, units: 403, revenue: '11764.40', orders: 176 };

describe('splitHql', () => {
  it('splits on ; outside quotes and comments and keeps start lines', () => {
    expect(splitHql("-- c; x\nSELECT 'a;b';\n\n/* ; */ SELECT 2\n;")).toEqual([
      { sql: "SELECT 'a;b'", line: 2 },
      { sql: 'SELECT 2', line: 4 },
    ]);
  });
});

describe('hive / canaanhive', () => {
  it('runs the sample aggregate_sales.hql against synced data (-f, -d, -E)', async () => {
    await syncSampleOrders(ws);
    const r = await hive([
      '-f',
      'scripts/aggregate_sales.hql',
      '-d',
      '2026-11-23',
      '-E',
      'DB=ods',
      '-E',
      'TARGET_DB=dws',
    ]);
    expect(r.err).toContain('OK: 50 rows written to dws.sales_daily (dt=2026-11-23)');
    expect(r.code).toBe(0);
    const rows = await queryWarehouse(
      ws,
      `SELECT count(*)::INT AS groups, sum(units)::INT AS units, CAST(sum(revenue) AS VARCHAR) AS revenue, sum(orders)::INT AS orders, min(dt) AS dt FROM dws.sales_daily`,
    );
    expect(rows).toEqual([{ ...EXPECTED, dt: '2026-11-23' }]);
    const top = await queryWarehouse(
      ws,
      `SELECT store, sku, orders::INT AS orders, units::INT AS units, CAST(revenue AS VARCHAR) AS rev FROM dws.sales_daily ORDER BY sales_daily.revenue DESC LIMIT 1`,
    );
    expect(top).toEqual([{ store: 'SZ-NANSHAN', sku: 'SKU-10089', orders: 8, units: 21, rev: '2079.00' }]);
    // idempotent: running it again replaces the partition
    expect(
      (
        await hive([
          '-f',
          'scripts/aggregate_sales.hql',
          '-d',
          '2026-11-23',
          '-E',
          'DB=ods',
          '-E',
          'TARGET_DB=dws',
        ])
      ).code,
    ).toBe(0);
    expect(await queryWarehouse(ws, 'SELECT count(*)::INT AS n FROM dws.sales_daily')).toEqual([{ n: 50 }]);
  });

  it('prints query results as a table and supports SHOW / DESCRIBE / -e', async () => {
    await syncSampleOrders(ws);
    const r = await hive([
      '-e',
      "SELECT store, count(*) AS n FROM ods.orders WHERE dt = '2026-11-23' GROUP BY store ORDER BY store LIMIT 2; SHOW PARTITIONS ods.orders; DESCRIBE ods.orders",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\| store\s+\| n\s+\|/);
    expect(r.out).toContain('2 rows');
    expect(r.out).toContain('dt=2026-11-23');
    expect(r.out).toMatch(/\| dt\s+\| VARCHAR\s+\| partition column \|/);
  });

  it('fails with exit code 1, the line and the error', async () => {
    const r = await hive(['-e', 'SELECT 1;\n\nSELECT * FROM ods.nope']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/FAILED at line 3 of <command line>: .*nope/);
    expect((await hive(['-x'])).code).toBe(2);
  });

  it('supports CREATE TABLE, INSERT INTO ... VALUES, dynamic partitions, ALTER TABLE DROP PARTITION', async () => {
    const r = await hive([
      '-e',
      `CREATE DATABASE IF NOT EXISTS t; USE t;
       CREATE TABLE kv (k INT, v STRING) PARTITIONED BY (p STRING);
       INSERT INTO TABLE kv PARTITION (p='a') VALUES (1, 'x'), (2, 'y');
       INSERT OVERWRITE TABLE kv PARTITION (p) SELECT k + 10, v, 'b' FROM kv;
       ALTER TABLE kv DROP PARTITION (p='a');
       SELECT k, v, p FROM kv ORDER BY k`,
    ]);
    expect(r.err).not.toContain('FAILED');
    expect(r.out).toMatch(/\| 11 \| x \| b \|[\s\S]*\| 12 \| y \| b \|/);
  });
});
