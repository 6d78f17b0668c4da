import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewTaskSource } from './source-preview';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'bdp-preview-'));
  await cp(path.resolve('resources/sample-workspace'), root, { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('previewTaskSource', () => {
  it("reads the first rows of the day's export, placeholders resolved for the business date", async () => {
    const p = await previewTaskSource(root, { workflow: 'daily_orders', task: 'sync_orders', businessDate: '2026-11-23', limit: 3 });
    expect(p.resolved).toEqual({ connection: 'local_files', path: 'orders_20261123.csv' });
    expect(p.columns.slice(0, 3)).toEqual(['order_id', 'customer_id', 'order_ts']);
    expect(p.rows).toHaveLength(3);
    expect(p.files).toEqual(['orders_20261123.csv']);
  });

  it('explains what is wrong: not a Data Sync task, unknown task, missing file', async () => {
    await expect(previewTaskSource(root, { workflow: 'daily_orders', task: 'clean_orders' })).rejects.toThrow(/PYTHON task, not a Data Sync task/);
    await expect(previewTaskSource(root, { workflow: 'daily_orders', task: 'nope' })).rejects.toThrow(/no task "nope"/);
    await expect(previewTaskSource(root, { workflow: 'daily_orders', task: 'sync_orders', businessDate: '2020-01-01' })).rejects.toThrow(/orders_20200101/);
  });
});
