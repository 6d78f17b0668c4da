import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DS_API_VERSIONS } from './api-version';
import { DsClient } from './client';
import type { DsEmulator } from '../../emulators/dolphinscheduler/server';
import { DEMO_TOKEN } from '../../emulators/dolphinscheduler/state';
import {
  copySampleForDs,
  dsBackendFor,
  dsPublishOnce,
  startDsPair,
} from '../../../../tests/support/ds-fixtures';

let emulator: DsEmulator;
let client: DsClient;
let close: () => Promise<void>;
let root: string;
let remove: () => Promise<void>;

const summary = (plan: { steps: readonly { kind: string; name: string; action: string }[] }): string[] =>
  plan.steps.map((s) => `${s.kind}:${s.name}:${s.action}`);

describe.each(DS_API_VERSIONS)('DsBackend publish, %s API', (profile) => {
  const storageBase = profile === '3.3' ? '/tmp/dolphinscheduler' : 'file:/dolphinscheduler';
  beforeEach(async () => {
    ({ emulator, client, close } = await startDsPair(profile));
    ({ root, remove } = await copySampleForDs(emulator.url));
  });
  afterEach(async () => {
    await remove();
    await close();
  });

  it('schedules in a zone other than the server JVM zone publish once, then plan unchanged (SchedulerServiceImpl/ScheduleVO answer the strings sent)', async () => {
    await remove();
    await close();
    ({ emulator, client, close } = await startDsPair(profile, 'America/New_York'));
    ({ root, remove } = await copySampleForDs(emulator.url));
    const first = await dsPublishOnce(dsBackendFor(client, root), root);
    expect(first.result.ok).toBe(true);
    // Sent and stored as wall time of timezoneId (Asia/Shanghai), the effective date unshifted.
    expect([...emulator.state.schedules.values()].map((s) => [s.startTime, s.timezoneId])).toEqual([
      ['2026-11-01 00:00:00', 'Asia/Shanghai'],
      ['2026-11-01 00:00:00', 'Asia/Shanghai'],
    ]);
    const writes = { ...emulator.state.writes };
    const again = await dsPublishOnce(dsBackendFor(client, root), root);
    expect(summary(again.plan).filter((s) => !s.endsWith(':unchanged'))).toEqual([]);
    expect(emulator.state.writes).toEqual(writes);
  });

  it('publishes the sample: project, resources, definitions online, schedules online; a second publish changes nothing', async () => {
    const backend = dsBackendFor(client, root);
    const { plan, result } = await dsPublishOnce(backend, root);
    expect(summary(plan)).toEqual([
      'directory:retail:create',
      'resource:clean_orders@V1.0.0:create',
      'resource:aggregate_sales@V1.0.0:create',
      'resource:weekly_report@V1.0.0:create',
      'resource:notify@V1.0.0:create',
      'workflow:daily_orders:create',
      'workflow:weekly_report:create',
    ]);
    expect(result.ok).toBe(true);
    const project = emulator.state.projectByName('retail')!;
    const defs = [...emulator.state.definitions.values()].filter((d) => d.projectCode === project.code);
    expect(defs.map((d) => d.releaseState)).toEqual(['ONLINE', 'ONLINE']);
    expect(
      [...emulator.state.schedules.values()].map((s) => [s.crontab, s.releaseState, s.timezoneId]),
    ).toEqual([
      ['0 30 2 * * ? *', 'ONLINE', 'Asia/Shanghai'],
      ['0 0 6 ? * 2 *', 'ONLINE', 'Asia/Shanghai'],
    ]);
    const resources = [...emulator.state.resources.keys()].filter((k) => !k.endsWith('/'));
    expect(resources).toContain(
      `${storageBase}/default/resources/bdp/retail-analytics/resources/clean_orders/V1.0.0/clean_orders.py`,
    );
    // Tasks: SHELL / PYTHON with the resource list, DATA_SYNC as SHELL, EXTERNAL_APP as HTTP, the Flow Ref as DEPENDENT.
    const daily = defs.find((d) => d.versions.get(d.version)!.name === 'daily_orders')!;
    const tasks = daily.versions.get(daily.version)!.tasks;
    expect(tasks.map((t) => [t.name, t.taskType])).toEqual([
      ['sync_orders', 'SHELL'],
      ['clean_orders', 'PYTHON'],
      ['aggregate_sales', 'SHELL'],
      ['notify_bi', 'HTTP'],
    ]);
    const clean = tasks.find((t) => t.name === 'clean_orders')!;
    expect(clean.taskParams.resourceList).toEqual([
      {
        resourceName: `${storageBase}/default/resources/bdp/retail-analytics/resources/clean_orders/V1.0.0/clean_orders.py`,
      },
    ]);
    expect(String(clean.taskParams.rawScript)).toContain(
      'sys.exit(0 if type(_bdp_rc) is int and _bdp_rc == 0 else 1)',
    );
    const globals = JSON.parse(daily.versions.get(daily.version)!.globalParams) as {
      prop: string;
      value: string;
    }[];
    expect(globals).toContainEqual({
      prop: 'cal_dt',
      direct: 'IN',
      type: 'VARCHAR',
      value: '$[yyyy-MM-dd-1]',
    });
    const weekly = defs.find((d) => d !== daily)!;
    const dep = weekly.versions.get(weekly.version)!.tasks.find((t) => t.taskType === 'DEPENDENT')!;
    expect(JSON.stringify(dep.taskParams)).toContain(`"definitionCode":${daily.code}`);

    const writes = { ...emulator.state.writes };
    const again = await dsPublishOnce(dsBackendFor(client, root), root);
    expect(again.plan.steps.every((s) => s.action === 'unchanged')).toBe(true);
    expect(emulator.state.writes).toEqual(writes);
  });

  it('runs, stops and backfills a published workflow through the backend operations', async () => {
    const backend = dsBackendFor(client, root);
    await dsPublishOnce(backend, root);
    const daily = (await backend.readRemoteState(undefined, false)).workflows.daily_orders;
    const id = String(daily.dag.processDefinition.code);
    const run = await backend.trigger(id, Date.UTC(2026, 10, 23, 18, 0, 0));
    expect(emulator.state.instances.get(Number(run))?.state).toBe('RUNNING_EXECUTION');
    await backend.cancel(run);
    emulator.clock.advance(1_000);
    expect(emulator.state.instances.get(Number(run))?.state).toBe('STOP');
    // The cron (02:30 Asia/Shanghai = 18:30 UTC) picks the dates; the range goes out in the server zone (UTC).
    const ids = await backend.backfill(id, Date.UTC(2026, 10, 1, 0, 0, 0), Date.UTC(2026, 10, 3, 23, 0, 0));
    expect(
      ids.map((x) => new Date(emulator.state.instances.get(Number(x))!.scheduleTime!).toISOString()),
    ).toEqual(['2026-11-01T18:30:00.000Z', '2026-11-02T18:30:00.000Z', '2026-11-03T18:30:00.000Z']);
  });

  it('uploads a changed script exactly once and an unchanged one never', async () => {
    // send_report runs its working-tree script (`script:`) instead of the notify resource version.
    const { readFile, writeFile } = await import('node:fs/promises');
    const weekly = path.join(root, 'workflows/retail/weekly_report.workflow.yaml');
    await writeFile(
      weekly,
      (await readFile(weekly, 'utf8'))
        .replace('command: sh notify.sh', 'command: sh scripts/utils/notify.sh')
        .replace('resource: { name: notify, version: V1.0.0 }', 'script: scripts/utils/notify.sh'),
    );
    await dsPublishOnce(dsBackendFor(client, root), root);
    const before = {
      upload: emulator.state.writes.upload ?? 0,
      reupload: emulator.state.writes.reupload ?? 0,
    };
    await appendFile(path.join(root, 'scripts/utils/notify.sh'), '\necho changed\n');
    const { plan, result } = await dsPublishOnce(dsBackendFor(client, root), root);
    expect(result.ok).toBe(true);
    expect(
      plan.steps.filter((s) => s.action !== 'unchanged').map((s) => `${s.kind}:${s.name}:${s.action}`),
    ).toEqual(['resource:scripts/utils/notify.sh:update']);
    expect(emulator.state.writes.upload ?? 0).toBe(before.upload);
    expect(emulator.state.writes.reupload ?? 0).toBe(before.reupload + 1);
    const third = await dsPublishOnce(dsBackendFor(client, root), root);
    expect(third.plan.steps.every((s) => s.action === 'unchanged')).toBe(true);
    expect(emulator.state.writes.reupload ?? 0).toBe(before.reupload + 1);
  });

  it('uploads each resource version a task uses once, under its version, and a new version as one new upload', async () => {
    const { createHash } = await import('node:crypto');
    const { readFile, writeFile } = await import('node:fs/promises');
    const script = await readFile(path.join(root, 'scripts/clean_orders.py'));
    const version = (v: string, bytes: Buffer): string =>
      `  - { version: ${v}, commit: abcdef1, path: scripts/clean_orders.py, sha256: ${createHash('sha256').update(bytes).digest('hex')}, size: ${bytes.length}, createdAt: "2026-11-20T10:00:00Z" }`;
    const resFile = path.join(root, 'resources/clean_orders.resource.yaml');
    const wfFile = path.join(root, 'workflows/retail/daily_orders.workflow.yaml');
    // The sample pins V1.0.0, cut from its first commit.
    const first = await dsPublishOnce(dsBackendFor(client, root), root);
    expect(first.result.ok).toBe(true);
    expect(first.plan.steps.map((s) => s.name)).toContain('clean_orders@V1.0.0');
    const full = `${storageBase}/default/resources/bdp/retail-analytics/resources/clean_orders/V1.0.0/clean_orders.py`;
    expect(emulator.state.resources.get(full)?.content.equals(script)).toBe(true);
    const daily = [...emulator.state.definitions.values()].find(
      (d) => d.versions.get(d.version)!.name === 'daily_orders',
    )!;
    const task = daily.versions.get(daily.version)!.tasks.find((t) => t.name === 'clean_orders')!;
    expect(task.taskParams.resourceList).toEqual([{ resourceName: full }]);
    // PYTHON: the link line runs through subprocess before the main() wrapper.
    const link = `ln -sf "$PWD/bdp/retail-analytics/resources/clean_orders/V1.0.0/clean_orders.py" 'clean_orders.py'`;
    expect(String(task.taskParams.rawScript)).toContain(
      `_bdp_sp.check_call(${JSON.stringify(link)}, shell=True)`,
    );
    const uploads = emulator.state.writes.upload;

    // A new version (new bytes in the working tree, recorded sha256) is one new file; V1.0.0 stays.
    const v2 = Buffer.concat([script, Buffer.from('\n# v2\n')]);
    await writeFile(path.join(root, 'scripts/clean_orders.py'), v2);
    await writeFile(resFile, `${(await readFile(resFile, 'utf8')).trimEnd()}\n${version('V1.1.0', v2)}\n`);
    await writeFile(wfFile, (await readFile(wfFile, 'utf8')).replace('version: V1.0.0', 'version: V1.1.0'));
    const second = await dsPublishOnce(dsBackendFor(client, root), root);
    expect(second.result.ok).toBe(true);
    expect(
      second.plan.steps
        .filter((s) => s.kind === 'resource' && s.action !== 'unchanged')
        .map((s) => `${s.name}:${s.action}`),
    ).toEqual(['clean_orders@V1.1.0:create']);
    expect(emulator.state.writes.upload).toBe(uploads + 1);
    expect(emulator.state.resources.has(full)).toBe(true);
  });

  it('takes a changed workflow offline, saves a new version and puts it and its schedule online again', async () => {
    await dsPublishOnce(dsBackendFor(client, root), root);
    const file = path.join(root, 'workflows/retail/daily_orders.workflow.yaml');
    const { readFile, writeFile } = await import('node:fs/promises');
    await writeFile(
      file,
      (await readFile(file, 'utf8'))
        .replace('region: cn1', 'region: cn2')
        .replace('"0 30 2 * * ? *"', '"0 45 2 * * ? *"'),
    );
    const { plan, result } = await dsPublishOnce(dsBackendFor(client, root), root);
    const step = plan.steps.find((s) => s.name === 'daily_orders')!;
    expect(step.action).toBe('update');
    expect(step.details).toContain('changed: definition, schedule');
    expect(step.before).toContain('region: cn1');
    expect(step.after).toContain('region: cn2');
    expect(result.ok).toBe(true);
    const daily = [...emulator.state.definitions.values()].find(
      (d) => d.versions.get(d.version)!.name === 'daily_orders',
    )!;
    expect([daily.version, daily.releaseState]).toEqual([2, 'ONLINE']);
    const schedule = [...emulator.state.schedules.values()].find(
      (s) => s.processDefinitionCode === daily.code,
    )!;
    expect([schedule.crontab, schedule.releaseState]).toEqual(['0 45 2 * * ? *', 'ONLINE']);
  });

  it('reports a remote edit as remote-changed and overwrites it only with force', async () => {
    await dsPublishOnce(dsBackendFor(client, root), root);
    const pc = emulator.state.projectByName('retail')!.code;
    const dag = (await client.findDefinition(pc, 'weekly_report'))!;
    await client.release(pc, dag.processDefinition.code, 'OFFLINE');
    await client.updateDefinition(pc, dag.processDefinition.code, {
      ...(await import('./mapping')).bodyOfDag(dag),
      description: 'edited in the DS UI',
    });
    const { plan, result } = await dsPublishOnce(dsBackendFor(client, root), root);
    expect(plan.steps.find((s) => s.name === 'weekly_report')!.action).toBe('remote-changed');
    expect(result.skipped.map((s) => s.name)).toContain('weekly_report');
    expect((await client.findDefinition(pc, 'weekly_report'))!.processDefinition.description).toBe(
      'edited in the DS UI',
    );
    const forced = await dsPublishOnce(dsBackendFor(client, root), root, true);
    expect(forced.result.ok).toBe(true);
    expect((await client.findDefinition(pc, 'weekly_report'))!.processDefinition.description).toBe(
      'Seven-day sales summary for the store managers',
    );
  });

  it('resumes a publish cut off at every request without duplicating a resource, definition or schedule', async () => {
    await dsPublishOnce(dsBackendFor(client, root), root);
    const fullRun = emulator.stats.requests;
    const expectedUploads = emulator.state.writes.upload;
    expect(fullRun).toBeGreaterThan(20);
    for (let cut = 0; cut < fullRun; cut += 1) {
      const pair = await startDsPair();
      const ws = await copySampleForDs(pair.emulator.url);
      try {
        pair.emulator.faults.set({ resetAfter: cut });
        const first = await dsPublishOnce(dsBackendFor(pair.client, ws.root), ws.root).catch(
          (e: unknown) => e,
        );
        pair.emulator.faults.clear();
        const c2 = new DsClient({ baseUrl: pair.emulator.url, token: DEMO_TOKEN, sleep: async () => {} });
        const resumed = await dsPublishOnce(dsBackendFor(c2, ws.root), ws.root);
        c2.close();
        expect(
          resumed.result.ok,
          `cut at ${cut}: ${String((first as { result?: unknown }).result ?? first)}`,
        ).toBe(true);
        const s = pair.emulator.state;
        expect(s.writes.upload, `uploads, cut at ${cut}`).toBe(expectedUploads);
        expect(s.writes.reupload ?? 0, `re-uploads, cut at ${cut}`).toBe(0);
        expect(s.writes.createDefinition, `definitions, cut at ${cut}`).toBe(2);
        expect(s.writes.createSchedule, `schedules, cut at ${cut}`).toBe(2);
        expect([...s.definitions.values()].map((d) => d.releaseState)).toEqual(['ONLINE', 'ONLINE']);
        expect([...s.schedules.values()].map((x) => x.releaseState)).toEqual(['ONLINE', 'ONLINE']);
        const final = await dsPublishOnce(dsBackendFor(pair.client, ws.root), ws.root);
        expect(
          final.plan.steps.every((x) => x.action === 'unchanged'),
          `cut at ${cut}`,
        ).toBe(true);
      } finally {
        await ws.remove();
        await pair.close();
      }
    }
  }, 120_000);
});
