import { afterEach, describe, expect, it } from 'vitest';
import {
  samplePortableFlow,
  startClientAndEmulator,
  T0,
  task,
  type ClientAndEmulator,
} from '../../../../tests/support/enos-fixtures';
import type { FlowGraph, InstanceGraph } from '../../sync/enos/types';

// Instance life cycle on the simulated clock: start delay 1 s, every task 10 s.

let env: ClientAndEmulator | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function setup(
  flowJson = samplePortableFlow('flow'),
  options: Parameters<typeof startClientAndEmulator>[0] = {},
): Promise<ClientAndEmulator & { flowId: number; taskIds: string[] }> {
  env = await startClientAndEmulator(options);
  const { flowId } = await env.client.importFlow({ flowName: flowJson.name, dirId: env.rootDirId, flowJson });
  const graph = JSON.parse((await env.client.getFlow(flowId)).graph) as FlowGraph;
  return { ...env, flowId, taskIds: (graph.tasks ?? []).map((t) => String(t.taskId)) };
}

async function snapshot(c: ClientAndEmulator, instId: string): Promise<{ status: string; tasks: string[] }> {
  const inst = await c.client.getFlowInstance(instId);
  const graph = JSON.parse(inst.graph) as InstanceGraph;
  return { status: inst.statusDesc, tasks: graph.tasks.map((t) => `${t.taskName}:${t.status}`) };
}

