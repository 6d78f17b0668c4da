import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunInstance, RunInstanceChange, RunLogChunk } from '../../../shared/contract/runner';
import { isTerminalState } from '../../../shared/model/run';
import { isAlive } from '../../../../tests/support/runner-fixtures';
import { RunnerServiceAdapter } from './runner-service-adapter';
import {
  bundleRunner,
  DEMO_WORKFLOW,
  SLOW_WORKFLOW,
  workspaceWith,
} from '../../../../tests/support/runner-process-fixtures';

let bundle: { modulePath: string; dispose: () => void };
beforeAll(async () => {
  bundle = await bundleRunner();
});
afterAll(() => bundle.dispose());

async function waitFor(
  adapter: RunnerServiceAdapter,
  instanceId: string,
  done: (i: RunInstance) => boolean,
  timeoutMs = 15_000,
): Promise<RunInstance> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inst = await adapter.get({ instanceId });
    if (done(inst)) return inst;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${instanceId}: ${inst.status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const ended = (i: RunInstance): boolean =>
  isTerminalState(i.status) && i.endTime !== undefined && i.tasks.every((t) => isTerminalState(t.status));

describe('RunnerServiceAdapter (real runner child, real tasks)', () => {
  it('fails with NO_WORKSPACE before a workspace is set', async () => {
    const adapter = new RunnerServiceAdapter({ runnerModulePath: bundle.modulePath });
    await expect(adapter.list({})).rejects.toMatchObject({ code: 'NO_WORKSPACE' });
    await adapter.dispose();
  });

  it('pre-runs by name and business date, streams events, reads log byte ranges, reruns a node and its downstream', async () => {
    const ws = workspaceWith({ 'workflows/etl/demo.workflow.yaml': DEMO_WORKFLOW });
    const adapter = new RunnerServiceAdapter({
      runnerModulePath: bundle.modulePath,
      runner: { killGraceMs: 300 },
    });
    await adapter.setRoot(ws.root);
    try {
      const changes: RunInstanceChange[] = [];
      const logs: RunLogChunk[] = [];
      adapter.onDidChangeInstance((c) => changes.push(c));
      adapter.onDidAppendLog((l) => logs.push(l));
      const started = await adapter.start({ workflow: 'demo', businessDate: '2026-11-03' });
      expect(started).toMatchObject({
        instanceId: 'demo-20261104000000',
        triggerTime: '2026-11-04 00:00:00',
        calDt: '2026-11-03',
      });
      const done = await waitFor(adapter, started.instanceId, ended);
      expect(done.status).toBe('SUCCESS');
      expect(done.tasks.map((t) => [t.name, t.status, t.runNum])).toEqual([
        ['extract', 'SUCCESS', 1],
        ['load', 'SUCCESS', 1],
        ['report', 'SUCCESS', 1],
      ]);
      expect(logs.some((l) => l.task === 'extract' && l.text.includes('extract 2026-11-03'))).toBe(true);
      // Changes are batched per 100 ms, latest state per task: tasks this fast may never be seen
      // RUNNING (the stop test below sees a slow one running), but every state reaches the listener.
      const lastSeen = new Map<string, string>();
      for (const c of changes) for (const t of c.tasks) lastSeen.set(t.name, t.status);
      expect(Object.fromEntries(lastSeen)).toEqual({
        extract: 'SUCCESS',
        load: 'SUCCESS',
        report: 'SUCCESS',
      });

      const whole = await adapter.readLog({ instanceId: started.instanceId, task: 'extract', runNum: 1 });
      expect(whole.exists).toBe(true);
      expect(whole.text).toContain('extract 2026-11-03');
      expect(whole.nextOffset).toBe(whole.size);
      expect(readFileSync(whole.path, 'utf8')).toBe(whole.text);
      const part = await adapter.readLog({
        instanceId: started.instanceId,
        task: 'extract',
        runNum: 1,
        offset: 10,
        limit: 20,
      });
      expect(part.text).toBe(whole.text.slice(10, 30));
      expect(part.nextOffset).toBe(30);
      expect(
        (await adapter.readLog({ instanceId: started.instanceId, task: 'extract', runNum: 9 })).exists,
      ).toBe(false);
      await expect(
        adapter.readLog({ instanceId: started.instanceId, task: '../x', runNum: 1 }),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });

      // Node + downstream: load -> report is rerun:false, so report ends SKIP and keeps its run number.
      await adapter.rerun({ instanceId: started.instanceId, node: 'load', downstream: true });
      const rerun = await waitFor(adapter, started.instanceId, (i) => i.rerunCount === 1 && ended(i));
      expect(rerun.tasks.map((t) => [t.name, t.status, t.runNum])).toEqual([
        ['extract', 'SUCCESS', 1],
        ['load', 'SUCCESS', 2],
        ['report', 'SKIP', 1],
      ]);

      expect(
        (await adapter.list({ workflow: 'demo', status: 'SUCCESS', from: '2026-11-01', to: '2026-11-03' }))
          .length,
      ).toBe(1);
      expect((await adapter.list({ to: '2026-11-02' })).length).toBe(0);
      await expect(adapter.start({ workflow: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(adapter.start({ workflow: 'demo', scope: 'node' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
      // By path works too, and a node pre-run runs just that node.
      const one = await adapter.start({
        workflow: 'workflows/etl/demo.workflow.yaml',
        businessDate: '2026-11-04',
        scope: 'node',
        node: 'report',
      });
      const oneDone = await waitFor(adapter, one.instanceId, ended);
      expect(oneDone.tasks.filter((t) => t.runNum > 0).map((t) => t.name)).toEqual(['report']);
    } finally {
      await adapter.dispose();
      ws.dispose();
    }
  });

  it('stop kills the whole process tree; backfill runs dates in parallel lanes; closing mid-run fails the instance', async () => {
    const ws = workspaceWith({
      'workflows/slow.workflow.yaml': SLOW_WORKFLOW,
      'workflows/demo.workflow.yaml': DEMO_WORKFLOW,
    });
    const adapter = new RunnerServiceAdapter({
      runnerModulePath: bundle.modulePath,
      runner: { killGraceMs: 300 },
    });
    await adapter.setRoot(ws.root);
    try {
      const started = await adapter.start({ workflow: 'slow', businessDate: '2026-11-01' });
      let pid = 0;
      const deadline = Date.now() + 10_000;
      while (!pid && Date.now() < deadline) {
        const log = await adapter.readLog({ instanceId: started.instanceId, task: 'nap', runNum: 1 });
        pid = Number(/pid (\d+)/.exec(log.text)?.[1] ?? 0);
        if (!pid) await new Promise((r) => setTimeout(r, 100));
      }
      expect(pid).toBeGreaterThan(0);
      expect(isAlive(pid)).toBe(true);
      const stopped = await adapter.stop({ instanceId: started.instanceId });
      expect(stopped.status).toBe('CANCEL');
      expect(isAlive(pid)).toBe(false);

      const created = await adapter.backfill({
        workflow: 'demo',
        from: '2026-11-01',
        to: '2026-11-04',
        parallelism: 2,
        order: 'desc',
      });
      expect(created.map((c) => c.calDt)).toEqual(['2026-11-04', '2026-11-03', '2026-11-02', '2026-11-01']);
      expect(new Set(created.map((c) => c.lane)).size).toBe(2);
      // Two lanes: the first two dates start at once, the other two wait in their lanes.
      expect(created.slice(0, 2).every((c) => c.status !== 'WAIT')).toBe(true);
      expect(created.slice(2).every((c) => c.status === 'WAIT')).toBe(true);
      for (const c of created) expect((await waitFor(adapter, c.instanceId, ended)).status).toBe('SUCCESS');

      // Closing (or switching workspace) mid-run: on reopen the instance is FAIL with the reason, nothing else lost.
      const midRun = await adapter.start({ workflow: 'slow', businessDate: '2026-11-02' });
      await waitFor(adapter, midRun.instanceId, (i) => i.tasks[0].status === 'RUNNING');
      await adapter.setRoot(null);
      await adapter.setRoot(ws.root);
      expect(await adapter.get({ instanceId: midRun.instanceId })).toMatchObject({
        status: 'FAIL',
        reason: 'BDP Studio was closed while this instance was running',
      });
      expect((await adapter.list({ workflow: 'demo' })).length).toBe(4);
      expect((await adapter.get({ instanceId: created[0].instanceId })).tasks[0].attempts).toHaveLength(1);
    } finally {
      await adapter.dispose();
      ws.dispose();
    }
  });

  it('a runner that dies mid-run is detected: the instance ends FAIL with the reason, logs so far are on disk, the next call gets a new runner', async () => {
    const ws = workspaceWith({
      'workflows/long.workflow.yaml':
        'name: long\nschedule: { type: manual }\ntasks:\n  - name: long\n    type: SHELL\n    command: echo "before the end"; sleep 60\n',
    });
    const adapter = new RunnerServiceAdapter({
      runnerModulePath: bundle.modulePath,
      runner: { killGraceMs: 300 },
    });
    await adapter.setRoot(ws.root);
    try {
      const changes: RunInstanceChange[] = [];
      const exits: string[] = [];
      adapter.onDidChangeInstance((c) => changes.push(c));
      adapter.onDidRunnerExit((e) => exits.push(e.how));
      const started = await adapter.start({ workflow: 'long', businessDate: '2026-11-03' });
      await waitFor(adapter, started.instanceId, (i) => i.tasks[0].status === 'RUNNING');
      await new Promise((r) => setTimeout(r, 500)); // the log line's flush
      const pid = (await adapter.runner()).pid!;
      process.kill(pid, 'SIGKILL');
      await expect
        .poll(
          () =>
            changes.some((c) => c.instance.instanceId === started.instanceId && c.instance.status === 'FAIL'),
          { timeout: 15_000 },
        )
        .toBe(true);
      expect(exits).toEqual(['SIGKILL']);
      const inst = await adapter.get({ instanceId: started.instanceId });
      expect(inst).toMatchObject({
        status: 'FAIL',
        reason: 'the runner process exited (SIGKILL) while this instance was running',
      });
      expect(inst.tasks[0]).toMatchObject({ status: 'FAIL' });
      expect(
        (await adapter.readLog({ instanceId: started.instanceId, task: 'long', runNum: 1 })).text,
      ).toContain('before the end');
      expect((await adapter.runner()).pid).not.toBe(pid);
      expect(await adapter.list({})).toHaveLength(1);
    } finally {
      await adapter.dispose();
      ws.dispose();
    }
  });
});
