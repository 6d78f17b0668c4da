import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncSchema, type Connection } from '../../../shared/model';
import { Warehouse } from '../warehouse/warehouse';
import { runFileToWarehouse, type SyncResult } from './data-sync';
import { previewSource } from './preview';
import { copySample, queryWarehouse } from '../../../../tests/support/warehouse-fixtures';

let ws: string;
let logs: string[];
const files: Connection = { name: 'local_files', type: 'FILE', path: 'data' };
const warehouse: Connection = { name: 'warehouse', type: 'WAREHOUSE' };

beforeEach(() => {
  ws = copySample();
  logs = [];
});
afterEach(() => rmSync(ws, { recursive: true, force: true }));

const ORDERS_MAPPING = [
  { source: 'order_id', target: 'order_id', type: 'BIGINT' },
  { source: 'customer_id', target: 'customer_id', type: 'VARCHAR' },
  { source: 'order_ts', target: 'order_ts', type: 'TIMESTAMP' },
  { source: 'sku', target: 'sku', type: 'VARCHAR' },
  { source: 'qty', target: 'qty', type: 'INTEGER' },
  { source: 'unit_price', target: 'unit_price', type: 'DECIMAL(10,2)' },
  { source: 'status', target: 'status', type: 'VARCHAR' },
  { source: 'store', target: 'store', type: 'VARCHAR' },
];

function sync(input: Record<string, unknown>, maxRejectedRows?: number): Promise<SyncResult> {
  const parsed = syncSchema.parse(input);
  return runFileToWarehouse({
    sync: parsed,
    workspaceRoot: ws,
    source: files,
    target: warehouse,
    warehouse: Warehouse.forWorkspace(ws),
    maxRejectedRows,
    log: (l) => logs.push(l),
    signal: new AbortController().signal,
  });
}

const orders = (
  path: string,
  extra: Record<string, unknown> = {},
  target: Record<string, unknown> = {},
): Record<string, unknown> => ({
  source: { connection: 'local_files', path, headerRows: 1, ...extra },
  target: {
    table: 'ods.orders',
    partition: { column: 'dt', fill: 'placeholder', value: '2026-11-23' },
    writeRule: 'overwrite',
    ...target,
  },
  mapping: ORDERS_MAPPING,
});

