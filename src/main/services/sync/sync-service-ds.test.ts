import { prepareSampleRepository } from '../workspace/sample-repository';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../emulators/common/clock';
import { sampleWorkspacePath } from '../../../../tests/support/publish-fixtures';
import { startDsEmulator, type DsEmulator } from '../../emulators/dolphinscheduler/server';
import { DEMO_ADMIN, DEMO_TOKEN } from '../../emulators/dolphinscheduler/state';
import { MemorySecretStore } from '../secrets/secret-store';
import { SyncServiceNode } from './sync-service';
import { folderWorkspace } from '../workspace/folder-workspace';

let emulator: DsEmulator;
let root: string;
let service: SyncServiceNode;
const results: unknown[] = [];

async function seen<T>(p: Promise<T>): Promise<T> {
  const v = await p;
  results.push(v);
  return v;
}

const fakeWorkspace = (): ReturnType<typeof folderWorkspace> => folderWorkspace(() => root);

beforeEach(async () => {
  emulator = await startDsEmulator({ clock: createManualClock(Date.UTC(2026, 10, 24, 1, 0, 0)) });
  root = await mkdtemp(path.join(os.tmpdir(), 'bdp-sync-ds-'));
  await cp(sampleWorkspacePath(), root, { recursive: true });
  await prepareSampleRepository(root, { preferNative: true });
  service = new SyncServiceNode({
    workspace: fakeWorkspace(),
    secrets: new MemorySecretStore(),
    env: {},
    dsClientOverrides: { sleep: async () => {} },
  });
  results.length = 0;
});

afterEach(async () => {
  expect(JSON.stringify(results)).not.toContain(DEMO_TOKEN);
  expect(JSON.stringify(results)).not.toContain(DEMO_ADMIN.password);
  service.dispose();
  await emulator.close();
  await rm(root, { recursive: true, force: true });
});

