import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRASH_REASON } from './instance-store';
import { RunnerServiceNode } from './runner-service';
import { makeWorkflow, taskOf, tempWorkspace, waitForEnd } from '../../../tests/support/runner-fixtures';
import type { WorkflowInstance } from './types';
import type { InstanceChange } from '../../shared/runner-protocol';

let ws: ReturnType<typeof tempWorkspace>;
let runner: RunnerServiceNode;

beforeEach(async () => {
  ws = tempWorkspace();
  runner = new RunnerServiceNode({ workspaceRoot: ws.root, parallelism: 4, killGraceMs: 300 });
  await runner.init();
});
afterEach(async () => {
  await runner.dispose();
  ws.dispose();
});

const sh = (name: string, command: string): { name: string; type: 'SHELL'; command: string } => ({
  name,
  type: 'SHELL',
  command,
});

describe('one running instance per workflow', () => {
  it('queues a second instance as WAIT and runs it after the first', async () => {
    const log = join(ws.root, 'seq');
    const wf = makeWorkflow({
      tasks: [
        sh('a', `echo start-$BDP_INSTANCE_ID >> ${log}; sleep 0.4; echo end-$BDP_INSTANCE_ID >> ${log}`),
      ],
    });
    const first = await runner.start({ workflow: wf, triggerTime: '2026-11-24 08:00:00' });
    const second = await runner.start({ workflow: wf, triggerTime: '2026-11-24 08:00:00' });
    expect(second.instanceId).toBe('wf-20261124080000-2');
    expect(second.status).toBe('WAIT');
    expect(second.statusCode).toBe(5);
    const other = await runner.start({
      workflow: makeWorkflow({ name: 'other', tasks: [sh('a', 'true')] }),
      triggerTime: '2026-11-24',
    });
    expect(other.status).not.toBe('WAIT');
    await waitForEnd(runner, second.instanceId);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      `start-${first.instanceId}`,
      `end-${first.instanceId}`,
      `start-${second.instanceId}`,
      `end-${second.instanceId}`,
    ]);
  });

  it('stopping a waiting instance cancels it without running it', async () => {
    const wf = makeWorkflow({ tasks: [sh('a', 'sleep 0.3')] });
    const first = await runner.start({ workflow: wf, triggerTime: '2026-11-24' });
    const second = await runner.start({ workflow: wf, triggerTime: '2026-11-24' });
    const stopped = await runner.stop(second.instanceId);
    expect(stopped.status).toBe('CANCEL');
    expect(taskOf(stopped, 'a').runNum).toBe(0);
    expect((await waitForEnd(runner, first.instanceId)).status).toBe('SUCCESS');
  });
});

