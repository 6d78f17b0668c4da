import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresTestServer } from '../../../../tests/support/postgres-test-server';
import { RunnerServiceNode } from '../../runner/runner-service';
import { previewTaskSource } from './source-preview';

/** The runner that reads the source, in process; `password` stands for main's secure store. */
const runner = (password?: string): RunnerServiceNode =>
  new RunnerServiceNode(
    { workspaceRoot: root, spawnHelper: false, env: {} },
    { passwords: async () => password },
  );

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'bdp-preview-'));
  await cp(path.resolve('resources/sample-workspace'), root, { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('previewTaskSource', () => {
  it("reads the first rows of the day's export, placeholders resolved for the business date", async () => {
    const p = await previewTaskSource(
      root,
      { workflow: 'daily_orders', task: 'sync_orders', businessDate: '2026-11-23', limit: 3 },
      runner(),
    );
    expect(p.resolved).toEqual({ connection: 'local_files', path: 'orders_20261123.csv' });
    expect(p.columns.slice(0, 3)).toEqual(['order_id', 'customer_id', 'order_ts']);
    expect(p.rows).toHaveLength(3);
    expect(p.files).toEqual(['orders_20261123.csv']);
  });

  it('explains what is wrong: not a Data Sync task, unknown task, missing file', async () => {
    await expect(
      previewTaskSource(root, { workflow: 'daily_orders', task: 'clean_orders' }, runner()),
    ).rejects.toThrow(/PYTHON task, not a Data Sync task/);
    await expect(
      previewTaskSource(root, { workflow: 'daily_orders', task: 'nope' }, runner()),
    ).rejects.toThrow(/no task "nope"/);
    await expect(
      previewTaskSource(
        root,
        { workflow: 'daily_orders', task: 'sync_orders', businessDate: '2020-01-01' },
        runner(),
      ),
    ).rejects.toThrow(/orders_20200101/);
  });
});

describe('previewTaskSource of a PostgreSQL table', () => {
  let pg: PostgresTestServer;
  beforeAll(async () => {
    pg = await startPostgres();
    const c = await pg.connect();
    await c.query(`CREATE TABLE customers (id int, name text, dt date);
      INSERT INTO customers SELECT i, 'c' || i, CASE WHEN i <= 5 THEN date '2026-11-23' ELSE date '2026-11-22' END FROM generate_series(1, 9) i;`);
    await c.end();
    await writeFile(
      path.join(root, 'connections.yaml'),
      `connections:\n  - { name: crm, type: POSTGRESQL, host: ${pg.host}, port: ${pg.port}, database: ${pg.database}, user: ${pg.user}, schema: public }\n  - { name: warehouse, type: WAREHOUSE }\n`,
    );
    await writeFile(
      path.join(root, 'workflows/crm_sync.workflow.yaml'),
      [
        'name: crm_sync',
        'schedule: { type: manual }',
        'tasks:',
        '  - name: pull',
        '    type: DATA_SYNC',
        '    sync:',
        '      source: { connection: crm, table: customers, filter: "dt = \'${cal_dt}\'" }',
        '      target: { connection: warehouse, table: ods.customers, writeRule: overwrite }',
        '',
      ].join('\n'),
    );
  }, 60_000);
  afterAll(() => pg?.stop());

  it('uses the stored password it is given and filters for the business date', async () => {
    const p = await previewTaskSource(
      root,
      { workflow: 'crm_sync', task: 'pull', businessDate: '2026-11-23' },
      runner(pg.password),
    );
    expect(p.resolved).toMatchObject({ connection: 'crm', table: 'customers', filter: "dt = '2026-11-23'" });
    expect(p.columns).toEqual(['id', 'name', 'dt']);
    expect(p.rows).toHaveLength(5);
  });

  it('says the password was refused, without showing it', async () => {
    const attempt = previewTaskSource(
      root,
      { workflow: 'crm_sync', task: 'pull', businessDate: '2026-11-23' },
      runner('wrong-secret'),
    );
    await expect(attempt).rejects.toThrow(/cannot connect to crm .*password authentication failed/);
    await expect(attempt).rejects.not.toThrow(/wrong-secret/);
  });
});
