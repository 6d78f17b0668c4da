import { afterEach, describe, expect, it } from 'vitest';
import { EnosBackendOperations } from './backend-operations';
import {
  samplePortableFlow,
  startClientAndEmulator,
  T0,
  type ClientAndEmulator,
} from '../../../../tests/support/enos-fixtures';
import { parseEnosTime, zoneOffsetMinutes } from './time';

let env: ClientAndEmulator | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('EnosBackendOperations', () => {
  it('parses service times in the server zone', () => {
    expect(zoneOffsetMinutes('GMT+8')).toBe(480);
    expect(zoneOffsetMinutes('GMT-5:30')).toBe(-330);
    expect(parseEnosTime('2024-01-15 10:00:00', 480)).toBe(T0);
    expect(parseEnosTime('2024-01-15 10:00:00.5', 480)).toBe(T0 + 500);
    expect(parseEnosTime(null, 480)).toBeUndefined();
  });

  it('maps enable, trigger (with and without parameters), from-task, list, get, log and cancel', async () => {
    env = await startClientAndEmulator();
    const c = env;
    const ops = new EnosBackendOperations(c.client, () => c.clock.now());
    const { flowId } = await c.client.importFlow({
      flowName: 'f',
      dirId: c.rootDirId,
      flowJson: samplePortableFlow('f'),
    });
    const wf = String(flowId);
    await ops.setEnabled(wf, true);
    expect((await c.client.getFlow(flowId)).active).toBe(1);

    const first = await ops.trigger(wf, T0);
    c.clock.advance(60_000);
    const second = await ops.trigger(wf, T0 + 60_000, { region: 'eu' });
    c.clock.advance(1000);

    const detail = await ops.getInstance(second);
    expect(detail).toMatchObject({
      id: second,
      workflowId: wf,
      workflowName: 'f',
      state: 'RUNNING',
      triggerTime: T0 + 60_000,
      parameters: { region: 'eu' },
    });
    expect(detail.tasks.map((t) => [t.taskName, t.state])).toEqual([
      ['extract', 'RUNNING'],
      ['transform', 'INIT'],
      ['load', 'INIT'],
    ]);
    const firstDetail = await ops.getInstance(first);
    expect(firstDetail).toMatchObject({ state: 'SUCCESS', startTime: T0 + 1000, endTime: T0 + 31_000 });

    const all = await ops.listInstances({ workflowId: wf });
    expect(all.items.map((i) => i.id)).toEqual([second, first]);
    expect(all.total).toBe(2);
    const running = await ops.listInstances({ scheduling: 'periodic', states: ['RUNNING'] });
    expect(running.items.map((i) => i.id)).toEqual([second]);
    const page2 = await ops.listInstances({ pageSize: 1, page: 2 });
    expect(page2.items.map((i) => i.id)).toEqual([first]);

    expect(await ops.getTaskLog(detail.tasks[0].id)).toContain('cmdline: echo extract ${region}');
    await ops.cancel(second);
    expect((await ops.getInstance(second)).state).toBe('CANCEL');

    c.clock.advance(60_000);
    const fromTask = await ops.triggerFromTask(wf, firstDetail.tasks[1].taskId, T0 + 120_000);
    expect((await ops.getInstance(fromTask)).tasks.map((t) => t.state)).toEqual(['SKIP', 'INIT', 'SKIP']);
  });
});
