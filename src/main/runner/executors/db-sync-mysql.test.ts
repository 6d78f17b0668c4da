import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncSchema, type Connection } from '../../../shared/model';
import { Warehouse } from '../warehouse/warehouse';
import { runDatabaseToWarehouse, runWarehouseToDatabase } from './db-sync';
import { hasMariadb, startMysql, type MysqlTestServer } from '../../../../tests/support/mysql-test-server';
import { previewSource } from './preview';
import { copySample, queryWarehouse } from '../../../../tests/support/warehouse-fixtures';

// A real MariaDB server (MySQL protocol); .ci/run installs mariadb-server when it is missing.
describe.skipIf(!hasMariadb())('MySQL (MariaDB) <-> warehouse', () => {
  let my: MysqlTestServer;
  let shop: Connection;
  let ws: string;
  let logs: string[];
  const warehouse: Connection = { name: 'warehouse', type: 'WAREHOUSE' };

  beforeAll(async () => {
    my = await startMysql();
    shop = {
      name: 'shop',
      type: 'MYSQL',
      host: my.host,
      port: my.port,
      database: my.database,
      user: my.user,
    };
    const c = await my.connect();
    await c.query(
      'CREATE TABLE orders (order_id BIGINT, sku VARCHAR(20), price DECIMAL(10,2), placed_at DATETIME, paid BOOLEAN)',
    );
    const values = Array.from(
      { length: 7000 },
      (_v, k) =>
        `(${k + 1}, 'sku-${k % 9}', ${((k + 1) * 0.25).toFixed(2)}, '2026-11-23 10:00:00', ${k % 2})`,
    );
    await c.query(`INSERT INTO orders VALUES ${values.join(', ')}`);
  }, 60_000);
  afterAll(() => my?.stop());
  beforeEach(() => {
    ws = copySample();
    logs = [];
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const job = (
    input: Record<string, unknown>,
    source: Connection,
    target: Connection,
    password = my.password,
  ): Parameters<typeof runDatabaseToWarehouse>[0] => ({
    sync: syncSchema.parse(input),
    workspaceRoot: ws,
    source,
    target,
    warehouse: Warehouse.forWorkspace(ws),
    log: (l) => logs.push(l),
    signal: new AbortController().signal,
    password,
  });
  const toWarehouse = (writeRule: string): Record<string, unknown> => ({
    source: { connection: 'shop', table: 'orders', filter: 'order_id <= 6000' },
    target: {
      table: 'ods.shop_orders',
      partition: { column: 'dt', fill: 'placeholder', value: '2026-11-23' },
      writeRule,
    },
    mapping: [
      { source: 'order_id', target: 'order_id', type: 'BIGINT' },
      { source: 'price', target: 'price', type: 'DECIMAL(10,2)' },
      { source: 'placed_at', target: 'placed_at', type: 'TIMESTAMP' },
      { source: 'paid', target: 'paid', type: 'BOOLEAN' },
    ],
  });

  it('table with filter -> partition (typed), overwrite then append; and back into a new MySQL table', async () => {
    expect(await runDatabaseToWarehouse(job(toWarehouse('overwrite'), shop, warehouse))).toMatchObject({
      read: 6000,
      written: 6000,
      rejected: 0,
    });
    await runDatabaseToWarehouse(job(toWarehouse('append'), shop, warehouse));
    expect(
      await queryWarehouse(
        ws,
        "SELECT count(*)::INT AS n, sum(price)::VARCHAR AS s, count(*) FILTER (WHERE paid)::INT AS p FROM ods.shop_orders WHERE dt = '2026-11-23'",
      ),
    ).toEqual([{ n: 12000, s: String(2 * 0.25 * ((6000 * 6001) / 2)) + '.00', p: 6000 }]);
    const back = (writeRule: string): Record<string, unknown> => ({
      source: { connection: 'warehouse', table: 'ods.shop_orders', partition: '2026-11-23' },
      target: { connection: 'shop', table: 'orders_copy', writeRule },
    });
    expect((await runWarehouseToDatabase(job(back('overwrite'), warehouse, shop))).written).toBe(12000);
    await runWarehouseToDatabase(job(back('overwrite'), warehouse, shop));
    const c = await my.connect();
    const [rows] = await c.query('SELECT count(*) AS n, sum(paid) AS p FROM orders_copy');
    expect(rows).toEqual([{ n: 12000, p: '6000' }]);
    await runWarehouseToDatabase(job(back('append'), warehouse, shop));
    const [again] = await c.query('SELECT count(*) AS n FROM orders_copy');
    expect(again).toEqual([{ n: 24000 }]);
  });

  it('wrong password: access denied, password masked; preview returns the first rows', async () => {
    const err = await runDatabaseToWarehouse(
      job(toWarehouse('overwrite'), shop, warehouse, 'bad-secret-77'),
    ).catch((e: Error) => e);
    expect(String(err)).toMatch(
      /cannot connect to shop \(MySQL bdp@127\.0\.0\.1:\d+\/bdp_test\): Access denied/,
    );
    expect(String(err)).not.toContain('bad-secret-77');
    const p = await previewSource(
      ws,
      shop,
      {
        connection: 'shop',
        table: 'orders',
        filter: 'order_id > 6998',
        delimiter: ',',
        encoding: 'UTF-8',
        compression: 'none',
        headerRows: 1,
      },
      5,
      my.password,
    );
    expect(p).toEqual({
      columns: ['order_id', 'sku', 'price', 'placed_at', 'paid'],
      rows: [
        ['6999', 'sku-5', '1749.75', '2026-11-23 10:00:00', '0'],
        ['7000', 'sku-6', '1750.00', '2026-11-23 10:00:00', '1'],
      ],
      files: [],
    });
  });
});
