import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../emulators/common/clock';
import { DS_API_VERSIONS } from './api-version';
import { DsClient, dsTime, parseDsTime, type DsClientOptions, type DsStarted } from './client';
import { startDsEmulator, type DsEmulator } from '../../emulators/dolphinscheduler/server';
import { DEMO_ADMIN, DEMO_TOKEN } from '../../emulators/dolphinscheduler/state';
import { DsApiError } from './errors';
import type { DsDefinitionBody, DsProcessInstance, DsTaskDefinition } from './types';

let emulator: DsEmulator;
let client: DsClient;
let pc: number;
const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);

const make = (o: Partial<DsClientOptions> = {}): DsClient =>
  new DsClient({
    baseUrl: emulator.url,
    token: DEMO_TOKEN,
    sleep: async () => {},
    retry: { maxRetries: 2 },
    ...o,
  });

/** The instances a start created, whichever way the API line answers (trigger code or ids). */
async function startedInstances(started: DsStarted): Promise<DsProcessInstance[]> {
  if ('instanceIds' in started)
    return Promise.all(started.instanceIds.map((id) => client.getInstance(pc, id)));
  return client.instancesByTrigger(pc, started.triggerCode);
}

function shell(code: number, name: string, script = `echo ${name}`): DsTaskDefinition {
  return {
    code,
    version: 0,
    name,
    description: '',
    taskType: 'SHELL',
    taskParams: { localParams: [], rawScript: script, resourceList: [] },
    flag: 'YES',
    isCache: 'NO',
    taskPriority: 'MEDIUM',
    workerGroup: 'default',
    environmentCode: -1,
    failRetryTimes: 0,
    failRetryInterval: 1,
    timeoutFlag: 'CLOSE',
    timeoutNotifyStrategy: null,
    timeout: 0,
    delayTime: 0,
    cpuQuota: -1,
    memoryMax: -1,
    taskExecuteType: 'BATCH',
  };
}

async function twoTaskBody(name = 'wf'): Promise<DsDefinitionBody> {
  const [a, b] = await client.genTaskCodes(pc, 2);
  return {
    name,
    description: 'd',
    globalParams: [{ prop: 'region', direct: 'IN', type: 'VARCHAR', value: 'cn1' }],
    locations: [],
    timeout: 0,
    executionType: 'PARALLEL',
    taskDefinitionJson: [shell(a, 'a'), shell(b, 'b')],
    taskRelationJson: [
      {
        name: '',
        preTaskCode: 0,
        preTaskVersion: 0,
        postTaskCode: a,
        postTaskVersion: 0,
        conditionType: 'NONE',
        conditionParams: {},
      },
      {
        name: '',
        preTaskCode: a,
        preTaskVersion: 0,
        postTaskCode: b,
        postTaskVersion: 0,
        conditionType: 'NONE',
        conditionParams: {},
      },
    ],
  };
}

