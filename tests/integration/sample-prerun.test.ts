import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkflow } from '../../src/shared/model/validate-file';
import { copySample, queryWarehouse } from '../support/warehouse-fixtures';
import { RunnerServiceNode } from '../../src/main/runner/runner-service';
import { taskOf, waitForEnd } from '../support/runner-fixtures';

// The sample's daily_orders pre-run end to end: Data Sync (CSV -> ods.orders dt=2026-11-23), the Python
// quality gate, canaanhive HQL (-> dws.sales_daily) and the External APP call to a local HTTP server.
let ws: string;
let server: Server;
const received: { url: string; body: string }[] = [];

beforeAll(async () => {
  ws = copySample();
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
    const text = readFileSync(join(ws, 'workflows/retail/daily_orders.workflow.yaml'), 'utf8').replace('http://127.0.0.1:8765', `http://127.0.0.1:${port}`);
    const { workflow, problems } = parseWorkflow(text, 'workflows/retail/daily_orders.workflow.yaml');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const runner = new RunnerServiceNode({ workspaceRoot: ws, parallelism: 2, submitter: 'tester', timezone: 'Asia/Shanghai' });
    await runner.init();
    try {
      const started = await runner.start({ workflow: workflow!, triggerTime: '2026-11-24 02:30:00' });
      const inst = await waitForEnd(runner, started.instanceId, 60_000);
      const logs: Record<string, string | undefined> = {};
      for (const t of inst.tasks) logs[t.name] = await runner.readLog(inst.instanceId, t.name);
      expect(inst.tasks.map((t) => [t.name, t.status]), JSON.stringify(logs, null, 1)).toEqual([
        ['sync_orders', 'SUCCESS'],
        ['clean_orders', 'SUCCESS'],
        ['aggregate_sales', 'SUCCESS'],
        ['notify_bi', 'SUCCESS'],
      ]);
      expect(inst.status).toBe('SUCCESS');
      expect(logs.sync_orders).toMatch(/rows read 200, written 199, rejected 1 -> ods\.orders dt=2026-11-23 \(overwrite\)/);
      expect(logs.aggregate_sales).toContain('OK: 50 rows written to dws.sales_daily (dt=2026-11-23)');
      expect(taskOf(inst, 'notify_bi').cmd).toBe(`POST http://127.0.0.1:${port}/notify`);
      expect(received).toEqual([{ url: '/notify', body: '{"event":"sales_daily_ready","date":"2026-11-23","region":"cn1","table":"dws.sales_daily"}' }]);
      const rows = await queryWarehouse(
        ws,
        "SELECT count(*)::INT AS n, sum(units)::INT AS units, CAST(sum(revenue) AS VARCHAR) AS revenue FROM dws.sales_daily WHERE dt = '2026-11-23'",
      );
      expect(rows).toEqual([{ n: 50, units: 403, revenue: '11764.40' }]);
    } finally {
      await runner.dispose();
    }
  }, 90_000);
});
