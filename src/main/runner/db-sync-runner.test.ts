import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresTestServer } from '../../../tests/support/postgres-test-server';
import { RunnerClient } from '../services/runner/runner-client';
import { bundleRunner } from '../../../tests/support/runner-process-fixtures';
import { makeWorkflow, taskOf, tempWorkspace, waitForEnd } from '../../../tests/support/runner-fixtures';
import type { LogChunk } from './types';

let bundle: { modulePath: string; dispose: () => void } | undefined;
let modulePath: string;
let pg: PostgresTestServer;

beforeAll(async () => {
  [pg, bundle] = await Promise.all([
    startPostgres({ password: 'Ipc-Only-Pw-42' }),
    bundleRunner({ nativeDuckDb: true }),
  ]);
  modulePath = bundle.modulePath;
  const c = await pg.connect();
  await c.query(
    "CREATE TABLE customers (id int, name text, region text); INSERT INTO customers SELECT i, 'n' || i, CASE WHEN i % 2 = 0 THEN 'east' ELSE 'west' END FROM generate_series(1, 500) i;",
  );
}, 90_000);
afterAll(async () => {
  await pg?.stop();
  bundle?.dispose();
});

const workflow = makeWorkflow({
  tasks: [
    {
      name: 'pull',
      type: 'DATA_SYNC',
      sync: {
        source: { connection: 'crm', table: 'customers', filter: "region = 'east'" },
        target: {
          table: 'ods.customers',
          partition: { column: 'dt', fill: 'placeholder', value: '${cal_dt}' },
          writeRule: 'overwrite',
        },
        mapping: [
          { source: 'id', target: 'id', type: 'INT' },
          { source: 'name', target: 'name', type: 'STRING' },
        ],
      },
    },
    {
      name: 'push',
      type: 'DATA_SYNC',
      sync: {
        source: { connection: 'warehouse', table: 'ods.customers', partition: '${cal_dt}' },
        target: { connection: 'crm', table: 'customers_east', writeRule: 'overwrite' },
      },
    },
  ],
  relations: [{ from: 'pull', to: 'push' }],
});

describe('Data Sync with a database through the runner process', () => {
  it('gets the password from main over IPC at task start; it never reaches a file or a log', async () => {
    const ws = tempWorkspace();
    writeFileSync(
      join(ws.root, 'connections.yaml'),
      `connections:\n  - name: crm\n    type: POSTGRESQL\n    host: 127.0.0.1\n    port: ${pg.port}\n    database: ${pg.database}\n    user: ${pg.user}\n`,
    );
    const asked: string[] = [];
    const env = { ...process.env };
    delete env.BDP_CONN_CRM_PASSWORD;
    const client = await RunnerClient.start({
      modulePath,
      service: { workspaceRoot: ws.root, env },
      passwords: async (c) => {
        asked.push(c.name);
        return pg.password;
      },
    });
    try {
      const logs: LogChunk[] = [];
      client.onDidAppendLog((l) => logs.push(l));
      const started = await client.start({ workflow, triggerTime: '2026-11-24 00:00:00' });
      const done = await waitForEnd(client, started.instanceId);
      expect(done.status, JSON.stringify(done.tasks.map((t) => t.reason))).toBe('SUCCESS');
      expect(asked).toEqual(['crm', 'crm']);
      const pullLog = (await client.readLog(started.instanceId, 'pull')) ?? '';
      expect(pullLog).toContain('password of crm: from the secure store');
      expect(pullLog).toMatch(/rows read 250, written 250, rejected 0 -> ods\.customers dt=2026-11-23/);
      const c = await pg.connect();
      expect((await c.query('SELECT count(*)::int AS n FROM customers_east')).rows[0].n).toBe(250);
      // Nothing under the workspace (instance JSON, logs, warehouse) holds the password.
      expect(() => execFileSync('grep', ['-rl', pg.password, ws.root])).toThrow();
      expect(logs.some((l) => l.text.includes(pg.password))).toBe(false);
    } finally {
      await client.dispose();
      ws.dispose();
    }
  }, 60_000);

  it('a wrong password from BDP_CONN_<NAME>_PASSWORD fails the task with a clear, masked reason', async () => {
    const ws = tempWorkspace();
    writeFileSync(
      join(ws.root, 'connections.yaml'),
      `connections:\n  - name: crm\n    type: POSTGRESQL\n    host: 127.0.0.1\n    port: ${pg.port}\n    database: ${pg.database}\n    user: ${pg.user}\n`,
    );
    const client = await RunnerClient.start({
      modulePath,
      service: { workspaceRoot: ws.root, env: { ...process.env, BDP_CONN_CRM_PASSWORD: 'Wrong-Pw-99' } },
    });
    try {
      const started = await client.start({
        workflow,
        triggerTime: '2026-11-24 00:00:00',
        scope: { kind: 'node', node: 'pull' },
      });
      const done = await waitForEnd(client, started.instanceId);
      expect(done.status).toBe('FAIL');
      expect(taskOf(done, 'pull').reason).toMatch(
        /cannot connect to crm \(PostgreSQL bdp@127\.0\.0\.1:\d+\/bdp_test\): password authentication failed for user "bdp"/,
      );
      const log = (await client.readLog(started.instanceId, 'pull')) ?? '';
      expect(log).toContain('password of crm: from BDP_CONN_CRM_PASSWORD');
      expect(log).not.toContain('Wrong-Pw-99');
    } finally {
      await client.dispose();
      ws.dispose();
    }
  }, 60_000);
});
