import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataSyncTaskSchema, type Workflow } from '../../../shared/model';
import { substituteVariables } from '../../../shared/variables';
import type { TaskRunContext } from '../task-executor';
import { DataSyncTaskExecutor } from './data-sync-executor';
import { copySample, queryWarehouse } from '../../../../tests/support/warehouse-fixtures';

let ws: string;
beforeEach(() => {
  ws = copySample();
});
afterEach(() => rmSync(ws, { recursive: true, force: true }));

function context(
  sync: Record<string, unknown>,
  parameters: Record<string, string> = {},
): { ctx: TaskRunContext; out: () => string } {
  const task = dataSyncTaskSchema.parse({ name: 'sync', type: 'DATA_SYNC', sync, parameters });
  let out = '';
  const ctx: TaskRunContext = {
    task,
    workflow: { parameters: {} } as unknown as Workflow,
    instanceId: 'wf-20261124023000',
    taskInstId: 'sync-20261124023000',
    runNum: 1,
    workspaceRoot: ws,
    instanceDir: ws,
    workDir: () => Promise.reject(new Error('no working directory for this task type')),
    env: {},
    substitute: (text) =>
      substituteVariables(text, {
        taskParameters: task.parameters,
        context: { triggerTime: '2026-11-24 02:30:00', utcOffsetMinutes: 480 },
      }),
    onOutput: (_s, t) => (out += t),
  };
  return { ctx, out: () => out };
}

const SAMPLE_SYNC = {
  source: { connection: 'local_files', path: 'orders_${cal_dt8}.csv', headerRows: 1 },
  target: {
    table: 'ods.orders',
    partition: { column: 'dt', fill: 'placeholder', value: '${cal_dt}' },
    writeRule: 'overwrite',
  },
  mapping: [
    { source: 'order_id', target: 'order_id', type: 'BIGINT' },
    { source: 'unit_price', target: 'unit_price', type: 'DECIMAL(10,2)' },
  ],
};

describe('DataSyncTaskExecutor', () => {
  it('substitutes ${cal_dt8} in the path and ${cal_dt} in the placeholder partition', async () => {
    const { ctx, out } = context(SAMPLE_SYNC);
    const prepared = await new DataSyncTaskExecutor().prepare(ctx);
    expect(prepared.commandLine).toBe(
      'sync local_files:orders_20261123.csv -> warehouse:ods.orders (dt=2026-11-23) overwrite',
    );
    const outcome = await prepared.start().done;
    expect(outcome, out()).toMatchObject({ success: true });
    expect(await queryWarehouse(ws, 'SELECT dt, count(*)::INT AS n FROM ods.orders GROUP BY dt')).toEqual([
      { dt: '2026-11-23', n: 199 },
    ]);
  });

  it('${key}.each_value with an Array[...] parameter runs the sync over every value (spec §2.1)', async () => {
    const sync = { ...SAMPLE_SYNC, source: { ...SAMPLE_SYNC.source, path: 'orders_${days}.each_value.csv' } };
    // One target partition: the first pass overwrites it, the others append.
    const one = context(sync, { days: 'Array[20261122, 20261123,20261124]' });
    const p = await new DataSyncTaskExecutor().prepare(one.ctx);
    expect(p.commandLine).toBe(
      'sync local_files:orders_20261122.csv -> warehouse:ods.orders (dt=2026-11-23) overwrite (3 passes, one per value of the array)',
    );
    expect(await p.start().done, one.out()).toMatchObject({ success: true });
    expect(one.out()).toContain('-- days = 20261124 (3 of 3): orders_20261124.csv -> dt=2026-11-23, append');
    const total = await queryWarehouse(ws, 'SELECT count(*)::INT AS n FROM ods.orders');
    expect(total[0].n).toBeGreaterThan(199);

    // The partition names the value too: one partition per value, each with its own rule.
    const each = context(
      {
        ...sync,
        source: { ...sync.source, path: 'orders_${days}.each_value.csv' },
        target: {
          ...SAMPLE_SYNC.target,
          partition: { column: 'dt', fill: 'placeholder', value: '${days}.each_value' },
        },
      },
      { days: 'Array[20261122,20261123]' },
    );
    expect(await (await new DataSyncTaskExecutor().prepare(each.ctx)).start().done).toMatchObject({
      success: true,
    });
    expect(
      await queryWarehouse(
        ws,
        "SELECT dt, count(*)::INT AS n FROM ods.orders WHERE dt LIKE '2026112%' GROUP BY dt ORDER BY dt",
      ),
    ).toEqual([
      { dt: '20261122', n: expect.any(Number) },
      { dt: '20261123', n: 199 },
    ]);

    const notArray = context(sync, { days: '20261123' });
    await expect(new DataSyncTaskExecutor().prepare(notArray.ctx)).rejects.toThrow(
      '${days}.each_value needs days to be an array parameter, days=Array[v1,v2,…]; it is "20261123"',
    );
  });

  it('fails on an unresolved placeholder partition and on max_rejected_rows', async () => {
    const bad = context({
      ...SAMPLE_SYNC,
      target: {
        ...SAMPLE_SYNC.target,
        partition: { column: 'dt', fill: 'placeholder', value: '${no_such}' },
      },
    });
    const p = await new DataSyncTaskExecutor().prepare(bad.ctx);
    expect(p.unresolved).toEqual(['no_such']);
    expect(await p.start().done).toMatchObject({
      success: false,
      message: 'partition dt: value "${no_such}" is not resolved',
    });
    const strict = context(SAMPLE_SYNC, { max_rejected_rows: '0' });
    const outcome = await (await new DataSyncTaskExecutor().prepare(strict.ctx)).start().done;
    expect(outcome.success).toBe(false);
    expect(strict.out()).toMatch(/sync failed: 1 row\(s\) have values that do not convert/);
  });

  it('stop cancels a running sync; nothing is written and staging is cleaned', async () => {
    const rows = ['id,v'];
    for (let i = 0; i < 400_000; i++) rows.push(`${i},value-${i}`);
    writeFileSync(join(ws, 'data', 'big.csv'), rows.join('\n'));
    const { ctx } = context({
      source: { connection: 'local_files', path: 'big.csv' },
      target: {
        table: 'ods.big',
        partition: { column: 'dt', fill: 'fixed', value: '2026-11-23' },
        writeRule: 'overwrite',
      },
      mapping: [
        { source: 'id', target: 'id', type: 'BIGINT' },
        { source: 'v', target: 'v', type: 'VARCHAR' },
      ],
    });
    const exec = (await new DataSyncTaskExecutor().prepare(ctx)).start();
    await new Promise((r) => setTimeout(r, 30));
    await exec.cancel();
    expect(await exec.done).toMatchObject({ success: false, message: 'stopped' });
    expect(existsSync(join(ws, '.bdp', 'warehouse', 'ods', 'big', 'dt=2026-11-23'))).toBe(false);
    expect(readdirSync(join(ws, '.bdp', 'warehouse', '.staging'))).toEqual([]);
  });
});
