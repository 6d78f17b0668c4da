import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../src/main/runner/warehouse/warehouse';
import { openDuckSession } from '../../src/main/runner/warehouse/duckdb';

/** The sample workspace of the repo. */
export const SAMPLE = join(__dirname, '..', '..', 'resources', 'sample-workspace');

/** A throw-away copy of the sample workspace. */
export function copySample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bdp-sync-'));
  cpSync(SAMPLE, dir, { recursive: true });
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
