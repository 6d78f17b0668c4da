import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkflow } from '../../src/shared/model/validate-file';
import { copySampleRepository, queryWarehouse } from '../support/warehouse-fixtures';
import { resolveTaskFiles } from '../../src/main/services/runner/task-files';
import { RunnerServiceNode } from '../../src/main/runner/runner-service';
import { taskOf, waitForEnd } from '../support/runner-fixtures';

// The sample's pre-runs end to end, from the copy the app opens (committed, resources at V1.0.0):
// Data Sync (CSV -> ods.orders dt=2026-11-23), the Python quality gate (hive module), canaanhive HQL
// (-> dws.sales_daily), both from their pinned resource versions, and the External APP call to a
// local HTTP server; then weekly_report reading dws.sales_daily and writing its report to .bdp/hdfs.
let ws: string;
let server: Server;
const received: { url: string; body: string }[] = [];

beforeAll(async () => {
  ws = await copySampleRepository();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  // An ephemeral port instead of 8765, so a developer's own BI stub cannot collide with the test.
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(ws, { recursive: true, force: true });
});

describe('pre-run of the sample daily_orders for business date 2026-11-23', () => {
  it('runs all four tasks to SUCCESS and fills dws.sales_daily dt=2026-11-23', async () => {
    const port = (server.address() as AddressInfo).port;
    const text = readFileSync(join(ws, 'workflows/retail/daily_orders.workflow.yaml'), 'utf8').replace(
      'http://127.0.0.1:8765',
      `http://127.0.0.1:${port}`,
    );
    const { workflow, problems } = parseWorkflow(text, 'workflows/retail/daily_orders.workflow.yaml');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const runner = new RunnerServiceNode({
      workspaceRoot: ws,
      parallelism: 2,
      submitter: 'tester',
      timezone: 'Asia/Shanghai',
    });
    await runner.init();
    try {
      // bdp.yaml records External APP calls in pre-runs; this one sends it, to see the request arrive.
      const started = await runner.start({
        workflow: workflow!,
        triggerTime: '2026-11-24 02:30:00',
        taskFiles: await resolveTaskFiles(ws, workflow!),
        externalApp: 'call',
      });
      const inst = await waitForEnd(runner, started.instanceId, 60_000);
      const logs: Record<string, string | undefined> = {};
      for (const t of inst.tasks) logs[t.name] = await runner.readLog(inst.instanceId, t.name);
      expect(
        inst.tasks.map((t) => [t.name, t.status]),
        JSON.stringify(logs, null, 1),
      ).toEqual([
        ['sync_orders', 'SUCCESS'],
        ['clean_orders', 'SUCCESS'],
        ['aggregate_sales', 'SUCCESS'],
        ['notify_bi', 'SUCCESS'],
      ]);
      expect(inst.status).toBe('SUCCESS');
      expect(logs.sync_orders).toMatch(
        /rows read 200, written 199, rejected 1 -> ods\.orders dt=2026-11-23 \(overwrite\)/,
      );
      expect(logs.clean_orders).toContain(
        '2026-11-23: 199 rows, 2 rejected (1.0%), listed in dq.order_rejects dt=2026-11-23',
      );
      expect(logs.clean_orders).toMatch(
        /working directory: resource clean_orders V1\.0\.0 \(sha256 [0-9a-f]{12}…\) → clean_orders\.py/,
      );
      expect(taskOf(inst, 'aggregate_sales').source).toMatchObject({
        kind: 'resource',
        resource: 'aggregate_sales',
        version: 'V1.0.0',
        file: 'aggregate_sales.hql',
      });
      expect(logs.aggregate_sales).toContain('OK: 50 rows written to dws.sales_daily (dt=2026-11-23)');
      expect(taskOf(inst, 'notify_bi').cmd).toBe(`POST http://127.0.0.1:${port}/notify`);
      expect(received).toEqual([
        {
          url: '/notify',
          body: '{"event":"sales_daily_ready","date":"2026-11-23","region":"cn1","table":"dws.sales_daily"}',
        },
      ]);
      const rows = await queryWarehouse(
        ws,
        "SELECT count(*)::INT AS n, sum(units)::INT AS units, CAST(sum(revenue) AS VARCHAR) AS revenue FROM dws.sales_daily WHERE dt = '2026-11-23'",
      );
      expect(rows).toEqual([{ n: 50, units: 403, revenue: '11764.40' }]);

      const weeklyFile = 'workflows/retail/weekly_report.workflow.yaml';
      const weekly = parseWorkflow(readFileSync(join(ws, weeklyFile), 'utf8'), weeklyFile).workflow!;
      const w = await runner.start({
        workflow: weekly,
        triggerTime: '2026-11-30 06:00:00',
        taskFiles: await resolveTaskFiles(ws, weekly),
      });
      const wi = await waitForEnd(runner, w.instanceId, 60_000);
      const report = await runner.readLog(wi.instanceId, 'build_report');
      expect(wi.status, report).toBe('SUCCESS');
      expect(report).toContain('Total revenue: 11764.40');
      expect(report).toContain(
        'Days without data: 2026-11-24, 2026-11-25, 2026-11-26, 2026-11-27, 2026-11-28, 2026-11-29',
      );
      expect(existsSync(join(ws, '.bdp', 'hdfs', 'reports', 'weekly', 'weekly_20261129.md'))).toBe(true);
      expect(await runner.readLog(wi.instanceId, 'send_report')).toContain(
        'notify: weekly sales report 2026-11-23..2026-11-29 is ready in hdfs:/reports/weekly',
      );
    } finally {
      await runner.dispose();
    }
  }, 90_000);
});
