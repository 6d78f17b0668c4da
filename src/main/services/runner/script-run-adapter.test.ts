import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ScriptDebugState,
  ScriptOutputChunk,
  ScriptRunEnd,
  SqlStatementResult,
} from '../../../shared/contract/runner';
import { RunnerServiceAdapter } from './runner-service-adapter';
import { bundleRunner, workspaceWith } from '../../../../tests/support/runner-process-fixtures';

let bundle: { modulePath: string; dispose: () => void };
beforeAll(async () => {
  // The runner resolves @duckdb/node-api from node_modules, as out/main/runner.js does.
  bundle = await bundleRunner({ nativeDuckDb: true });
});
afterAll(() => bundle.dispose());

async function until<T>(pick: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = pick();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('script runs through the runner child process', () => {
  it('runs Python with the configured interpreter, SQL with a grid, and debugs to a breakpoint', async () => {
    const ws = workspaceWith({ 'scripts/job.py': '' });
    const adapter = new RunnerServiceAdapter({
      runnerModulePath: bundle.modulePath,
      runner: { killGraceMs: 300 },
      pythonPath: async () => 'python3',
    });
    await adapter.setRoot(ws.root);
    const out: ScriptOutputChunk[] = [];
    const ends: ScriptRunEnd[] = [];
    const sql: SqlStatementResult[] = [];
    const debug: ScriptDebugState[] = [];
    adapter.onDidScriptOutput((c) => out.push(c));
    adapter.onDidScriptEnd((e) => ends.push(e));
    adapter.onDidSqlResult((r) => sql.push(r));
    adapter.onDidScriptDebug((d) => debug.push(d));
    try {
      const py = await adapter.runScript({
        path: 'scripts/job.py',
        language: 'python',
        text: 'def main():\n    print("\\033[32mgreen ${cal_dt}\\033[0m")\n    return 0\n',
        businessDate: '2026-11-23',
      });
      expect(py.commandLine).toBe('python3 scripts/job.py');
      const end = await until(() => ends.find((e) => e.runId === py.runId));
      expect(end).toMatchObject({ status: 'success', exitCode: 0 });
      expect(
        out
          .filter((c) => c.runId === py.runId)
          .map((c) => c.text)
          .join(''),
      ).toContain('\u001b[32mgreen 2026-11-23');

      const q = await adapter.runScript({
        path: 'scripts/q.sql',
        language: 'sql',
        text: 'select 42 as answer;',
      });
      const qEnd = await until(() => ends.find((e) => e.runId === q.runId));
      expect(qEnd.message ?? '').toBe('');
      expect(qEnd.status).toBe('success');
      expect(sql.find((r) => r.runId === q.runId)).toMatchObject({
        columns: ['answer'],
        rows: [['42']],
        rowCount: 1,
      });

      const preview = await adapter.previewScript({
        path: 'scripts/job.py',
        language: 'python',
        text: 'x = "${cal_dt8}" + "${nope}"',
        businessDate: '2026-11-23',
      });
      expect(preview).toEqual({ text: 'x = "20261123" + "${nope}"', unresolved: ['nope'] });

      const dbg = await adapter.runScript({
        path: 'scripts/job.py',
        language: 'python',
        mode: 'debug',
        text: 'def main():\n    a = 5\n    return a - 5\n',
        breakpoints: [3],
      });
      const stop = await until(() => debug.find((d) => d.runId === dbg.runId && d.state === 'paused'));
      expect(stop).toMatchObject({ path: 'scripts/job.py', line: 3 });
      expect(stop.frames![0].locals).toEqual([{ name: 'a', type: 'int', value: '5' }]);
      await adapter.debugScript({ runId: dbg.runId, command: 'continue' });
      expect(await until(() => ends.find((e) => e.runId === dbg.runId))).toMatchObject({ status: 'success' });

      await expect(
        adapter.runScript({ path: '/etc/passwd', language: 'shell', text: 'true' }),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    } finally {
      await adapter.dispose();
      ws.dispose();
    }
  });
});
