import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../src/main/runner/warehouse/warehouse';
import { openDuckSession } from '../../src/main/runner/warehouse/duckdb';
import { runFileToWarehouse } from '../../src/main/runner/executors/data-sync';
import { syncSchema } from '../../src/shared/model';
import { prepareSampleRepository } from '../../src/main/services/workspace/sample-repository';

/** The sample workspace of the repo. */
export const SAMPLE = join(__dirname, '..', '..', 'resources', 'sample-workspace');

/** A throw-away copy of the sample workspace. */
export function copySample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bdp-sync-'));
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

/** A throw-away copy of the sample as the app opens it: committed, with V1.0.0 of every resource. */
export async function copySampleRepository(): Promise<string> {
  const dir = copySample();
  await prepareSampleRepository(dir, { preferNative: true });
  return dir;
}

/** Runs one query over the workspace's warehouse and returns its rows as JSON-like objects. */
export async function queryWarehouse(workspace: string, sql: string): Promise<Record<string, unknown>[]> {
  const s = await openDuckSession();
  try {
    await Warehouse.forWorkspace(workspace).attach(s);
    return await s.query(sql);
  } finally {
    s.close();
  }
}

/** Loads the sample's orders_20261123.csv into ods.orders (dt=2026-11-23) with a real Data Sync run. */
export async function syncSampleOrders(ws: string): Promise<void> {
  const sync = syncSchema.parse({
    source: { connection: 'local_files', path: 'orders_20261123.csv', headerRows: 1 },
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
  await runFileToWarehouse({
    sync,
    workspaceRoot: ws,
    source: { name: 'local_files', type: 'FILE', path: 'data' },
    target: { name: 'warehouse', type: 'WAREHOUSE' },
    warehouse: Warehouse.forWorkspace(ws),
    log: () => undefined,
    signal: new AbortController().signal,
  });
}
