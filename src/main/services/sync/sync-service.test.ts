import { prepareSampleRepository } from '../workspace/sample-repository';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplyProgressEvent } from '../../../shared/contract';
import { createManualClock } from '../../emulators/common/clock';
import { startEnosEmulator, type EnosEmulator } from '../../emulators/enos/server';
import { DEMO_APP, DEMO_USER } from '../../emulators/enos/store';
import { sampleWorkspacePath } from '../../../../tests/support/publish-fixtures';
import { MemorySecretStore } from '../secrets/secret-store';
import { SyncServiceNode } from './sync-service';
import { folderWorkspace } from '../workspace/folder-workspace';

const SECRET = DEMO_APP.appSecret;
let emulator: EnosEmulator;
let root: string;
let service: SyncServiceNode;
let secrets: MemorySecretStore;
const results: unknown[] = [];

/** Every value the service returns goes through here, so the secret check sees all of them. */
async function seen<T>(p: Promise<T>): Promise<T> {
  const v = await p;
  results.push(v);
  return v;
}

const fakeWorkspace = (): ReturnType<typeof folderWorkspace> => folderWorkspace(() => root);

beforeEach(async () => {
  const clock = createManualClock(Date.UTC(2026, 5, 1, 2, 0, 0));
  emulator = await startEnosEmulator({ clock });
  root = await mkdtemp(path.join(os.tmpdir(), 'bdp-sync-service-'));
  await cp(sampleWorkspacePath(), root, { recursive: true });
  await prepareSampleRepository(root, { preferNative: true });
  secrets = new MemorySecretStore();
  service = new SyncServiceNode({
    workspace: fakeWorkspace(),
    secrets,
    env: {},
    // Token timestamps must move forward between clients on the emulator clock.
    clientOverrides: { now: () => (clock.advance(1), clock.now()), sleep: () => Promise.resolve() },
  });
  results.length = 0;
});

afterEach(async () => {
  expect(JSON.stringify(results)).not.toContain(SECRET);
  service.dispose();
  await emulator.close();
  await rm(root, { recursive: true, force: true });
});

async function addEnvironment(secret = SECRET, options: Record<string, boolean> = {}): Promise<void> {
  await seen(
    service.saveEnvironment({
      environment: {
        name: 'EnOS prod',
        kind: 'enos',
        url: emulator.url,
        options: { orgId: DEMO_USER.orgId, userId: DEMO_USER.userId, accessKey: DEMO_APP.appKey, ...options },
      },
      secret,
    }),
  );
}