describe('emulator instance simulation', () => {
  it('moves INIT -> RUNNING -> SUCCESS task by task in topological order', async () => {
    const c = await setup();
    const id = await c.client.triggerFlow(c.flowId, T0);
    expect(await snapshot(c, id)).toEqual({
      status: 'INIT',
      tasks: ['extract:INIT', 'transform:INIT', 'load:INIT'],
    });
    c.clock.advance(1000);
    expect(await snapshot(c, id)).toEqual({
      status: 'RUNNING',
      tasks: ['extract:RUNNING', 'transform:INIT', 'load:INIT'],
    });
    c.clock.advance(10_000);
    expect(await snapshot(c, id)).toEqual({
      status: 'RUNNING',
      tasks: ['extract:SUCCESS', 'transform:RUNNING', 'load:INIT'],
    });
    c.clock.advance(20_000);
    expect(await snapshot(c, id)).toEqual({
      status: 'SUCCESS',
      tasks: ['extract:SUCCESS', 'transform:SUCCESS', 'load:SUCCESS'],
    });
    const inst = await c.client.getFlowInstance(id);
    expect(inst).toMatchObject({
      status: 1,
      startTime: '2024-01-15 10:00:01',
      endTime: '2024-01-15 10:00:31',
    });
    const log = await c.client.getTaskInstanceLog(`${c.taskIds[2]}-20240115100000`);
    expect(log).toMatch(
      /run num: 1\ninstance: .*\ncmdline: sh load.sh\nsubmitter: db_demo\ncurrent time: 2024-01-15 10:00:21/,
    );
    expect(log).toContain('simulated exit code 0');
  });

  it('fails a task steered by state.failTasks or by `exit 1`; downstream never runs', async () => {
    const flow = samplePortableFlow('flow', {
      tasks: [
        task('extract', 'echo a'),
        task('transform', 'python t.py || exit 1'),
        task('load', 'sh load.sh'),
      ],
    });
    const c = await setup(flow);
    const id = await c.client.triggerFlow(c.flowId, T0);
    c.clock.advance(60_000);
    expect(await snapshot(c, id)).toEqual({
      status: 'FAIL',
      tasks: ['extract:SUCCESS', 'transform:FAIL', 'load:INIT'],
    });
    expect((await c.client.getTaskInstance(`${c.taskIds[1]}-20240115100000`)).stsDesc).toBe('FAIL');

    c.emulator.state.failTasks.add('extract');
    const second = await c.client.triggerFlow(c.flowId, T0 + 60_000);
    c.clock.advance(60_000);
    expect((await snapshot(c, second)).tasks).toEqual(['extract:FAIL', 'transform:INIT', 'load:INIT']);
  });

  it('marks the instance FAIL as soon as one branch fails while another still runs', async () => {
    const flow = samplePortableFlow('flow', {
      tasks: [task('a', 'exit 2'), task('b', 'echo b')],
      relations: [],
    });
    const c = await setup(flow);
    const id = await c.client.triggerFlow(c.flowId, T0);
    c.clock.advance(1000);
    expect((await snapshot(c, id)).tasks).toEqual(['a:RUNNING', 'b:RUNNING']);
    c.clock.advance(10_000);
    expect(await snapshot(c, id)).toEqual({ status: 'FAIL', tasks: ['a:FAIL', 'b:SUCCESS'] });
  });

  it('rejects a re-trigger of the same workflow within one minute (62102)', async () => {
    const c = await setup();
    await c.client.triggerFlow(c.flowId, T0);
    c.clock.advance(59_999);
    const message =
      'Cannot create workflow instance. Please check if the workflow or task exist, and do not trigger the same workflow repeatedly in 1 minute.';
    await expect(c.client.triggerFlow(c.flowId, T0 + 3_600_000)).rejects.toMatchObject({
      code: 62102,
      serverMessage: message,
    });
    await expect(c.client.triggerFlowFromTask(c.flowId, c.taskIds[0], T0 + 3_600_000)).rejects.toMatchObject({
      code: 62102,
    });
    await expect(c.client.updateAndTriggerFlow(c.flowId, T0 + 3_600_000, [])).rejects.toMatchObject({
      code: 62102,
    });
    c.clock.advance(1);
    expect(await c.client.triggerFlow(c.flowId, T0 + 3_600_000)).toBe(`${c.flowId}-20240115110000`);
  });

  it('runs one instance per workflow at a time; later ones WAIT, then run in order', async () => {
    const c = await setup(samplePortableFlow('flow'), { taskDurationMs: 60_000 });
    const first = await c.client.triggerFlow(c.flowId, T0);
    c.clock.advance(60_000);
    const second = await c.client.triggerFlow(c.flowId, T0 - 86_400_000);
    c.clock.advance(1000);
    expect((await snapshot(c, first)).status).toBe('RUNNING');
    expect((await snapshot(c, second)).status).toBe('WAIT');
    c.clock.advance(120_000); // first ends at 181 s
    expect((await snapshot(c, first)).status).toBe('SUCCESS');
    expect(await snapshot(c, second)).toEqual({
      status: 'RUNNING',
      tasks: ['extract:RUNNING', 'transform:INIT', 'load:INIT'],
    });
    expect((await c.client.getFlowInstance(second)).startTime).toBe('2024-01-15 10:03:01');
  });

  it('waits for a future trigger time', async () => {
    const c = await setup();
    const id = await c.client.triggerFlow(c.flowId, T0 + 3_600_000);
    c.clock.advance(3_599_000);
    expect((await snapshot(c, id)).status).toBe('INIT');
    c.clock.advance(1000);
    expect((await snapshot(c, id)).status).toBe('RUNNING');
  });

  it('cancel stops running and pending tasks and frees the workflow for the next instance', async () => {
    const c = await setup(samplePortableFlow('flow'), { taskDurationMs: 60_000 });
    const first = await c.client.triggerFlow(c.flowId, T0);
    c.clock.advance(60_000);
    const second = await c.client.triggerFlow(c.flowId, T0 + 1000);
    c.clock.advance(1000); // first: extract done at 61 s, transform running; second waits
    expect((await snapshot(c, second)).status).toBe('WAIT');
    await c.client.cancelFlowInstance(first);
    expect(await snapshot(c, first)).toEqual({
      status: 'CANCEL',
      tasks: ['extract:SUCCESS', 'transform:CANCEL', 'load:CANCEL'],
    });
    expect(await c.client.getTaskInstanceLog(`${c.taskIds[1]}-20240115100000`)).toContain(
      'cancelled by user',
    );
    const listed = await c.client.listFlowInstances({
      type: 1,
      fromTriggerTime: 0,
      toTriggerTime: T0 + 10_000,
      status: '8',
      pagination: { pageNo: 0, pageSize: 5 },
    });
    expect(listed.flowInsts.map((i) => [i.instanceId, i.isCancelled])).toEqual([[first, true]]);
    expect((await snapshot(c, second)).status).toBe('RUNNING');
  });

  it('trigger from task runs the task and its downstream along rerun:true only; a false relation SKIPs', async () => {
    const c = await setup();
    // extract -(rerun true)-> transform -(rerun false)-> load
    const id = await c.client.triggerFlowFromTask(c.flowId, c.taskIds[0], T0);
    expect((await snapshot(c, id)).tasks).toEqual(['extract:INIT', 'transform:INIT', 'load:SKIP']);
    c.clock.advance(60_000);
    expect(await snapshot(c, id)).toEqual({
      status: 'SUCCESS',
      tasks: ['extract:SUCCESS', 'transform:SUCCESS', 'load:SKIP'],
    });
    const fromTransform = await c.client.triggerFlowFromTask(c.flowId, c.taskIds[1], T0 + 60_000);
    c.clock.advance(1000);
    expect((await snapshot(c, fromTransform)).tasks).toEqual([
      'extract:SKIP',
      'transform:RUNNING',
      'load:SKIP',
    ]);
    c.clock.advance(60_000);
    await expect(c.client.triggerFlowFromTask(c.flowId, '1', T0 + 120_000)).rejects.toMatchObject({
      code: 62102,
    });
  });

  it('update and trigger applies the parameters to the instance only', async () => {
    const c = await setup();
    const id = await c.client.updateAndTriggerFlow(c.flowId, T0, [{ key: 'day', value: '2024-01-14' }]);
    expect(JSON.parse((await c.client.getFlowInstance(id)).parameters)).toEqual([
      { key: 'region', value: 'cn' },
      { key: 'day', value: '2024-01-14' },
    ]);
  });
});
