import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_STATES } from '../../shared/model';
import { RunnerServiceNode } from './runner-service';
import {
  isAlive,
  makeWorkflow,
  taskOf,
  tempWorkspace,
  waitForEnd,
} from '../../../tests/support/runner-fixtures';
import type { WorkflowInstance } from './types';

let ws: ReturnType<typeof tempWorkspace>;
let runner: RunnerServiceNode;

beforeEach(async () => {
  ws = tempWorkspace();
  runner = new RunnerServiceNode({
    workspaceRoot: ws.root,
    parallelism: 4,
    killGraceMs: 300,
    submitter: 'tester',
  });
  await runner.init();
});
afterEach(async () => {
  await runner.dispose();
  ws.dispose();
});

type Tasks = NonNullable<Parameters<typeof makeWorkflow>[0]['tasks']>;
type Relations = Parameters<typeof makeWorkflow>[0]['relations'];

async function run(
  tasks: Tasks,
  relations: Relations = [],
  extra: Partial<Parameters<RunnerServiceNode['start']>[0]> = {},
): Promise<WorkflowInstance> {
  const started = await runner.start({
    workflow: makeWorkflow({ tasks, relations }),
    triggerTime: '2026-11-24 08:00:00',
    ...extra,
  });
  return waitForEnd(runner, started.instanceId);
}

const sh = (name: string, command: string, config: Record<string, unknown> = {}): Tasks[number] => ({
  name,
  type: 'SHELL',
  command,
  config,
});

describe('SHELL success = exit code equals successCode (spec §2.2)', () => {
  it('exit 0 succeeds with the default success code', async () => {
    const inst = await run([sh('a', 'exit 0')]);
    expect(inst.status).toBe('SUCCESS');
    expect(inst.statusCode).toBe(RUN_STATES.SUCCESS);
    expect(taskOf(inst, 'a')).toMatchObject({
      status: 'SUCCESS',
      statusCode: 1,
      runNum: 1,
      recallNum: 0,
      exitCode: 0,
    });
  });

  it('a non-zero exit fails; a matching custom success code succeeds', async () => {
    const inst = await run([
      sh('a', 'exit 3'),
      sh('b', 'exit 3', { successCode: '3' }),
      sh('c', 'exit 0', { successCode: '3' }),
    ]);
    expect(taskOf(inst, 'a').status).toBe('FAIL');
    expect(taskOf(inst, 'a').statusCode).toBe(-1);
    expect(taskOf(inst, 'b').status).toBe('SUCCESS');
    expect(taskOf(inst, 'c').status).toBe('FAIL');
    expect(inst.status).toBe('FAIL');
  });
});

describe('log header (spec §4.3)', () => {
  it('starts with run number, instance id, the substituted command, submitter and time', async () => {
    const wf = makeWorkflow({
      parameters: { region: 'cn1' },
      tasks: [
        {
          name: 'a',
          type: 'SHELL',
          command: 'echo ${dt} ${region} ${cal_dt8} ${instance_id} ${nope}',
          parameters: { dt: '${cal_dt}' },
        },
      ],
    });
    const inst = await waitForEnd(
      runner,
      (await runner.start({ workflow: wf, triggerTime: '2026-11-24 08:00:00' })).instanceId,
    );
    const log = readFileSync(join(ws.root, '.bdp', 'runs', 'wf', inst.instanceId, 'a.1.log'), 'utf8');
    const [header, body] = log.split(/-{60}\n/);
    expect(inst.instanceId).toBe('wf-20261124080000');
    expect(header).toContain('run number: 1\n');
    expect(header).toContain(`instance id: ${inst.instanceId}\n`);
    expect(header).toContain('command: echo 2026-11-23 cn1 20261123 wf-20261124080000 ${nope}\n');
    expect(header).toContain('submitter: tester\n');
    expect(header).toMatch(/time: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\n/);
    expect(header).toContain('${nope}');
    // Unknown placeholders reach the shell as written (bash then expands ${nope} to nothing).
    expect(body).toBe('2026-11-23 cn1 20261123 wf-20261124080000\n');
    expect(taskOf(inst, 'a').cmd).toBe('echo 2026-11-23 cn1 20261123 wf-20261124080000 ${nope}');
  });
});