describe('SyncServiceNode with a DolphinScheduler environment', () => {
  it('publishes, runs a node with its downstream, reads its log, recovers, forces success and backfills', async () => {
    const env = await seen(
      service.saveEnvironment({
        environment: {
          name: 'DS',
          kind: 'dolphinscheduler',
          url: emulator.url,
          options: { project: 'retail' },
        },
        secret: DEMO_TOKEN,
      }),
    );
    expect(env).toMatchObject({
      hasSecret: true,
      capabilities: { backfill: true, forceSuccess: true, recoverFailed: true, uploadResources: true },
    });
    expect(await readFile(path.join(root, 'bdp.yaml'), 'utf8')).not.toContain(DEMO_TOKEN);
    const conn = await seen(service.testConnection({ name: 'DS' }));
    expect(conn.directories.name).toBe('retail (created on the first publish)');

    const plan = await seen(service.plan({ name: 'DS' }));
    expect(plan.backend).toBe('dolphinscheduler');
    expect(plan.steps.filter((s) => s.kind === 'resource').map((s) => s.name)).toEqual([
      'clean_orders@V1.0.0',
      'aggregate_sales@V1.0.0',
      'weekly_report@V1.0.0',
      'notify@V1.0.0',
    ]);
    expect(plan.steps.find((s) => s.name === 'daily_orders')!.resources).toContainEqual({
      task: 'clean_orders',
      mode: 'upload',
      source: 'clean_orders@V1.0.0',
    });
    const applied = await seen(service.apply({ planId: plan.planId, force: false }));
    expect(applied.ok).toBe(true);

    const workflows = await seen(service.listRemoteWorkflows({ name: 'DS' }));
    expect(workflows.map((w) => [w.name, w.scheduling, w.enabled])).toEqual([
      ['daily_orders', 'periodic', true],
      ['weekly_report', 'periodic', true],
    ]);
    const daily = workflows[0];
    const aggregate = daily.tasks.find((t) => t.name === 'aggregate_sales')!;
    const id = await seen(
      service.triggerFromTask({
        name: 'DS',
        workflow: 'daily_orders',
        taskId: aggregate.id,
        triggerTime: Date.UTC(2026, 10, 24),
      }),
    );
    emulator.clock.advance(30_000);
    const detail = await seen(service.getRemoteInstance({ name: 'DS', instanceId: id }));
    // notify_bi hangs on a rerun: false relation, so it is not part of a run from aggregate_sales.
    expect(detail.tasks.map((t) => [t.taskName, t.state])).toEqual([
      ['sync_orders', 'SKIP'],
      ['clean_orders', 'SKIP'],
      ['aggregate_sales', 'SUCCESS'],
      ['notify_bi', 'SKIP'],
    ]);
    expect(detail.relations).toHaveLength(3);
    const log = await seen(service.getRemoteTaskLog({ name: 'DS', taskInstanceId: detail.tasks[2].id }));
    expect(log).toContain('canaanhive -f aggregate_sales.hql');
    expect(log).toContain('start parameter cal_dt=2026-11-23');

    emulator.state.failNext.add('clean_orders');
    const full = await seen(
      service.trigger({ name: 'DS', workflow: 'daily_orders', triggerTime: Date.UTC(2026, 10, 24) }),
    );
    emulator.clock.advance(30_000);
    const failed = await seen(service.getRemoteInstance({ name: 'DS', instanceId: full }));
    expect(failed.state).toBe('FAIL');
    await service.recoverInstance({ name: 'DS', instanceId: full });
    emulator.clock.advance(60_000);
    expect((await seen(service.getRemoteInstance({ name: 'DS', instanceId: full }))).state).toBe('SUCCESS');

    emulator.state.failNext.add('notify_bi');
    const again = await seen(
      service.trigger({ name: 'DS', workflow: 'daily_orders', triggerTime: Date.UTC(2026, 10, 24) }),
    );
    emulator.clock.advance(60_000);
    const notify = (await seen(service.getRemoteInstance({ name: 'DS', instanceId: again }))).tasks.find(
      (t) => t.taskName === 'notify_bi',
    )!;
    expect(notify.state).toBe('FAIL');
    await service.forceTaskSuccess({ name: 'DS', taskInstanceId: notify.id });
    expect((await seen(service.getRemoteInstance({ name: 'DS', instanceId: again }))).state).toBe('SUCCESS');

    await service.rerunInstance({ name: 'DS', instanceId: again });
    expect((await seen(service.getRemoteInstance({ name: 'DS', instanceId: again }))).state).toBe('RUNNING');

    const ids = await seen(
      service.backfill({
        name: 'DS',
        workflow: 'daily_orders',
        from: Date.UTC(2026, 10, 1),
        to: Date.UTC(2026, 10, 3, 23, 59, 59),
      }),
    );
    expect(ids).toHaveLength(3);
    const page = await seen(
      service.listRemoteInstances({ name: 'DS', filter: { workflow: 'daily_orders' } }),
    );
    expect(page.total).toBe(6);
  });

  it('logs in with a user name and password and creates a token', async () => {
    await service.saveEnvironment({
      environment: {
        name: 'DS',
        kind: 'dolphinscheduler',
        url: emulator.url,
        options: { project: 'bdp_demo', userName: DEMO_ADMIN.userName },
      },
      secret: DEMO_ADMIN.password,
    });
    expect(await seen(service.listRemoteWorkflows({ name: 'DS' }))).toEqual([]);
    expect(emulator.state.tokens.size).toBe(2);
  });

  it('names a refused token clearly, without the token', async () => {
    await service.saveEnvironment({
      environment: {
        name: 'DS',
        kind: 'dolphinscheduler',
        url: emulator.url,
        options: { project: 'retail' },
      },
      secret: 'wrong-token-1234',
    });
    const e = await service.testConnection({ name: 'DS' }).then(
      () => undefined,
      (x: unknown) => x as Error & { code: string },
    );
    expect(e).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(e!.message).toMatch(/^DS: DolphinScheduler refused the credentials/);
    expect(e!.message).not.toContain('wrong-token-1234');
  });
});
