import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunInstance } from '../../../shared/contract/runner';
import { isTerminalState } from '../../../shared/model/run';
import { RunnerServiceAdapter } from './runner-service-adapter';
import { bundleRunner, workspaceWith } from '../../../../tests/support/runner-process-fixtures';

const UPSTREAM = `name: upstream
schedule: { type: manual }
tasks:
  - name: produce
    type: SHELL
    command: echo "produce \${cal_dt}"; sleep 0.3
  - name: extra
    type: SHELL
    command: echo extra
`;

const CONSUMER = `name: consumer
schedule: { type: manual }
references:
  - { name: wait_upstream, kind: flow, workflow: upstream }
  - { name: wait_produce, kind: task, workflow: upstream, task: produce }
tasks:
  - name: consume
    type: SHELL
    command: echo consumed
relations:
  - { from: wait_upstream, to: consume }
  - { from: wait_produce, to: consume }
`;

let bundle: { modulePath: string; dispose: () => void };
let ws: { root: string; dispose: () => void };
let adapter: RunnerServiceAdapter;
beforeAll(async () => {
  bundle = await bundleRunner();
});
afterAll(() => bundle.dispose());
beforeEach(async () => {
  ws = workspaceWith({
    'workflows/upstream.workflow.yaml': UPSTREAM,
    'workflows/consumer.workflow.yaml': CONSUMER,
  });
  adapter = new RunnerServiceAdapter({
    runnerModulePath: bundle.modulePath,
    runner: { killGraceMs: 300, referencePollMs: 100 },
  });
  await adapter.setRoot(ws.root);
});
afterEach(async () => {
  await adapter.dispose();
  ws.dispose();
});

async function waitFor(
  instanceId: string,
  done: (i: RunInstance) => boolean,
  timeoutMs = 20_000,
): Promise<RunInstance> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inst = await adapter.get({ instanceId });
    if (done(inst)) return inst;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${instanceId}: ${inst.status} ${JSON.stringify(inst.tasks.map((t) => [t.name, t.status]))}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
const ended = (i: RunInstance): boolean =>
  isTerminalState(i.status) && i.endTime !== undefined && i.tasks.every((t) => isTerminalState(t.status));
const task = (i: RunInstance, name: string): RunInstance['tasks'][number] =>
  i.tasks.find((t) => t.name === name)!;

describe('reference modes of a pre-run', () => {
  it('wait: the refs stay WAIT until another instance of the referenced workflow succeeds for the same business date', async () => {
    const consumer = await adapter.start({
      workflow: 'consumer',
      businessDate: '2026-11-20',
      references: 'wait',
    });
    expect(consumer.references).toBe('wait');
    const waiting = await waitFor(consumer.instanceId, (i) => task(i, 'wait_upstream').status === 'WAIT');
    expect(task(waiting, 'wait_upstream').reason).toBe('waiting for upstream (business date 2026-11-20)');
    expect(task(waiting, 'consume').status).toBe('INIT');
    // A run for another date does not satisfy it.
    const other = await adapter.start({ workflow: 'upstream', businessDate: '2026-11-19' });
    await waitFor(other.instanceId, ended);
    await new Promise((r) => setTimeout(r, 300));
    expect(task(await adapter.get({ instanceId: consumer.instanceId }), 'consume').status).toBe('INIT');
    const up = await adapter.start({ workflow: 'upstream', businessDate: '2026-11-20' });
    const done = await waitFor(consumer.instanceId, ended);
    expect(done.status).toBe('SUCCESS');
    expect(task(done, 'wait_upstream').reason).toBe(
      `Flow Ref to upstream satisfied by ${up.instanceId} (business date 2026-11-20)`,
    );
    expect(task(done, 'wait_produce').reason).toBe(
      `Task Ref to upstream.produce satisfied by ${up.instanceId} (business date 2026-11-20)`,
    );
  });

  it('wait: a reference never satisfied FAILs after its timeout and its downstream is SKIP', async () => {
    const consumer = await adapter.start({
      workflow: 'consumer',
      businessDate: '2026-11-21',
      references: 'wait',
      referenceTimeoutSeconds: 1,
    });
    const done = await waitFor(consumer.instanceId, ended);
    expect(done.status).toBe('FAIL');
    expect(task(done, 'wait_upstream').reason).toBe(
      'Flow Ref to upstream: no successful instance for business date 2026-11-21 after waiting 1 s',
    );
    expect(task(done, 'consume').status).toBe('SKIP');
  });

  it('run-first: pre-runs the referenced workflow for the same date, then the instance', async () => {
    const consumer = await adapter.start({
      workflow: 'consumer',
      businessDate: '2026-11-22',
      references: 'run-first',
    });
    const done = await waitFor(consumer.instanceId, ended);
    expect(done.status).toBe('SUCCESS');
    const ups = await adapter.list({ workflow: 'upstream' });
    expect(ups.map((u) => [u.calDt, u.status, u.scope.kind])).toEqual([
      ['2026-11-22', 'SUCCESS', 'workflow'],
    ]);
    expect(task(done, 'wait_upstream').reason).toContain(`satisfied by ${ups[0].instanceId}`);
    // Already satisfied for that date: a second run-first does not run upstream again.
    const again = await adapter.start({
      workflow: 'consumer',
      businessDate: '2026-11-22',
      references: 'run-first',
    });
    expect((await waitFor(again.instanceId, ended)).status).toBe('SUCCESS');
    expect(await adapter.list({ workflow: 'upstream' })).toHaveLength(1);
  });

  it('satisfied (default) does not look at other instances', async () => {
    const consumer = await adapter.start({ workflow: 'consumer', businessDate: '2026-11-23' });
    const done = await waitFor(consumer.instanceId, ended);
    expect(done.status).toBe('SUCCESS');
    expect(task(done, 'wait_upstream').reason).toMatch(/treated as satisfied/);
  });
});