describe.each(DS_API_VERSIONS)('DsClient against the emulator over HTTP, %s API', (profile) => {
  const storageBase = profile === '3.3' ? '/tmp/dolphinscheduler' : 'file:/dolphinscheduler';
  beforeEach(async () => {
    emulator = await startDsEmulator({ clock: createManualClock(T0), profile });
    client = make();
    pc = (await client.findProject('bdp_demo'))!.code;
  });
  afterEach(async () => {
    client.close();
    await emulator.close();
  });

  it('never repeats a code, even hundreds within one millisecond of the clock', async () => {
    const codes = [
      ...(await client.genTaskCodes(pc, 100)),
      ...(await client.genTaskCodes(pc, 100)),
      ...(await client.genTaskCodes(pc, 100)),
    ];
    expect(new Set(codes).size).toBe(300);
    expect(codes.every((c) => Number.isSafeInteger(c))).toBe(true);
  });

  it('explains a configured API line the server does not speak', async () => {
    const other = make({ apiVersion: profile === '3.2' ? '3.3' : '3.2' });
    await expect(other.allDefinitions(pc)).rejects.toMatchObject({ code: 'NOT_API' });
    other.close();
  });

  it('detects the API line once and caches it', async () => {
    expect(await client.apiVersion()).toBe(profile);
    const before = emulator.stats.requests;
    expect(await client.apiVersion()).toBe(profile);
    expect(emulator.stats.requests).toBe(before);
  });

  it('authenticates with a token, or logs in and creates one; a bad token is a clear 401', async () => {
    expect((await client.getUserInfo()).userName).toBe('admin');
    const byPassword = make({
      token: undefined,
      userName: DEMO_ADMIN.userName,
      password: DEMO_ADMIN.password,
    });
    expect((await byPassword.getUserInfo()).id).toBe(1);
    expect(emulator.state.tokens.size).toBe(2);
    byPassword.close();
    const bad = make({ token: 'nope-nope' });
    const e = await bad.getUserInfo().then(
      () => {
        throw new Error('expected a failure');
      },
      (x: unknown) => x as DsApiError,
    );
    expect(e).toBeInstanceOf(DsApiError);
    expect(e).toMatchObject({ kind: 'http', code: 401 });
    expect(e.message).toMatch(/access token is unknown or expired/);
    bad.close();
    const wrong = make({ token: undefined, userName: 'admin', password: 'secret-wrong-pw' });
    const e2 = await wrong.getUserInfo().then(
      () => {
        throw new Error('expected a failure');
      },
      (x: unknown) => x as DsApiError,
    );
    expect(e2).toMatchObject({ kind: 'service', code: 10013 });
    expect(e2.message).not.toContain('secret-wrong-pw');
    wrong.close();
  });

  it('resourceRoot: base-dir answers the tenant folder without a trailing slash (HdfsStorageOperator.getHdfsResDir; dev getStorageBaseDirectory)', async () => {
    emulator.state.users.set(2, {
      id: 2,
      userName: 'etl',
      password: 'x',
      tenantCode: 'etl',
      userType: 'GENERAL_USER',
      state: 1,
    });
    const token = emulator.state.newToken(2, T0 + 86_400_000).token;
    const general = make({ token });
    expect(await general.resourceRoot()).toBe(`${storageBase}/etl/resources/`);
    general.close();
  });

  it('uploads, lists, re-uploads, downloads and deletes resources under the tenant root', async () => {
    const root = await client.resourceRoot();
    expect(root).toBe(`${storageBase}/default/resources/`);
    await client.createDirectory(root, 'bdp');
    await expect(client.createDirectory(root, 'bdp')).rejects.toMatchObject({ code: 20005 });
    await client.uploadResource(`${root}bdp/`, 'run.sh', Buffer.from('echo 1\n'));
    await expect(
      client.uploadResource(`${root}bdp/`, 'run.sh', Buffer.from('echo 2\n')),
    ).rejects.toMatchObject({ code: 20005 });
    const listed = await client.listResources(`${root}bdp/`);
    expect(listed.map((r) => [r.alias, r.size, r.directory])).toEqual([['run.sh', 7, false]]);
    await client.reuploadResource(`${root}bdp/run.sh`, Buffer.from('echo 22\n'));
    expect((await client.downloadResource(`${root}bdp/run.sh`)).toString()).toBe('echo 22\n');
    await expect(client.createDirectory('file:/elsewhere/', 'x')).rejects.toMatchObject({ code: 20020 });
    await client.deleteResource(`${root}bdp/`);
    expect(await client.listResources(root)).toEqual([]);
  });

  it('creates definitions with versions and refuses edits while online', async () => {
    const created = await client.createDefinition(pc, await twoTaskBody());
    expect(created).toMatchObject({ name: 'wf', version: 1, releaseState: 'OFFLINE' });
    await expect(client.createDefinition(pc, await twoTaskBody())).rejects.toMatchObject({ code: 10168 });
    const dag = await client.getDefinition(pc, created.code);
    expect(dag.taskDefinitionList.map((t) => [t.name, t.version])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    const body = {
      ...(await twoTaskBody()),
      taskDefinitionJson: dag.taskDefinitionList,
      taskRelationJson: dag.processTaskRelationList,
    };
    expect((await client.updateDefinition(pc, created.code, body)).version).toBe(1); // unchanged: no new version
    body.taskDefinitionJson = body.taskDefinitionJson.map((t) =>
      t.name === 'b' ? { ...t, taskParams: { ...t.taskParams, rawScript: 'echo B' } } : t,
    );
    expect((await client.updateDefinition(pc, created.code, body)).version).toBe(2);
    expect((await client.getDefinition(pc, created.code)).taskDefinitionList.map((t) => t.version)).toEqual([
      1, 2,
    ]);
    await client.release(pc, created.code, 'ONLINE');
    const refused = await client.updateDefinition(pc, created.code, body).then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as DsApiError,
    );
    expect(refused).toMatchObject({ kind: 'service', code: 50008 });
    expect(refused.message).toMatch(/must be taken offline first/);
    expect(await client.findDefinition(pc, 'nope')).toBeUndefined();
  });

  it('keeps one schedule per workflow, online only while the workflow is online', async () => {
    const { code } = await client.createDefinition(pc, await twoTaskBody());
    const param = {
      startTime: '2026-11-01 00:00:00',
      endTime: '2126-11-01 00:00:00',
      crontab: '0 30 2 * * ? *',
      timezoneId: 'Asia/Shanghai',
    };
    await expect(client.createSchedule(pc, code, param)).rejects.toMatchObject({ code: 50004 });
    await client.release(pc, code, 'ONLINE');
    const s = await client.createSchedule(pc, code, param);
    expect(s.releaseState).toBe('OFFLINE');
    await expect(client.createSchedule(pc, code, param)).rejects.toMatchObject({ code: 10204 });
    await client.scheduleOnline(pc, s.id, true);
    const [listed] = await client.listSchedules(pc, code);
    expect(listed.releaseState).toBe('ONLINE');
    // SchedulerServiceImpl + ScheduleVO: parsed and rendered in the server's JVM zone, so the list
    // answers exactly the strings that were sent, whatever the schedule's timezoneId.
    expect([listed.startTime, listed.endTime]).toEqual([param.startTime, param.endTime]);
    // T0 is 09:00 in Shanghai, past that day's 02:30: the cron runs in the schedule's zone.
    expect(await client.previewSchedule(pc, param)).toEqual([
      '2026-11-25 02:30:00',
      '2026-11-26 02:30:00',
      '2026-11-27 02:30:00',
      '2026-11-28 02:30:00',
      '2026-11-29 02:30:00',
    ]);
    await client.release(pc, code, 'OFFLINE');
    expect((await client.listSchedules(pc, code))[0].releaseState).toBe('OFFLINE');
  });

  it('starts a node with its downstream, reads logs page by page, stops and reruns', async () => {
    const { code } = await client.createDefinition(pc, await twoTaskBody());
    await expect(client.start(pc, { processDefinitionCode: code })).rejects.toMatchObject({ code: 50004 });
    await client.release(pc, code, 'ONLINE');
    const dag = await client.getDefinition(pc, code);
    const b = dag.taskDefinitionList.find((t) => t.name === 'b')!;
    const trigger = await client.start(pc, {
      processDefinitionCode: code,
      startNodeList: [b.code],
      taskDependType: 'TASK_POST',
      startParams: { region: 'cn2' },
    });
    const [inst] = await startedInstances(trigger);
    expect(inst.state).toBe('RUNNING_EXECUTION');
    emulator.clock.advance(10_000);
    const tasks = await client.instanceTasks(pc, inst.id);
    expect(tasks.map((t) => [t.name, t.state])).toEqual([['b', 'SUCCESS']]);
    expect((await client.getInstance(pc, inst.id)).state).toBe('SUCCESS');
    const first = await client.logDetail(tasks[0].id, 0, 2);
    expect(first.message).toMatch(/^\[LOG-PATH\]: .*\n\[INFO\]/);
    expect(first.lineNum).toBe(2);
    const log = await client.fullLog(tasks[0].id);
    expect(log).toContain('start parameter region=cn2');
    expect(log).toContain('script: echo b');
    await expect(client.execute(pc, inst.id, 'STOP')).rejects.toMatchObject({ code: 50015 });
    await client.execute(pc, inst.id, 'REPEAT_RUNNING');
    expect((await client.getInstance(pc, inst.id)).runTimes).toBe(2);
    await client.execute(pc, inst.id, 'STOP');
    expect((await client.getInstance(pc, inst.id)).state).toBe('STOP');
  });

  it('recovers a failed instance and forces a failed task to success', async () => {
    const { code } = await client.createDefinition(pc, await twoTaskBody());
    await client.release(pc, code, 'ONLINE');
    emulator.state.failNext.add('a');
    const [inst] = await startedInstances(await client.start(pc, { processDefinitionCode: code }));
    emulator.clock.advance(10_000);
    expect((await client.getInstance(pc, inst.id)).state).toBe('FAILURE');
    const failed = (await client.instanceTasks(pc, inst.id))[0];
    await client.forceSuccess(pc, failed.id);
    await expect(client.forceSuccess(pc, failed.id)).rejects.toMatchObject({ code: 10166 });
    emulator.state.failNext.add('a');
    const [again] = await startedInstances(await client.start(pc, { processDefinitionCode: code }));
    emulator.clock.advance(10_000);
    await client.execute(pc, again.id, 'START_FAILURE_TASK_PROCESS');
    emulator.clock.advance(20_000);
    expect((await client.instanceTasks(pc, again.id)).map((t) => [t.name, t.state])).toEqual([
      ['a', 'SUCCESS'],
      ['b', 'SUCCESS'],
    ]);
  });

  it('backfills a date range as one instance per day, serially', async () => {
    const { code } = await client.createDefinition(pc, await twoTaskBody());
    await client.release(pc, code, 'ONLINE');
    const trigger = await client.start(pc, {
      processDefinitionCode: code,
      execType: 'COMPLEMENT_DATA',
      scheduleTime: { complementStartDate: '2026-11-01 00:00:00', complementEndDate: '2026-11-03 00:00:00' },
      executionOrder: 'ASC_ORDER',
    });
    const created = await startedInstances(trigger);
    expect(created.map((i) => [i.scheduleTime, i.state])).toEqual([
      ['2026-11-01 00:00:00', 'RUNNING_EXECUTION'],
      ['2026-11-02 00:00:00', 'SERIAL_WAIT'],
      ['2026-11-03 00:00:00', 'SERIAL_WAIT'],
    ]);
    emulator.clock.advance(60_000);
    expect((await startedInstances(trigger)).map((i) => i.state)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
  });

  it('retries idempotent calls on 429 honouring Retry-After, never a create', async () => {
    const waits: number[] = [];
    const c = make({ sleep: async (ms) => void waits.push(ms), random: () => 0 });
    emulator.faults.set({ status: 429, times: 1 });
    expect((await c.getUserInfo()).id).toBe(1);
    expect(waits).toEqual([1000]);
    emulator.faults.set({ status: 503, times: 1 });
    await expect(c.createProject('p2')).rejects.toMatchObject({ kind: 'http', code: 503 });
    expect(emulator.state.projectByName('p2')).toBeUndefined();
    emulator.faults.set({ resetAfter: 0 });
    const lost = await c.createProject('p3').then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as DsApiError,
    );
    expect(lost).toMatchObject({ kind: 'network', outcomeUnknown: true });
    c.close();
  });

  it('explains a base URL that is not the API', async () => {
    const c = make({ baseUrl: emulator.url.replace('/dolphinscheduler', '/dolphinscheduler/ui') });
    const e = await c.getUserInfo().then(
      () => {
        throw new Error('expected a failure');
      },
      (x: unknown) => x as DsApiError,
    );
    expect(e.message).toMatch(/web page instead of the API/);
    c.close();
  });
});

describe('server time zone', () => {
  it('writes and reads date strings in the configured server zone, across a DST change', () => {
    const ms = Date.UTC(2026, 2, 8, 7, 30, 0); // 03:30 EDT, just after New York springs forward
    expect(dsTime(ms)).toBe('2026-03-08 07:30:00');
    expect(dsTime(ms, 'Asia/Shanghai')).toBe('2026-03-08 15:30:00');
    expect(dsTime(ms, 'America/New_York')).toBe('2026-03-08 03:30:00');
    expect(parseDsTime('2026-03-08 03:30:00', 'America/New_York')).toBe(ms);
    expect(parseDsTime('2026-03-08 01:30:00', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 6, 30, 0));
    expect(parseDsTime('2026-03-08 15:30:00', 'Asia/Shanghai')).toBe(ms);
    const c = new DsClient({ baseUrl: 'http://127.0.0.1:9', serverTimeZone: 'Asia/Shanghai' });
    expect(c.parseTime(c.formatTime(ms))).toBe(ms);
    c.close();
  });
});
