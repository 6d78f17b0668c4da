import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncCache, syncCachePath } from '../sync-cache';
import { readWorkspaceSnapshot } from '../workspace-snapshot';
import { EnosBackend } from './enos-backend';
import { exportPrerequisites } from './prerequisites';
import type { EnosPublishPlan } from './enos-backend';
import {
  backendFor,
  copySampleWorkspace,
  countWrites,
  publishOnce,
} from '../../../../tests/support/publish-fixtures';
import {
  samplePortableFlow,
  startClientAndEmulator,
  type ClientAndEmulator,
} from '../../../../tests/support/enos-fixtures';

let env: ClientAndEmulator | undefined;
let ws: { root: string; remove: () => Promise<void> } | undefined;
async function teardown(): Promise<void> {
  await env?.close();
  await ws?.remove();
  env = undefined;
  ws = undefined;
}
afterEach(teardown);

async function setup(): Promise<{ c: ClientAndEmulator; root: string }> {
  env = await startClientAndEmulator({}, { retry: { maxRetries: 0 } });
  ws = await copySampleWorkspace(env.emulator.url);
  return { c: env, root: ws.root };
}

const actions = (plan: EnosPublishPlan): string[] =>
  plan.steps.map((s) => `${s.manual ? 'manual' : s.action} ${s.kind} ${s.name}`);

/** Directory names and workflow names are unique in the emulator, and periodic flows are enabled. */
function assertConverged(c: ClientAndEmulator): void {
  const dirs = [...c.emulator.state.dirs.values()].map((d) => `${d.parentId}/${d.name}`);
  expect(new Set(dirs).size).toBe(dirs.length);
  const flows = [...c.emulator.state.flows.values()];
  expect(flows.map((f) => f.name).sort()).toEqual(['daily_orders', 'weekly_report']);
  expect(flows.every((f) => f.active === 1)).toBe(true);
  expect([...c.emulator.state.dirs.values()].filter((d) => d.name === 'retail')).toHaveLength(1);
}

/**
 * Publishes with the connection reset after `n` requests, then publishes again as a restarted
 * app would (fresh backend, cache from disk) and checks it converged and a third plan is all
 * unchanged. Returns whether the reset interrupted the first publish.
 */
async function cutThenResume(
  c: ClientAndEmulator,
  root: string,
  n: number,
  alsoAssert: () => void = () => {},
): Promise<boolean> {
  c.emulator.faults.set({ resetAfter: n });
  const cut = await publishOnce(
    backendFor(c.client, root, () => c.clock.now()),
    root,
  ).catch((e: Error) => e);
  c.emulator.faults.clear();
  const rerun = await publishOnce(
    backendFor(c.client, root, () => c.clock.now()),
    root,
  );
  expect(rerun.result.ok, `reset after ${n} requests: ${rerun.result.failed?.error.message}`).toBe(true);
  assertConverged(c);
  alsoAssert();
  const third = await publishOnce(
    backendFor(c.client, root, () => c.clock.now()),
    root,
  );
  expect(
    third.plan.steps.every((s) => s.action === 'unchanged'),
    `reset after ${n}`,
  ).toBe(true);
  return cut instanceof Error || !cut.result.ok;
}

/** Change a task command of daily_orders (a task definition: replace). */
async function editDailyCommand(root: string): Promise<void> {
  await editFile(
    path.join(root, 'workflows/retail/daily_orders.workflow.yaml'),
    '--max-reject-pct ${max_reject_pct}',
    '--max-reject-pct ${max_reject_pct} --strict',
  );
}

/** daily_orders runs the new command; weekly_report's Flow Ref points at the new daily_orders. */
function assertCascadeDone(c: ClientAndEmulator): void {
  const flows = [...c.emulator.state.flows.values()];
  const daily = flows.find((f) => f.name === 'daily_orders')!;
  const weekly = flows.find((f) => f.name === 'weekly_report')!;
  const cmds = [...c.emulator.state.tasks.values()]
    .filter((t) => t.flowId === daily.flowId)
    .map((t) => t.def.cmd);
  expect(cmds.some((cmd) => cmd.includes('--strict'))).toBe(true);
  expect(weekly.flows).toHaveLength(1);
  expect(weekly.flows[0]).toMatchObject({ flowId: daily.flowId, isVirtual: false });
  expect(c.emulator.state.tasks.size).toBe(daily.tasks.length + weekly.tasks.length);
}