describe('instances', () => {
  it('rejects a workflow without tasks and an unknown node', async () => {
    await expect(runner.start({ workflow: makeWorkflow({ tasks: [] }) })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(
      runner.start({
        workflow: makeWorkflow({ tasks: [sh('a', 'true')] }),
        scope: { kind: 'node', node: 'zz' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('persists instance.json and one log per attempt, and lists instances', async () => {
    const wf = makeWorkflow({ tasks: [sh('a', 'echo hi')] });
    const started = await runner.start({ workflow: wf, triggerTime: '2026-11-24 08:00:00' });
    expect(started.calDt).toBe('2026-11-23');
    const done = await waitForEnd(runner, started.instanceId);
    const dir = join(ws.root, '.bdp', 'runs', 'wf', done.instanceId);
    // get() may answer from the pending write before the file lands (seen under heavy load).
    for (let i = 0; i < 250 && !existsSync(join(dir, 'instance.json')); i++)
      await new Promise((r) => setTimeout(r, 20));
    const onDisk = JSON.parse(readFileSync(join(dir, 'instance.json'), 'utf8')) as WorkflowInstance;
    expect(onDisk.status).toBe('SUCCESS');
    expect(onDisk.tasks[0].taskInstId).toBe('a-20261124080000');
    expect(existsSync(join(dir, 'a.1.log'))).toBe(true);
    const list = await runner.list({ workflow: 'wf' });
    expect(list.map((i) => i.instanceId)).toEqual([done.instanceId]);
    expect('tasks' in list[0]).toBe(false);
  });

  it('reruns a finished instance in place; run numbers continue', async () => {
    const counter = join(ws.root, 'n');
    const wf = makeWorkflow({
      tasks: [sh('a', `n=$(cat ${counter} 2>/dev/null || echo 0); echo $((n+1)) > ${counter}; [ $n -ge 1 ]`)],
    });
    const started = await runner.start({ workflow: wf, triggerTime: '2026-11-24' });
    expect((await waitForEnd(runner, started.instanceId)).status).toBe('FAIL');
    await runner.rerun({ instanceId: started.instanceId });
    const again = await waitForEnd(runner, started.instanceId);
    expect(again.status).toBe('SUCCESS');
    expect(again.rerunCount).toBe(1);
    expect(taskOf(again, 'a')).toMatchObject({ runNum: 2, status: 'SUCCESS' });
    expect(taskOf(again, 'a').logs).toEqual(['a.1.log', 'a.2.log']);
  });

  it('emits batched change events with the EnOS codes', async () => {
    const changes: InstanceChange[] = [];
    runner.onDidChangeInstance((c) => changes.push(c));
    const started = await runner.start({
      workflow: makeWorkflow({ tasks: [sh('a', 'true'), sh('b', 'true')] }),
      triggerTime: '2026-11-24',
    });
    await waitForEnd(runner, started.instanceId);
    const until = Date.now() + 5000;
    while (changes[changes.length - 1]?.instance.endTime === undefined && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    const last = changes[changes.length - 1];
    expect(last.instance).toMatchObject({ status: 'SUCCESS', statusCode: 1 });
    expect(changes.flatMap((c) => c.tasks).some((t) => t.status === 'SUCCESS')).toBe(true);
  });

  it('prunes finished instances beyond the retention', async () => {
    await runner.configure({ retention: { maxPerWorkflow: 2 } });
    const wf = makeWorkflow({ tasks: [sh('a', 'true')] });
    for (let i = 0; i < 4; i++)
      await waitForEnd(
        runner,
        (await runner.start({ workflow: wf, triggerTime: `2026-11-2${i}` })).instanceId,
      );
    await new Promise((r) => setTimeout(r, 200));
    const left = await runner.list();
    expect(left.map((i) => i.triggerTime)).toEqual(['2026-11-23 00:00:00', '2026-11-22 00:00:00']);
    expect(existsSync(join(ws.root, '.bdp', 'runs', 'wf', 'wf-20261120000000'))).toBe(false);
  });
});

describe('crash recovery', () => {
  it('marks an instance left RUNNING as FAIL with the reason, and its running tasks too', async () => {
    const runs = join(ws.root, '.bdp', 'runs', 'wf', 'wf-20261124080000');
    mkdirSync(runs, { recursive: true });
    const base = { recallNum: 0, recallLimit: 0, recallInterval: 0, timeout: 0, isTimeout: false, logs: [] };
    const left: WorkflowInstance = {
      instanceId: 'wf-20261124080000',
      workflow: 'wf',
      scope: { kind: 'workflow' },
      triggerTime: '2026-11-24 08:00:00',
      utcOffsetMinutes: 0,
      calDt: '2026-11-23',
      status: 'RUNNING',
      statusCode: 2,
      submitter: 'me',
      createdAt: new Date().toISOString(),
      rerunCount: 0,
      parameters: {},
      tasks: [
        { ...base, taskInstId: 'a-x', name: 'a', type: 'SHELL', status: 'SUCCESS', statusCode: 1, runNum: 1 },
        { ...base, taskInstId: 'b-x', name: 'b', type: 'SHELL', status: 'RUNNING', statusCode: 2, runNum: 1 },
        { ...base, taskInstId: 'c-x', name: 'c', type: 'SHELL', status: 'INIT', statusCode: 0, runNum: 0 },
      ],
    };
    writeFileSync(join(runs, 'instance.json'), JSON.stringify(left));
    const fresh = new RunnerServiceNode({ workspaceRoot: ws.root });
    const recovered = await fresh.init();
    expect(recovered.map((r) => r.instanceId)).toEqual(['wf-20261124080000']);
    const inst = (await fresh.get('wf-20261124080000'))!;
    expect(inst).toMatchObject({ status: 'FAIL', statusCode: -1, reason: CRASH_REASON });
    expect(taskOf(inst, 'a').status).toBe('SUCCESS');
    expect(taskOf(inst, 'b')).toMatchObject({ status: 'FAIL', reason: CRASH_REASON });
    expect(taskOf(inst, 'c').status).toBe('SKIP');
    await fresh.dispose();
  });
});