describe('SyncServiceNode', () => {
  it('saves an environment to bdp.yaml keeping comments, and its secret only in the store', async () => {
    await addEnvironment();
    const yaml = await readFile(path.join(root, 'bdp.yaml'), 'utf8');
    expect(yaml).toContain('# BDP Studio workspace settings');
    expect(yaml).toContain('name: EnOS prod');
    expect(yaml).not.toContain(SECRET);
    const envs = await seen(service.listEnvironments());
    expect(envs).toEqual([expect.objectContaining({ name: 'EnOS prod', hasSecret: true })]);
    const info = await seen(service.testConnection({ name: 'EnOS prod' }));
    expect(info.timezone).toBe('GMT+8');
    expect(info.directories.children).toEqual([]);
    await service.deleteEnvironment({ name: 'EnOS prod' });
    expect(await seen(service.listEnvironments())).toEqual([]);
  });

  it('plans, applies with progress events, then finds nothing to do; operations work', async () => {
    await addEnvironment();
    const plan = await seen(service.plan({ name: 'EnOS prod' }));
    const workflows = plan.steps.filter((s) => s.kind === 'workflow');
    expect(workflows.map((s) => [s.name, s.action])).toEqual(
      expect.arrayContaining([['daily_orders', 'create']]),
    );
    expect(JSON.stringify(plan)).not.toContain('snapshot');

    const events: ApplyProgressEvent[] = [];
    const off = service.onDidProgress((e) => events.push(e));
    const result = await seen(service.apply({ planId: plan.planId, force: false }));
    off();
    results.push(events);
    expect(result.ok).toBe(true);
    expect(events.filter((e) => e.phase === 'start')).toHaveLength(plan.steps.length);
    expect(events.at(-1)).toMatchObject({ index: plan.steps.length - 1, total: plan.steps.length });
    await expect(service.apply({ planId: plan.planId, force: false })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const again = await seen(service.plan({ name: 'EnOS prod' }));
    expect(again.steps.filter((s) => s.kind === 'workflow').every((s) => s.action === 'unchanged')).toBe(
      true,
    );

    const remote = await seen(service.listRemoteWorkflows({ name: 'EnOS prod' }));
    const daily = remote.find((w) => w.name === 'daily_orders');
    expect(daily).toBeDefined();
    const id = await seen(
      service.trigger({ name: 'EnOS prod', workflow: 'daily_orders', triggerTime: emulator.clock.now() }),
    );
    emulator.clock.advance(60_000);
    const list = await seen(
      service.listRemoteInstances({ name: 'EnOS prod', filter: { workflow: 'daily_orders' } }),
    );
    expect(list.items.map((i) => i.id)).toContain(id);
    const detail = await seen(service.getRemoteInstance({ name: 'EnOS prod', instanceId: id }));
    expect(detail.tasks.length).toBeGreaterThan(0);
    const started = detail.tasks.find((t) => t.id);
    const log = await seen(service.getRemoteTaskLog({ name: 'EnOS prod', taskInstanceId: started!.id }));
    expect(log).toContain('[emulator]');
    await service.setEnabled({ name: 'EnOS prod', workflow: 'daily_orders', enabled: false });
    expect(
      (await seen(service.listRemoteWorkflows({ name: 'EnOS prod' }))).find((w) => w.name === 'daily_orders')
        ?.enabled,
    ).toBe(false);
  });

  it('maps a refused secret to UNAUTHORIZED without echoing it', async () => {
    await addEnvironment('wrong-secret-value-123');
    const error = await service.testConnection({ name: 'EnOS prod' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((error as Error).message).toContain('access key or secret was refused');
    expect((error as Error).message).not.toContain('wrong-secret-value-123');
  });

  it('asks for a secret when none is stored', async () => {
    await addEnvironment();
    await secrets.delete([...(secrets as unknown as { values: Map<string, string> }).values.keys()][0]);
    expect((await seen(service.listEnvironments()))[0].hasSecret).toBe(false);
    await expect(service.plan({ name: 'EnOS prod' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('exports the prerequisite resource versions of a plan as files named for the console upload', async () => {
    const script = await readFile(path.join(root, 'scripts/clean_orders.py'));
    await addEnvironment(SECRET, { inlineScripts: false });

    const plan = await seen(service.plan({ name: 'EnOS prod' }));
    expect(plan.steps.find((s) => s.kind === 'resource')).toMatchObject({ name: 'clean_orders@V1.0.0' });
    const dir = path.join(root, '.bdp/publish-export/EnOS prod');
    const files = await seen(
      service.exportPrerequisites({ planId: plan.planId, dir: '.bdp/publish-export/EnOS prod' }),
    );
    expect(files).toEqual(
      [
        'clean_orders/V1.0.0/clean_orders.py',
        'aggregate_sales/V1.0.0/aggregate_sales.hql',
        'weekly_report/V1.0.0/weekly_report.py',
        'notify/V1.0.0/notify.sh',
      ].map((f) => path.join(dir, f)),
    );
    expect(await readFile(files[0])).toEqual(script);
    for (const outside of ['../elsewhere', path.join(os.tmpdir(), 'bdp-export')]) {
      await expect(service.exportPrerequisites({ planId: plan.planId, dir: outside })).rejects.toMatchObject({
        code: 'OUTSIDE_WORKSPACE',
      });
    }
  });
});
