import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InstanceStore } from './instance-store';
import { tempWorkspace } from '../../../tests/support/runner-fixtures';
import { setStatus, type WorkflowInstance } from './types';

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => (ws = tempWorkspace()));
afterEach(() => ws.dispose());

function instance(id: string, createdAt: string): WorkflowInstance {
  return {
    instanceId: id,
    workflow: 'wf',
    scope: { kind: 'workflow' },
    triggerTime: '2026-11-24 08:00:00',
    utcOffsetMinutes: 0,
    calDt: '2026-11-23',
    status: 'RUNNING',
    statusCode: 2,
    submitter: 'me',
    createdAt,
    rerunCount: 0,
    parameters: {},
    tasks: [],
  };
}

describe('InstanceStore', () => {
  it('allocates <workflow>-<yyyyMMddHHmmss> ids, suffixing -2, -3 when taken', () => {
    const store = new InstanceStore(ws.root);
    expect(store.allocateInstanceId('wf', '2026-11-24 08:00:00')).toBe('wf-20261124080000');
    expect(store.allocateInstanceId('wf', '2026-11-24 08:00:00')).toBe('wf-20261124080000-2');
    expect(store.allocateInstanceId('wf', '2026-11-24 08:00:00')).toBe('wf-20261124080000-3');
  });

  it('coalesces many saves into few atomic writes and leaves no temp files', async () => {
    const store = new InstanceStore(ws.root, 50);
    const inst = instance(store.allocateInstanceId('wf', '2026-11-24 08:00:00'), new Date().toISOString());
    for (let i = 0; i < 10_000; i++) {
      inst.rerunCount = i;
      store.save(inst);
    }
    setStatus(inst, 'SUCCESS');
    await store.save(inst, true);
    expect(store.writeCount).toBeLessThanOrEqual(2);
    const dir = store.instanceDir('wf', inst.instanceId);
    expect(readdirSync(dir)).toEqual(['instance.json']);
    expect(JSON.parse(readFileSync(join(dir, 'instance.json'), 'utf8'))).toMatchObject({
      status: 'SUCCESS',
      rerunCount: 9999,
    });
  });

  it('serves the latest state before it reaches the disk', async () => {
    const store = new InstanceStore(ws.root, 10_000);
    const inst = instance(store.allocateInstanceId('wf', '2026-11-24'), new Date().toISOString());
    store.save(inst);
    expect((await store.load('wf', inst.instanceId))?.status).toBe('RUNNING');
    await store.flush();
  });

  it('prunes by count and by age, never unfinished instances', async () => {
    const store = new InstanceStore(ws.root);
    const now = new Date('2026-11-24T12:00:00Z');
    const ages = [1, 2, 3, 40];
    for (const [i, age] of ages.entries()) {
      const inst = instance(
        store.allocateInstanceId('wf', `2026-10-0${i + 1}`),
        new Date(now.getTime() - age * 86_400_000).toISOString(),
      );
      setStatus(inst, 'SUCCESS');
      await store.save(inst, true);
    }
    const running = instance(
      store.allocateInstanceId('wf', '2026-09-01'),
      new Date(now.getTime() - 100 * 86_400_000).toISOString(),
    );
    await store.save(running, true);
    const removed = await store.prune({ maxPerWorkflow: 2, maxAgeDays: 30 }, now);
    // Beyond the newest two, and older than 30 days; the RUNNING one stays whatever its age.
    expect(removed.sort()).toEqual(['wf-20261003000000', 'wf-20261004000000']);
    expect((await store.list()).map((i) => i.instanceId).sort()).toEqual([
      'wf-20260901000000',
      'wf-20261001000000',
      'wf-20261002000000',
    ]);
  });
});