describe('retries and timeout (spec §4.4)', () => {
  it('retries a task that fails twice, then succeeds, counting recallNum and run numbers', async () => {
    const counter = join(ws.root, 'count');
    const cmd = `n=$(cat ${counter} 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${counter}; echo attempt $n; [ $n -ge 3 ]`;
    const inst = await run([sh('flaky', cmd, { retryTimes: 3, retryInterval: 0 })]);
    const t = taskOf(inst, 'flaky');
    expect(t).toMatchObject({ status: 'SUCCESS', runNum: 3, recallNum: 2, recallLimit: 3 });
    expect(t.logs).toEqual(['flaky.1.log', 'flaky.2.log', 'flaky.3.log']);
    expect(await runner.readLog(inst.instanceId, 'flaky', 2)).toContain('attempt 2');
  });

  it('fails after the retries run out, waiting retryInterval between attempts', async () => {
    const t0 = Date.now();
    const inst = await run([sh('bad', 'exit 1', { retryTimes: 2, retryInterval: 1 })]);
    expect(taskOf(inst, 'bad')).toMatchObject({ status: 'FAIL', runNum: 3, recallNum: 2 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
  });

  it('a timeout kills the attempt, is retried, then fails with isTimeout', async () => {
    const t0 = Date.now();
    const inst = await run([sh('slow', 'sleep 30', { timeout: 1, retryTimes: 1 })]);
    const t = taskOf(inst, 'slow');
    expect(t).toMatchObject({ status: 'FAIL', isTimeout: true, runNum: 2, recallNum: 1 });
    expect(t.reason).toMatch(/timed out/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await runner.readLog(inst.instanceId, 'slow', 1)).toContain('TIMEOUT');
  });
});

describe('DAG semantics', () => {
  it('runs nodes in dependency order', async () => {
    const order = join(ws.root, 'order');
    const inst = await run(
      [sh('a', `echo a >> ${order}`), sh('b', `echo b >> ${order}`), sh('c', `echo c >> ${order}`)],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
    );
    expect(inst.status).toBe('SUCCESS');
    expect(readFileSync(order, 'utf8')).toBe('a\nb\nc\n');
  });

  it('node + downstream: rerun=false edges end SKIP, SKIP upstreams count as done', async () => {
    // a -> b (rerun false) -> d ; a -> c -> e ; b -> e ; x unrelated
    const wf = makeWorkflow({
      tasks: [
        sh('a', 'true'),
        sh('b', 'true'),
        sh('c', 'true'),
        sh('d', 'true'),
        sh('e', 'true'),
        sh('x', 'true'),
      ],
      relations: [
        { from: 'a', to: 'b', rerun: false },
        { from: 'b', to: 'd' },
        { from: 'a', to: 'c' },
        { from: 'c', to: 'e' },
        { from: 'b', to: 'e' },
      ],
    });
    const started = await runner.start({
      workflow: wf,
      triggerTime: '2026-11-24 08:00:00',
      scope: { kind: 'downstream', node: 'a' },
    });
    const inst = await waitForEnd(runner, started.instanceId);
    expect(inst.status).toBe('SUCCESS');
    expect(Object.fromEntries(inst.tasks.map((t) => [t.name, t.status]))).toEqual({
      a: 'SUCCESS',
      b: 'SKIP',
      c: 'SUCCESS',
      d: 'SKIP',
      e: 'SUCCESS',
    });
    expect(taskOf(inst, 'b').statusCode).toBe(10);
    expect(taskOf(inst, 'b').runNum).toBe(0);
  });

  it('pre-run of one node runs only that node', async () => {
    const wf = makeWorkflow({
      tasks: [sh('a', 'exit 1'), sh('b', 'true')],
      relations: [{ from: 'a', to: 'b' }],
    });
    const started = await runner.start({
      workflow: wf,
      triggerTime: '2026-11-24',
      scope: { kind: 'node', node: 'b' },
    });
    const inst = await waitForEnd(runner, started.instanceId);
    expect(inst.tasks.map((t) => [t.name, t.status])).toEqual([['b', 'SUCCESS']]);
  });

  it('a failure makes the instance FAIL at once; running branches finish; its downstream is skipped', async () => {
    const marker = join(ws.root, 'branch-done');
    const wf = makeWorkflow({
      tasks: [
        sh('bad', 'exit 1'),
        sh('after', 'true'),
        sh('slow', `sleep 1.5; echo done > ${marker}`),
        sh('next', 'true'),
      ],
      relations: [
        { from: 'bad', to: 'after' },
        { from: 'slow', to: 'next' },
      ],
    });
    const started = await runner.start({ workflow: wf, triggerTime: '2026-11-24 08:00:00' });
    let sawFailWhileRunning = false;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const now = await runner.get(started.instanceId);
      if (now?.status === 'FAIL' && taskOf(now, 'slow').status === 'RUNNING') {
        sawFailWhileRunning = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(sawFailWhileRunning).toBe(true);
    const inst = await waitForEnd(runner, started.instanceId);
    expect(inst.status).toBe('FAIL');
    expect(taskOf(inst, 'after')).toMatchObject({ status: 'SKIP', reason: 'not run: upstream "bad" failed' });
    expect(taskOf(inst, 'slow').status).toBe('SUCCESS');
    expect(taskOf(inst, 'next').status).toBe('SUCCESS');
    expect(readFileSync(marker, 'utf8')).toBe('done\n');
  });

  it('respects the parallelism limit', async () => {
    await runner.configure({ parallelism: 2 });
    const stamps = join(ws.root, 'stamps');
    const cmd = (n: string): string =>
      `echo "start $(date +%s%N) ${n}" >> ${stamps}; sleep 0.3; echo "end $(date +%s%N) ${n}" >> ${stamps}`;
    const inst = await run(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => sh(n, cmd(n))));
    expect(inst.status).toBe('SUCCESS');
    const events = readFileSync(stamps, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .map(([kind, t]) => ({ kind, t: BigInt(t) }))
      .sort((x, y) => (x.t < y.t ? -1 : x.t > y.t ? 1 : 0));
    let now = 0;
    let max = 0;
    for (const e of events) {
      now += e.kind === 'start' ? 1 : -1;
      max = Math.max(max, now);
    }
    expect(max).toBe(2);
  });

  it('stop kills running trees including grandchildren, and cancels the rest (CANCEL)', async () => {
    const pidFile = join(ws.root, 'pid');
    const wf = makeWorkflow({
      tasks: [
        sh('long', `(trap '' TERM; sleep 60 & echo $! > ${pidFile}; wait); sleep 60`),
        sh('later', 'true'),
      ],
      relations: [{ from: 'long', to: 'later' }],
    });
    const started = await runner.start({ workflow: wf, triggerTime: '2026-11-24 08:00:00' });
    const deadline = Date.now() + 5000;
    let pid = 0;
    while (!pid && Date.now() < deadline) {
      try {
        pid = Number(readFileSync(pidFile, 'utf8').trim());
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    expect(isAlive(pid)).toBe(true);
    const stopped = await runner.stop(started.instanceId);
    expect(stopped.status).toBe('CANCEL');
    expect(stopped.statusCode).toBe(8);
    expect(taskOf(stopped, 'long').status).toBe('CANCEL');
    expect(taskOf(stopped, 'later').status).toBe('CANCEL');
    const gone = Date.now() + 3000;
    while (isAlive(pid) && Date.now() < gone) await new Promise((r) => setTimeout(r, 20));
    expect(isAlive(pid)).toBe(false);
  });

  it('an EXTERNAL_APP call nothing answers fails with the connection error in the log', async () => {
    const inst = await run([{ name: 'app', type: 'EXTERNAL_APP', app: { domain: 'http://127.0.0.1:1' } }]);
    expect(taskOf(inst, 'app').status).toBe('FAIL');
    expect(await runner.readLog(inst.instanceId, 'app')).toContain('ECONNREFUSED');
  });

  it('references are treated as satisfied by default', async () => {
    const wf = makeWorkflow({
      references: [{ name: 'up', kind: 'flow', workflow: 'other' }],
      tasks: [sh('a', 'true')],
      relations: [{ from: 'up', to: 'a' }],
    });
    const started = await runner.start({ workflow: wf, triggerTime: '2026-11-24 08:00:00' });
    const inst = await waitForEnd(runner, started.instanceId);
    expect(taskOf(inst, 'up')).toMatchObject({ type: 'FLOW_REF', status: 'SUCCESS' });
    expect(inst.status).toBe('SUCCESS');
  });
});
