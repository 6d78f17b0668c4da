import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../common/clock';
import { TASK_STATES, WORKFLOW_STATES } from '../../sync/dolphinscheduler/api-version';
import { startDsEmulator, type DsEmulator } from './server';
import { DEMO_TOKEN } from './state';

let v32: DsEmulator;
let v33: DsEmulator;
let pc: number;

beforeEach(async () => {
  v32 = await startDsEmulator({ clock: createManualClock(Date.UTC(2026, 10, 24)) });
  v33 = await startDsEmulator({ clock: createManualClock(Date.UTC(2026, 10, 24)), profile: '3.3' });
  pc = [...v33.state.projects.values()][0].code;
});
afterEach(async () => {
  await v32.close();
  await v33.close();
});

async function call(
  e: DsEmulator,
  method: string,
  path: string,
  form: Record<string, string> = {},
): Promise<{ status: number; type: string; body: { code: number; data: unknown } | string }> {
  const body = new URLSearchParams(form).toString();
  const res = await fetch(`${e.url}${path}${method === 'GET' && body ? `?${body}` : ''}`, {
    method,
    headers: { token: DEMO_TOKEN, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: method === 'GET' ? undefined : body,
  });
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  return { status: res.status, type, body: type.includes('json') ? JSON.parse(text) : text };
}

const http = (code: number, params: Record<string, unknown>): unknown => ({
  code,
  name: 'notify',
  taskType: 'HTTP',
  taskParams: { localParams: [], url: 'http://example.test/x', ...params },
});
const root = (code: number): unknown => [
  {
    name: '',
    preTaskCode: 0,
    preTaskVersion: 0,
    postTaskCode: code,
    postTaskVersion: 0,
    conditionType: 'NONE',
    conditionParams: {},
  },
];

async function createWorkflow(
  e: DsEmulator,
  name: string,
  task: unknown,
  code: number,
): Promise<{ code: number; data: unknown }> {
  const base = e === v33 ? 'workflow-definition' : 'process-definition';
  const r = await call(e, 'POST', `/projects/${[...e.state.projects.values()][0].code}/${base}`, {
    name,
    taskDefinitionJson: JSON.stringify([task]),
    taskRelationJson: JSON.stringify(root(code)),
  });
  return r.body as { code: number; data: unknown };
}

describe('DolphinScheduler emulator, 3.3 profile (spec §10)', () => {
  it('answers a path of the other line with the HTML page, status 200', async () => {
    const on33 = await call(v33, 'GET', `/projects/${pc}/process-definition/all`);
    expect([on33.status, on33.type]).toEqual([200, 'text/html']);
    const pc32 = [...v32.state.projects.values()][0].code;
    const on32 = await call(v32, 'GET', `/projects/${pc32}/workflow-definition/all`);
    expect([on32.status, on32.type]).toEqual([200, 'text/html']);
    expect((await call(v33, 'GET', `/projects/${pc}/workflow-definition/all`)).body).toMatchObject({
      code: 0,
      data: [],
    });
  });

  it('drops instRunningCount from projects', async () => {
    const a = (await call(v32, 'GET', '/projects/list')).body as { data: Record<string, unknown>[] };
    const b = (await call(v33, 'GET', '/projects/list')).body as { data: Record<string, unknown>[] };
    expect(a.data[0]).toHaveProperty('instRunningCount');
    expect(b.data[0]).not.toHaveProperty('instRunningCount');
  });

  it('HttpParameters (dev, task-http): JSON keys stay httpMethod/httpParams/httpBody; the check wants connectTimeout > 0', async () => {
    const ok = { httpMethod: 'POST', httpParams: [], connectTimeout: 1000 };
    expect((await createWorkflow(v33, 'a', http(11, { ...ok, connectTimeout: 0 }), 11)).code).toBe(50020);
    // The Java field names are not JSON keys: Jackson ignores them, httpMethod stays null.
    expect(
      (await createWorkflow(v33, 'b', http(12, { httpRequestMethod: 'POST', connectTimeout: 1000 }), 12))
        .code,
    ).toBe(50020);
    expect((await createWorkflow(v33, 'c', http(13, { ...ok, httpMethod: 'HEAD' }), 13)).code).toBe(50020);
    const created = await createWorkflow(v33, 'd', http(14, ok), 14);
    expect(created.code).toBe(0);
    // 3.2 only checks the url.
    expect(
      (await createWorkflow(v32, 'a', http(15, { httpMethod: 'HEAD', connectTimeout: 0 }), 15)).code,
    ).toBe(0);
  });

  it('checks DEPENDENT tasks: a non-empty dependTaskList (3.2 lets it through)', async () => {
    const dep = {
      code: 21,
      name: 'wait',
      taskType: 'DEPENDENT',
      taskParams: { dependence: { relation: 'AND', dependTaskList: [] } },
    };
    expect((await createWorkflow(v33, 'dep', dep, 21)).code).toBe(50020);
    expect((await createWorkflow(v32, 'dep', dep, 21)).code).toBe(0);
  });

  it('starts with workflowDefinitionCode and answers the new instance ids; controls by workflowInstanceId', async () => {
    const made = (
      await createWorkflow(
        v33,
        'run',
        { code: 31, name: 's', taskType: 'SHELL', taskParams: { rawScript: 'echo' } },
        31,
      )
    ).data as { code: number };
    expect(
      (
        await call(v33, 'POST', `/projects/${pc}/workflow-definition/${made.code}/release`, {
          releaseState: 'ONLINE',
        })
      ).body,
    ).toMatchObject({ code: 0 });
    const old = await call(v33, 'POST', `/projects/${pc}/executors/start-workflow-instance`, {
      processDefinitionCode: String(made.code),
      scheduleTime: '',
      failureStrategy: 'END',
      warningType: 'NONE',
    });
    expect(old.body).toMatchObject({ code: 50014 }); // the 3.2 name is not bound
    const started = (
      await call(v33, 'POST', `/projects/${pc}/executors/start-workflow-instance`, {
        workflowDefinitionCode: String(made.code),
        scheduleTime: '',
        failureStrategy: 'END',
        warningType: 'NONE',
      })
    ).body as { code: number; data: number[] };
    expect(started.code).toBe(0);
    expect(started.data).toHaveLength(1);
    const [id] = started.data;
    const inst = (await call(v33, 'GET', `/projects/${pc}/workflow-instances/${id}`)).body as {
      data: Record<string, unknown>;
    };
    expect(inst.data).toMatchObject({ id, workflowDefinitionCode: made.code, isSubWorkflow: 'NO' });
    expect(inst.data).not.toHaveProperty('processDefinitionCode');
    const tasks = (await call(v33, 'GET', `/projects/${pc}/workflow-instances/${id}/tasks`)).body as {
      data: Record<string, unknown>;
    };
    expect(tasks.data.workflowInstanceState).toBe('RUNNING_EXECUTION');
    expect(
      (
        await call(v33, 'POST', `/projects/${pc}/executors/execute`, {
          workflowInstanceId: String(id),
          executeType: 'STOP',
        })
      ).body,
    ).toMatchObject({ code: 0 });
    // STOP is no task state on 3.3: the filter rejects it with the list's fallback code.
    expect(
      (
        await call(v33, 'GET', `/projects/${pc}/task-instances`, {
          pageNo: '1',
          pageSize: '10',
          stateType: 'STOP',
        })
      ).body,
    ).toMatchObject({ code: 10082 });
  });

  it('lists resources as ResourceItemVO without tenantCode, directories without the trailing slash', async () => {
    const r = await call(v33, 'POST', '/resources/directory', { type: 'FILE', name: 'bdp', currentDir: '/' });
    expect(r.body).toMatchObject({ code: 0 });
    const list = (
      await call(v33, 'GET', '/resources', { type: 'FILE', fullName: '', pageNo: '1', pageSize: '10' })
    ).body as {
      data: { totalList: Record<string, unknown>[] };
    };
    expect(list.data.totalList).toEqual([
      expect.objectContaining({
        fullName: '/tmp/dolphinscheduler/default/resources/bdp',
        alias: 'bdp',
        directory: true,
      }),
    ]);
    expect(list.data.totalList[0]).not.toHaveProperty('pfullName');
  });

  it('knows the state ordinals of each line', () => {
    expect(TASK_STATES['3.3'].indexOf('FAILURE')).toBe(3);
    expect(TASK_STATES['3.3'].indexOf('DISPATCH')).toBe(9);
    expect(TASK_STATES['3.2'].indexOf('DISPATCH')).toBe(10);
    expect(TASK_STATES['3.3']).not.toContain('STOP');
    expect(WORKFLOW_STATES['3.3'].indexOf('FAILOVER')).toBe(10);
    expect(WORKFLOW_STATES['3.3'].indexOf('SERIAL_WAIT')).toBe(8);
  });
});