async function editFile(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  await writeFile(file, next);
}

describe('EnosBackend publish', () => {
  it('creates, then finds everything unchanged with zero writes; one changed workflow is one write', async () => {
    const { c, root } = await setup();
    const backend = backendFor(c.client, root, () => c.clock.now());
    const writes = countWrites(c.client);

    const first = await publishOnce(backend, root);
    expect(actions(first.plan)).toEqual([
      'create directory retail',
      'create workflow daily_orders',
      'create workflow weekly_report',
    ]);
    expect(first.result.ok).toBe(true);
    // dir + 2 x (import + enable)
    expect(writes.byOp).toEqual({ createDirectory: 1, importFlow: 2, enableFlow: 2 });
    assertConverged(c);
    const cache = JSON.parse(await readFile(syncCachePath(root, 'test'), 'utf8'));
    expect(Object.keys(cache.workflows).sort()).toEqual(['daily_orders', 'weekly_report']);
    expect(cache.workflows.daily_orders.pendingEnable).toBeUndefined();

    const before = writes.total();
    const second = await publishOnce(backend, root);
    expect(second.plan.steps.every((s) => s.action === 'unchanged')).toBe(true);
    expect(writes.total()).toBe(before);

    await editFile(
      path.join(root, 'workflows/retail/daily_orders.workflow.yaml'),
      'cron: "0 30 2 * * ? *"',
      'cron: "0 45 2 * * ? *"',
    );
    const third = await publishOnce(backend, root);
    const changed = third.plan.steps.filter((s) => s.action !== 'unchanged');
    expect(changed).toMatchObject([{ name: 'daily_orders', action: 'update', mode: 'save' }]);
    expect(changed[0].before).toContain('cron: 0 30 2 * * ? *');
    expect(changed[0].after).toContain('cron: 0 45 2 * * ? *');
    expect(writes.total()).toBe(before + 1);
    expect(writes.byOp.saveFlow).toBe(1);
    expect((await publishOnce(backend, root)).plan.steps.every((s) => s.action === 'unchanged')).toBe(true);
  });

  it('replaces a workflow whose task definitions changed (delete + import)', async () => {
    const { c, root } = await setup();
    const backend = backendFor(c.client, root, () => c.clock.now());
    await publishOnce(backend, root);
    const oldId = [...c.emulator.state.flows.values()].find((f) => f.name === 'weekly_report')!.flowId;
    await editFile(
      path.join(root, 'workflows/retail/weekly_report.workflow.yaml'),
      'timeout: 60',
      'timeout: 90',
    );
    const writes = countWrites(c.client);
    const { plan, result } = await publishOnce(backend, root);
    expect(plan.steps.find((s) => s.name === 'weekly_report')).toMatchObject({
      action: 'update',
      mode: 'replace',
    });
    expect(result.ok).toBe(true);
    expect(writes.byOp).toEqual({ deleteFlow: 1, importFlow: 1, enableFlow: 1 });
    const now = [...c.emulator.state.flows.values()].find((f) => f.name === 'weekly_report')!;
    expect(now.flowId).not.toBe(oldId);
    assertConverged(c);
  });

  it('cascades a replace to the workspace workflows that reference it: delete deepest first, import in order', async () => {
    const { c, root } = await setup();
    const backend = backendFor(c.client, root, () => c.clock.now());
    await publishOnce(backend, root);
    await editDailyCommand(root);
    const writes = countWrites(c.client);
    const calls: string[] = [];
    const names = new Map([...c.emulator.state.flows.values()].map((f) => [f.flowId, f.name]));
    const client = c.client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const op of ['deleteFlow', 'importFlow', 'enableFlow'] as const) {
      const orig = client[op].bind(c.client);
      client[op] = async (...args: unknown[]) => {
        const a = args[0] as { flowName: string } | number | string;
        calls.push(`${op} ${typeof a === 'object' ? a.flowName : names.get(Number(a))}`);
        const r = await orig(...args);
        for (const f of c.emulator.state.flows.values()) names.set(f.flowId, f.name);
        return r;
      };
    }

    const { plan, result } = await publishOnce(backend, root);
    const daily = plan.steps.find((s) => s.name === 'daily_orders')!;
    const weekly = plan.steps.find((s) => s.name === 'weekly_report')!;
    expect(daily).toMatchObject({ action: 'update', mode: 'replace', deleteFirst: ['weekly_report'] });
    expect(daily.details.join('\n')).toMatch(/deletes weekly_report first/);
    expect(weekly).toMatchObject({
      action: 'update',
      mode: 'replace',
      cascadeOnly: true,
      cascadeOf: ['daily_orders'],
    });
    expect(weekly.details[0]).toMatch(
      /re-created because it references daily_orders, which must be replaced/,
    );
    expect(plan.steps.indexOf(daily)).toBeLessThan(plan.steps.indexOf(weekly));

    expect(result.ok, result.failed?.error.message).toBe(true);
    expect(calls).toEqual([
      'deleteFlow weekly_report',
      'deleteFlow daily_orders',
      'importFlow daily_orders',
      'enableFlow daily_orders',
      'importFlow weekly_report',
      'enableFlow weekly_report',
    ]);
    expect(writes.byOp).toMatchObject({ deleteFlow: 2, importFlow: 2, enableFlow: 2 });
    assertConverged(c);
    assertCascadeDone(c);
    expect((await publishOnce(backend, root)).plan.steps.every((s) => s.action === 'unchanged')).toBe(true);
  });

  it('converges after a connection reset at every point of a cascade replace', async () => {
    let before: number;
    let total: number;
    {
      const { c, root } = await setup();
      await publishOnce(
        backendFor(c.client, root, () => c.clock.now()),
        root,
      );
      await editDailyCommand(root);
      before = c.emulator.stats.requests;
      await publishOnce(
        backendFor(c.client, root, () => c.clock.now()),
        root,
      );
      total = c.emulator.stats.requests - before;
      await teardown();
    }
    expect(total).toBeGreaterThan(10);
    let interrupted = 0;
    for (let n = 0; n < total; n++) {
      const { c, root } = await setup();
      await publishOnce(
        backendFor(c.client, root, () => c.clock.now()),
        root,
      );
      await editDailyCommand(root);
      if (await cutThenResume(c, root, n, () => assertCascadeDone(c))) interrupted++;
      await teardown();
    }
    expect(interrupted).toBeGreaterThan(3);
  });

  it('imports the referencers it deleted again when EnOS still refuses the delete (referenced since the plan)', async () => {
    const { c, root } = await setup();
    const backend = backendFor(c.client, root, () => c.clock.now());
    await publishOnce(backend, root);
    await editDailyCommand(root);
    const plan = await backend.planSnapshot(await readWorkspaceSnapshot(root));
    await c.client.importFlow({
      flowName: 'monthly_kpi',
      desc: 'made in the console after the plan',
      dirId: c.rootDirId,
      flowJson: samplePortableFlow('monthly_kpi', {
        flowLinks: [{ linkId: '0', sourceFlowName: 'daily_orders' }],
        linkRelations: [{ linkId: '0', targetTaskName: 'extract', rerun: false }],
      }),
    });
    const result = await backend.apply(plan, () => undefined);
    expect(result.ok).toBe(false);
    expect(result.failed?.error.message).toMatch(/daily_orders: .*refuses to delete it/);
    const flows = [...c.emulator.state.flows.values()];
    expect(flows.map((f) => f.name).sort()).toEqual(['daily_orders', 'monthly_kpi', 'weekly_report']);
    const daily = flows.find((f) => f.name === 'daily_orders')!;
    const weekly = flows.find((f) => f.name === 'weekly_report')!;
    expect(weekly.active).toBe(1);
    expect(weekly.flows[0]).toMatchObject({ flowId: daily.flowId, isVirtual: false });
    // The next plan shows the block instead.
    const next = await backend.planSnapshot(await readWorkspaceSnapshot(root));
    expect(next.steps.find((s) => s.name === 'daily_orders')?.blocked).toMatch(/monthly_kpi/);
    expect(next.steps.find((s) => s.name === 'weekly_report')?.action).toBe('unchanged');
  });

  it('blocks a replace referenced by a workflow outside the workspace, with zero writes', async () => {
    const { c, root } = await setup();
    const backend = backendFor(c.client, root, () => c.clock.now());
    await publishOnce(backend, root);
    await c.client.importFlow({
      flowName: 'monthly_kpi',
      desc: 'made in the console',
      dirId: c.rootDirId,
      flowJson: samplePortableFlow('monthly_kpi', {
        flowLinks: [{ linkId: '0', sourceFlowName: 'daily_orders' }],
        linkRelations: [{ linkId: '0', targetTaskName: 'extract', rerun: false }],
      }),
    });
    await editDailyCommand(root);
    const writes = countWrites(c.client);
    const { plan, result } = await publishOnce(backend, root, true);
    const daily = plan.steps.find((s) => s.name === 'daily_orders')!;
    expect(daily).toMatchObject({ action: 'remote-changed', mode: 'replace' });
    expect(daily.blocked).toMatch(/monthly_kpi references daily_orders on EnOS and is not in this workspace/);
    expect(daily.details[0]).toBe(daily.blocked);
    expect(plan.steps.find((s) => s.name === 'weekly_report')?.mode).not.toBe('replace');
    expect(result.ok).toBe(false);
    expect(result.failed?.step.name).toBe('daily_orders');
    expect(result.failed?.error.message).toMatch(/monthly_kpi/);
    expect(writes.total()).toBe(0);
    const flows = [...c.emulator.state.flows.values()].map((f) => f.name).sort();
    expect(flows).toEqual(['daily_orders', 'monthly_kpi', 'weekly_report']);
  });

  it('shows a remote change as a conflict and overwrites it only when forced', async () => {
    const { c, root } = await setup();
    const backend = backendFor(c.client, root, () => c.clock.now());
    await publishOnce(backend, root);
    const daily = [...c.emulator.state.flows.values()].find((f) => f.name === 'daily_orders')!;
    const graph = JSON.parse((await c.client.getFlow(daily.flowId)).graph);
    await c.client.saveFlow({ ...graph, id: daily.flowId, active: 1, freq: '0 0 5 * * ? *' });

    const writes = countWrites(c.client);
    const refused = await publishOnce(backend, root);
    const step = refused.plan.steps.find((s) => s.name === 'daily_orders')!;
    expect(step).toMatchObject({ action: 'remote-changed', mode: 'save' });
    expect(step.details[0]).toMatch(/changed on EnOS since the last publish/);
    expect(refused.result.ok).toBe(true);
    expect(refused.result.skipped.map((s) => s.name)).toContain('daily_orders');
    expect(writes.total()).toBe(0);
    expect(daily.freq).toBe('0 0 5 * * ? *');

    const forced = await publishOnce(backend, root, true);
    expect(forced.result.ok).toBe(true);
    expect(writes.byOp).toEqual({ saveFlow: 1 });
    expect(daily.freq).toBe('0 30 2 * * ? *');
    expect((await publishOnce(backend, root)).plan.steps.every((s) => s.action === 'unchanged')).toBe(true);
  });

  it('re-finds remote ids by name when the cache is gone: no duplicates, nothing to do', async () => {
    const { c, root } = await setup();
    await publishOnce(
      backendFor(c.client, root, () => c.clock.now()),
      root,
    );
    await rm(path.join(root, '.bdp'), { recursive: true, force: true });
    const writes = countWrites(c.client);
    const again = await publishOnce(
      backendFor(c.client, root, () => c.clock.now()),
      root,
    );
    expect(again.plan.steps.map((s) => s.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(writes.total()).toBe(0);
    assertConverged(c);
    // and the cache is rebuilt from what was found
    const cache = JSON.parse(await readFile(syncCachePath(root, 'test'), 'utf8'));
    expect(Object.keys(cache.workflows).sort()).toEqual(['daily_orders', 'weekly_report']);
  });

  it('converges after a connection reset at every point of a publish, with no duplicate flow or directory', async () => {
    // Count the requests of a clean publish, then cut one off at each position in turn.
    let total: number;
    {
      const { c, root } = await setup();
      await publishOnce(
        backendFor(c.client, root, () => c.clock.now()),
        root,
      );
      total = c.emulator.stats.requests;
      await teardown();
    }
    expect(total).toBeGreaterThan(10);
    let interrupted = 0;
    for (let n = 0; n < total; n++) {
      const { c, root } = await setup();
      if (await cutThenResume(c, root, n)) interrupted++;
      await teardown();
    }
    expect(interrupted).toBeGreaterThan(3);
  });
  it.each(['createDirectory', 'importFlow', 'enableFlow', 'deleteFlow'])(
    'converges when the answer to an applied %s is lost',
    async (op) => {
      const { c, root } = await setup();
      if (op === 'deleteFlow') {
        await publishOnce(
          backendFor(c.client, root, () => c.clock.now()),
          root,
        );
        await editFile(
          path.join(root, 'workflows/retail/weekly_report.workflow.yaml'),
          'timeout: 60',
          'timeout: 90',
        );
      }
      const client = c.client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const orig = client[op].bind(c.client);
      let lost = false;
      client[op] = async (...args: unknown[]) => {
        const r = await orig(...args);
        if (!lost) {
          lost = true;
          throw new Error('socket hang up (answer lost)');
        }
        return r;
      };
      const cut = await publishOnce(
        backendFor(c.client, root, () => c.clock.now()),
        root,
      );
      // A directory is re-found by name within the same run; anything else stops the run.
      expect(cut.result.ok).toBe(op === 'createDirectory');
      const rerun = await publishOnce(
        backendFor(c.client, root, () => c.clock.now()),
        root,
      );
      expect(rerun.result.ok, rerun.result.failed?.error.message).toBe(true);
      assertConverged(c);
      expect(
        (
          await publishOnce(
            backendFor(c.client, root, () => c.clock.now()),
            root,
          )
        ).plan.steps.every((s) => s.action === 'unchanged'),
      ).toBe(true);
    },
  );
  it('inlines a text resource version by default; with inline off it is a prerequisite that can be exported', async () => {
    const { c, root } = await setup();
    const script = await readFile(path.join(root, 'scripts/clean_orders.py'));
    // The sample's clean_orders task pins V1.0.0, cut from its first commit.

    const inline = await publishOnce(
      backendFor(c.client, root, () => c.clock.now()),
      root,
    );
    expect(inline.result.ok).toBe(true);
    expect(inline.plan.steps.some((s) => s.kind === 'resource')).toBe(false);
    expect(inline.plan.steps.find((s) => s.name === 'daily_orders')?.resources).toContainEqual({
      task: 'clean_orders',
      mode: 'inline',
      resource: { name: 'clean_orders', version: 'V1.0.0' },
    });
    const task = [...c.emulator.state.tasks.values()].find((t) => t.def.name === 'clean_orders')!;
    expect(task.def.cmd).toContain("cat > 'clean_orders.py' <<'BDP_EOF_");
    expect(task.def.cmd).toContain(script.toString('utf8').split('\n')[0]);
    expect(
      (
        await publishOnce(
          backendFor(c.client, root, () => c.clock.now()),
          root,
        )
      ).plan.steps.every((s) => s.action === 'unchanged'),
    ).toBe(true);

    const off = new EnosBackend({
      client: c.client,
      cache: new SyncCache(syncCachePath(root, 'off'), 'off'),
      environment: 'off',
      inlineScripts: false,
    });
    const plan = await off.planSnapshot(await readWorkspaceSnapshot(root));
    const prereq = plan.steps.find((s) => s.kind === 'resource');
    expect(prereq).toMatchObject({
      name: 'clean_orders@V1.0.0',
      action: 'create',
      details: ['used by daily_orders.clean_orders'],
    });
    expect(prereq?.manual).toMatch(/upload clean_orders V1.0.0 \(py\) in the EnOS console/);
    const out = await mkdtemp(path.join(os.tmpdir(), 'bdp-prereq-'));
    try {
      const files = await exportPrerequisites(plan, out);
      // Every resource version the sample pins, as files named for the console upload.
      expect(files).toEqual([
        path.join(out, 'clean_orders', 'V1.0.0', 'clean_orders.py'),
        path.join(out, 'aggregate_sales', 'V1.0.0', 'aggregate_sales.hql'),
        path.join(out, 'weekly_report', 'V1.0.0', 'weekly_report.py'),
        path.join(out, 'notify', 'V1.0.0', 'notify.sh'),
      ]);
      expect(await readFile(files[0])).toEqual(script);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
