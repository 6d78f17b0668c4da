import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnosApiError } from './errors';
import { ENOS_OPERATIONS } from './operations';
import {
  samplePortableFlow,
  startClientAndEmulator,
  T0,
  task,
  type ClientAndEmulator,
} from '../../../../tests/support/enos-fixtures';
import type { FlowGraph, InstanceGraph } from './types';

// Contract tests: the client against the emulator over real HTTP on 127.0.0.1, one block per
// operation of spec §3.

let env: ClientAndEmulator;
beforeEach(async () => {
  env = await startClientAndEmulator();
});
afterEach(async () => {
  await env.close();
});

async function importSample(name = 'daily_orders'): Promise<number> {
  return (
    await env.client.importFlow({
      flowName: name,
      desc: 'd',
      dirId: env.rootDirId,
      flowJson: samplePortableFlow(name),
    })
  ).flowId;
}

describe('EnOS client <-> emulator contract', () => {
  it('covers all 22 operations of spec §3', () => {
    expect(Object.keys(ENOS_OPERATIONS)).toHaveLength(22);
    for (const name of Object.keys(ENOS_OPERATIONS))
      expect(typeof (env.client as unknown as Record<string, unknown>)[name]).toBe('function');
  });

  it('3.7 / 3.13 time endpoints', async () => {
    expect(await env.client.getCurrentTime()).toBe(T0);
    expect(await env.client.getTimeZone()).toBe('GMT+8');
  });

  it('3.16 / 3.2 directories: list, create, duplicate and missing parent', async () => {
    const [root] = await env.client.listWorkflowDirectories();
    expect(root).toMatchObject({ title: 'Workflow', key: env.rootDirId, isDirectory: true, children: [] });
    const { dirId } = await env.client.createDirectory(env.rootDirId, 'sales');
    expect(dirId).toMatch(/^[0-9a-f]{32}$/);
    const sub = await env.client.createDirectory(dirId, 'daily');
    const [tree] = await env.client.listWorkflowDirectories();
    expect(tree.children?.[0]).toMatchObject({
      title: 'sales',
      key: dirId,
      children: [{ title: 'daily', key: sub.dirId }],
    });
    await expect(env.client.createDirectory(env.rootDirId, 'sales')).rejects.toMatchObject({
      code: 62102,
      serverMessage: 'A directory of the same name already exists',
    });
    await expect(env.client.createDirectory('f'.repeat(32), 'x')).rejects.toMatchObject({
      code: 62102,
      serverMessage: 'parentId not found',
    });
    await expect(env.client.createDirectory(env.rootDirId, '')).rejects.toMatchObject({
      code: 62102,
      serverMessage: 'param: dirName cannot be empty',
    });
  });

  it('3.14 / 3.6 import then export round-trips the portable form', async () => {
    const flowId = await importSample();
    const exported = await env.client.exportFlow(flowId);
    // The request's flowName / desc win over flowJson's name / desc.
    expect(exported).toEqual({ ...samplePortableFlow('daily_orders'), desc: 'd' });
    const [tree] = await env.client.listWorkflowDirectories();
    expect(tree.children).toEqual([
      { title: 'daily_orders', key: flowId, type: 1, isDirectory: false, editable: true },
    ]);
  });

  it('3.14 import validation: name, directory, tasks, relations', async () => {
    const base = { desc: '', dirId: env.rootDirId };
    await expect(
      env.client.importFlow({ ...base, flowName: '', flowJson: samplePortableFlow('x') }),
    ).rejects.toMatchObject({ code: 62102, serverMessage: 'Invalid parameter: flowName' });
    await expect(
      env.client.importFlow({
        ...base,
        dirId: '0'.repeat(32),
        flowName: 'x',
        flowJson: samplePortableFlow('x'),
      }),
    ).rejects.toMatchObject({
      serverMessage: 'Directory does not exist',
    });
    const cyclic = samplePortableFlow('x', {
      relations: [
        { sourceTaskName: 'extract', targetTaskName: 'transform', rerun: true },
        { sourceTaskName: 'transform', targetTaskName: 'extract', rerun: true },
      ],
    });
    await expect(env.client.importFlow({ ...base, flowName: 'x', flowJson: cyclic })).rejects.toMatchObject({
      code: 62102,
      serverMessage: 'Workflow validation failed',
    });
    const unknownLink = samplePortableFlow('x', { flowLinks: [{ linkId: '0', sourceFlowName: 'nope' }] });
    await expect(
      env.client.importFlow({ ...base, flowName: 'x', flowJson: unknownLink }),
    ).rejects.toMatchObject({ serverMessage: 'Workflow validation failed' });
    expect(env.emulator.state.flows.size).toBe(0);
    expect(env.emulator.state.tasks.size).toBe(0);
  });

  it('3.14 import with flow and task links, exported by name', async () => {
    const upstream = await importSample('upstream');
    const flowJson = samplePortableFlow('downstream', {
      tasks: [task('report', 'echo report')],
      relations: [],
      flowLinks: [{ linkId: '0', sourceFlowName: 'upstream' }],
      taskLinks: [{ linkId: '1', sourceFlowName: 'upstream', sourceTaskName: 'load' }],
      linkRelations: [
        { linkId: '0', targetTaskName: 'report', rerun: false },
        { linkId: '1', targetTaskName: 'report', rerun: true },
      ],
    });
    const flowId = (
      await env.client.importFlow({ flowName: 'downstream', desc: '', dirId: env.rootDirId, flowJson })
    ).flowId;
    expect(await env.client.exportFlow(flowId)).toEqual({ ...flowJson, desc: '' });
    const graph = JSON.parse((await env.client.getFlow(flowId)).graph) as FlowGraph;
    const loadTaskId = JSON.parse((await env.client.getFlow(upstream)).graph).tasks[2].taskId as string;
    expect(graph.flows).toEqual([
      expect.objectContaining({
        flowId: String(upstream),
        flowName: 'upstream',
        nodeId: `f_${upstream}`,
        isVirtual: false,
      }),
      expect.objectContaining({ flowName: `${loadTaskId}(load)`, isVirtual: true }),
    ]);
    // Another workflow depends on `upstream`: 3.3 refuses to delete it.
    await expect(env.client.deleteFlow(upstream)).rejects.toMatchObject({ code: 62104, kind: 'service' });
  });

  it('3.8 / 3.17 get and load-for-edit show the graph form', async () => {
    const flowId = await importSample();
    const flow = await env.client.getFlow(flowId);
    expect(flow).toMatchObject({
      flowId,
      flowName: 'daily_orders',
      active: 0,
      cycle: 'D',
      freq: '0 0 2 * * ? *',
      owner: ';demo;',
      doAs: 'db_demo',
      entry: 1,
      hasEditPri: true,
    });
    expect(flow.createTime).toBe('2024-01-15 10:00:00.0');
    expect(flow.queue).toBeUndefined();
    const graph = JSON.parse(flow.graph) as FlowGraph;
    expect(graph.tasks?.map((t) => t.taskName)).toEqual(['extract', 'transform', 'load']);
    const [a, b, c] = graph.tasks?.map((t) => t.nodeId) ?? [];
    expect(graph.relations).toEqual([
      { source: a, target: b, cycleGap: 'D0', rerun: true },
      { source: b, target: c, cycleGap: 'D0', rerun: false },
    ]);
    const draft = await env.client.loadFlowForEdit(flowId);
    expect(draft).toEqual({ ...flow, queue: '' });
  });

  it('3.18 save re-arranges existing tasks and keeps export consistent', async () => {
    const flowId = await importSample();
    const graph = JSON.parse((await env.client.getFlow(flowId)).graph) as FlowGraph;
    const [a, , c] = graph.tasks ?? [];
    env.clock.advance(5000);
    const saved = await env.client.saveFlow({
      ...graph,
      id: String(flowId),
      active: 1,
      freq: '0 30 3 * * ? *',
      tasks: graph.tasks?.map((t) => ({ ...t, x: 0.5 })),
      relations: [{ source: a.nodeId, target: c.nodeId, cycleGap: 'D0', rerun: true }],
    });
    expect(saved.flowId).toBe(flowId);
    const after = await env.client.getFlow(flowId);
    expect(after).toMatchObject({ active: 1, freq: '0 30 3 * * ? *', updateTime: '2024-01-15 10:00:05.0' });
    expect((JSON.parse(after.graph) as FlowGraph).tasks?.every((t) => t.x === 0.5)).toBe(true);
    expect((await env.client.exportFlow(flowId)).relations).toEqual([
      { sourceTaskName: 'extract', targetTaskName: 'load', rerun: true },
    ]);
    // A task id of no task of this workflow, a cycle, or a type switch are rejected.
    await expect(
      env.client.saveFlow({
        ...graph,
        id: flowId,
        active: 0,
        tasks: [{ taskId: 1, taskName: 'x', nodeId: 't_1', x: 0, y: 0 }],
      }),
    ).rejects.toMatchObject({ code: 62102 });
    await expect(
      env.client.saveFlow({
        ...graph,
        id: flowId,
        active: 0,
        relations: [
          { source: a.nodeId, target: c.nodeId, cycleGap: 'D0', rerun: true },
          { source: c.nodeId, target: a.nodeId, cycleGap: 'D0', rerun: true },
        ],
      }),
    ).rejects.toMatchObject({ code: 62102 });
    await expect(env.client.saveFlow({ ...graph, id: flowId, active: 0, type: 0 })).rejects.toMatchObject({
      code: 62102,
    });
    await expect(env.client.saveFlow({ ...graph, id: 999999, active: 0 })).rejects.toMatchObject({
      code: 62102,
      serverMessage: 'Incorrect parameter',
    });
  });

  it('3.10 / 3.19 get my flow and search flow with pagination and sorters', async () => {
    const first = await importSample('alpha_orders');
    env.clock.advance(1000);
    const second = await importSample('beta_orders');
    expect(await env.client.getMyFlow('beta')).toEqual([
      { flowId: String(second), flowName: 'beta_orders', editable: true, cycle: 'D' },
    ]);
    expect(await env.client.getMyFlow()).toHaveLength(2);
    const byCreateDesc = await env.client.searchFlow({
      expression: 'orders',
      pagination: { pageNo: 1, pageSize: 10, sorters: [{ field: 'create_time', order: 'DESC' }] },
    });
    expect(byCreateDesc).toEqual([
      { flowId: String(second), flowName: 'beta_orders' },
      { flowId: String(first), flowName: 'alpha_orders' },
    ]);
    const page2 = await env.client.searchFlow({
      pagination: { pageNo: 2, pageSize: 1, sorters: [{ field: 'createTime', order: 'ASC' }] },
    });
    expect(page2).toEqual([{ flowId: String(second), flowName: 'beta_orders' }]);
    await expect(
      env.client.searchFlow({ pagination: { pageNo: 1, pageSize: 10, sorters: [{ field: 'color' }] } }),
    ).rejects.toMatchObject({
      code: 62102,
      serverMessage: 'The sorters field parameter is invalid',
    });
  });

  it('3.5 / 3.4 enable and disable flip `active`', async () => {
    const flowId = await importSample();
    await env.client.enableFlow(flowId);
    expect((await env.client.getFlow(flowId)).active).toBe(1);
    await env.client.disableFlow(flowId);
    expect((await env.client.getFlow(flowId)).active).toBe(0);
  });

  it('3.20 / 3.9 / 3.15 / 3.11 / 3.12 trigger, then read instance, list, task instance and log', async () => {
    const flowId = await importSample();
    const instId = await env.client.triggerFlow(flowId, T0);
    expect(instId).toBe(`${flowId}-20240115100000`);
    let inst = await env.client.getFlowInstance(instId);
    expect(inst).toMatchObject({
      instanceId: instId,
      flowId,
      status: 0,
      statusDesc: 'INIT',
      triggerTime: '2024-01-15 10:00:00',
      startTime: null,
      calDt: '2024-01-14',
    });
    env.clock.advance(1000);
    inst = await env.client.getFlowInstance(instId);
    expect(inst).toMatchObject({ status: 2, statusDesc: 'RUNNING', startTime: '2024-01-15 10:00:01' });
    const graph = JSON.parse(inst.graph) as InstanceGraph;
    expect(graph.tasks.map((t) => [t.taskName, t.status])).toEqual([
      ['extract', 'RUNNING'],
      ['transform', 'INIT'],
      ['load', 'INIT'],
    ]);
    const extractInst = graph.tasks[0].taskInstId as string;
    expect(extractInst).toBe(`${graph.tasks[0].taskId}-20240115100000`);

    const list = await env.client.listFlowInstances({
      type: 1,
      expression: 'daily',
      owner: '',
      fromTriggerTime: T0 - 1000,
      toTriggerTime: T0 + 1000,
      status: '0,1,2',
      pagination: { pageNo: 1, pageSize: 10 },
    });
    expect(list.count).toBe(1);
    expect(list.flowInsts[0]).toMatchObject({ instanceId: instId, isCancelled: false });
    const none = await env.client.listFlowInstances({
      type: 1,
      fromTriggerTime: T0 - 1000,
      toTriggerTime: T0 + 1000,
      status: '1',
      pagination: { pageNo: 1, pageSize: 10 },
    });
    expect(none).toEqual({ flowInsts: [], count: 0 });

    const ti = await env.client.getTaskInstance(extractInst);
    expect(ti).toMatchObject({
      instanceId: extractInst,
      taskName: 'extract',
      status: 2,
      stsDesc: 'RUNNING',
      flowInstId: instId,
      cmd: 'echo extract ${region}',
      runNum: 1,
    });
    const log = await env.client.getTaskInstanceLog(extractInst);
    expect(log).toContain(`instance: ${extractInst}`);
    expect(log).toContain('cmdline: echo extract ${region}');
    expect(await env.client.getTaskInstanceLog(extractInst, 20)).toHaveLength(20);
    await expect(env.client.getTaskInstanceLog(graph.tasks[1].taskInstId as string)).rejects.toMatchObject({
      code: 62109,
      serverMessage: 'No log found',
    });
    await expect(env.client.getTaskInstanceLog('1-2')).rejects.toMatchObject({
      code: 62102,
      serverMessage: 'Instance not found',
    });
    await expect(env.client.getFlowInstance('1-2')).rejects.toMatchObject({
      code: 62102,
      serverMessage: 'Instance not found',
    });
  });

  it('3.21 / 3.22 / 3.1 trigger from task, update and trigger, cancel', async () => {
    const flowId = await importSample();
    const graph = JSON.parse((await env.client.getFlow(flowId)).graph) as FlowGraph;
    const fromTask = await env.client.triggerFlowFromTask(
      flowId,
      graph.tasks?.[1].taskId as string,
      T0 - 3_600_000,
    );
    expect(fromTask).toBe(`${flowId}-20240115090000`);
    env.clock.advance(60_000);
    const withParams = await env.client.updateAndTriggerFlow(flowId, T0, [{ key: 'region', value: 'eu' }]);
    const inst = await env.client.getFlowInstance(withParams);
    expect(JSON.parse(inst.parameters)).toEqual([{ key: 'region', value: 'eu' }]);
    // The workflow itself keeps its parameters.
    expect((await env.client.getFlow(flowId)).parameters).toBe('[{"key":"region","value":"cn"}]');
    await env.client.cancelFlowInstance(withParams);
    const cancelled = await env.client.getFlowInstance(withParams);
    expect(cancelled).toMatchObject({ status: 8, statusDesc: 'CANCEL' });
    await expect(env.client.cancelFlowInstance(withParams)).rejects.toMatchObject({ code: 62102 });
  });

  it('3.3 delete removes the workflow, its tasks and instances', async () => {
    const flowId = await importSample();
    await env.client.triggerFlow(flowId, T0);
    await expect(env.client.deleteFlow(flowId)).rejects.toMatchObject({ code: 62104 });
    await env.client.cancelFlowInstance(`${flowId}-20240115100000`);
    await env.client.deleteFlow(flowId);
    await expect(env.client.getFlow(flowId)).rejects.toBeInstanceOf(EnosApiError);
    expect(env.emulator.state.tasks.size).toBe(0);
    expect(env.emulator.state.instances.size).toBe(0);
  });
});