describe('CSV -> warehouse partition', () => {
  it('overwrite twice is idempotent; the partition is a real folder of Parquet files', async () => {
    const first = await sync(orders('orders_20261123.csv'));
    expect(first).toMatchObject({ read: 200, written: 199, rejected: 1, partitions: ['dt=2026-11-23'] });
    await sync(orders('orders_20261123.csv'));
    const dir = join(ws, '.bdp', 'warehouse', 'ods', 'orders', 'dt=2026-11-23');
    expect(readdirSync(dir).filter((f) => f.endsWith('.parquet'))).toHaveLength(1);
    expect(existsSync(join(ws, '.bdp', 'warehouse', 'ods', 'orders', '_table.json'))).toBe(true);
    const rows = await queryWarehouse(ws, `SELECT count(*)::INT AS n, min(dt) AS dt FROM ods.orders`);
    expect(rows[0]).toMatchObject({ n: 199, dt: '2026-11-23' });
    // the rejected rows are listed with file, line and column
    expect(logs.join('\n')).toMatch(
      /rejected row \d+ \(line \d+ of orders_20261123\.csv\): column unit_price = "n\/a" is not a valid DECIMAL\(10,2\)/,
    );
    expect(logs.join('\n')).toMatch(
      /rows read 200, written 199, rejected 1 -> ods\.orders dt=2026-11-23 \(overwrite\)/,
    );
  });

  it('append adds a file to the partition; other partitions stay', async () => {
    await sync(orders('orders_20261123.csv'));
    await sync(orders('orders_20261123.csv', {}, { writeRule: 'append' }));
    await sync(
      orders('orders_20261122.csv', {}, { partition: { column: 'dt', fill: 'fixed', value: '2026-11-22' } }),
    );
    const rows = await queryWarehouse(
      ws,
      `SELECT dt, count(*)::INT AS n FROM ods.orders GROUP BY dt ORDER BY dt`,
    );
    expect(rows).toEqual([
      { dt: '2026-11-22', n: 63 },
      { dt: '2026-11-23', n: 398 },
    ]);
  });

  it('reads GBK text with a custom delimiter and column names', async () => {
    const text = '编号|城市|金额\n1|上海|12.50\n2|北京|7.00\n';
    // Node has no GBK encoder: write the bytes of a known GBK encoding by hand for the CJK characters.
    const enc: Record<string, number[]> = {
      编: [0xb1, 0xe0],
      号: [0xba, 0xc5],
      城: [0xb3, 0xc7],
      市: [0xca, 0xd0],
      金: [0xbd, 0xf0],
      额: [0xb6, 0xee],
      上: [0xc9, 0xcf],
      海: [0xba, 0xa3],
      北: [0xb1, 0xb1],
      京: [0xbe, 0xa9],
    };
    const bytes: number[] = [];
    for (const ch of text) bytes.push(...(enc[ch] ?? [...Buffer.from(ch)]));
    expect(new TextDecoder('gbk').decode(Buffer.from(bytes))).toBe(text);
    writeFileSync(join(ws, 'data', 'cities.txt'), Buffer.from(bytes));
    await sync({
      source: {
        connection: 'local_files',
        path: 'cities.txt',
        delimiter: '|',
        encoding: 'GBK',
        headerRows: 1,
        columns: ['id', 'city', 'amount'],
      },
      target: {
        table: 'ods.cities',
        partition: { column: 'dt', fill: 'fixed', value: '2026-11-23' },
        writeRule: 'overwrite',
      },
      mapping: [
        { source: 'id', target: 'id', type: 'INT' },
        { source: 'city', target: 'city', type: 'STRING' },
        { source: 'amount', target: 'amount', type: 'DECIMAL(10,2)' },
      ],
    });
    const rows = await queryWarehouse(
      ws,
      `SELECT id, city, CAST(amount AS VARCHAR) AS amount FROM ods.cities ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 1, city: '上海', amount: '12.50' },
      { id: 2, city: '北京', amount: '7.00' },
    ]);
  });

  it('reads gzip files, and a directory merges its files', async () => {
    mkdirSync(join(ws, 'data', 'gz'));
    writeFileSync(join(ws, 'data', 'gz', 'a.csv.gz'), gzipSync('k,v\n1,a\n2,b\n'));
    writeFileSync(join(ws, 'data', 'gz', 'b.csv.gz'), gzipSync('k,v\n3,c\n'));
    const r = await sync({
      source: { connection: 'local_files', path: 'gz', compression: 'gzip', headerRows: 1 },
      target: { table: 'ods.kv', writeRule: 'overwrite' },
      mapping: [
        { source: 'k', target: 'k', type: 'BIGINT' },
        { source: 'v', target: 'v' },
      ],
    });
    expect(r).toMatchObject({ read: 3, written: 3, rejected: 0 });
    expect(
      await queryWarehouse(ws, "SELECT sum(k)::INT AS s, string_agg(v, '' ORDER BY k) AS v FROM ods.kv"),
    ).toEqual([{ s: 6, v: 'abc' }]);
  });

  it('a bad value fails with the row, line, column and value when max_rejected_rows is 0; nothing is written', async () => {
    await expect(sync(orders('orders_20261123.csv'), 0)).rejects.toThrow(
      /1 row\(s\) have values that do not convert .*max_rejected_rows = 0.*first: row 82 \(line 83 of orders_20261123\.csv\), column unit_price: "n\/a" is not a valid DECIMAL\(10,2\)/,
    );
    expect(existsSync(join(ws, '.bdp', 'warehouse', 'ods', 'orders', 'dt=2026-11-23'))).toBe(false);
  });

  it('a mapping type that differs from the existing table is refused', async () => {
    await sync(orders('orders_20261123.csv'));
    const bad = orders('orders_20261123.csv');
    (bad.mapping as { type: string }[])[4].type = 'VARCHAR';
    await expect(sync(bad)).rejects.toThrow(
      /mapping qty -> qty: type VARCHAR differs from the table column's INTEGER/,
    );
  });

  it('partition fill "column" makes one partition per distinct value', async () => {
    writeFileSync(join(ws, 'data', 'events.csv'), 'id,day\n1,2026-11-01\n2,2026-11-02\n3,2026-11-02\n');
    const r = await sync({
      source: { connection: 'local_files', path: 'events.csv' },
      target: {
        table: 'ods.events',
        partition: { column: 'dt', fill: 'column', value: 'day' },
        writeRule: 'overwrite',
      },
      mapping: [{ source: 'id', target: 'id', type: 'INT' }],
    });
    expect(r.partitions).toEqual(['dt=2026-11-01', 'dt=2026-11-02']);
    expect(
      await queryWarehouse(ws, 'SELECT dt, count(*)::INT AS n FROM ods.events GROUP BY dt ORDER BY dt'),
    ).toEqual([
      { dt: '2026-11-01', n: 1 },
      { dt: '2026-11-02', n: 2 },
    ]);
  });
});

describe('previewSource', () => {
  it('returns the first rows of a file source as text', async () => {
    const p = await previewSource(ws, files, syncSchema.parse(orders('orders_20261123.csv')).source, 3);
    expect(p.columns).toEqual([
      'order_id',
      'customer_id',
      'order_ts',
      'sku',
      'qty',
      'unit_price',
      'status',
      'store',
    ]);
    expect(p.rows).toHaveLength(3);
    expect(p.rows[0][0]).toBe('7002000');
  });
});
