import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../common/clock';
import { startDsEmulator, type DsEmulator } from './server';
import { DEMO_ADMIN, DEMO_TOKEN } from './state';

let emulator: DsEmulator;
beforeEach(async () => {
  emulator = await startDsEmulator({ clock: createManualClock(Date.UTC(2026, 10, 24)) });
});
afterEach(async () => {
  await emulator.close();
});

const form = (o: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', token: DEMO_TOKEN },
  body: new URLSearchParams(o).toString(),
});

describe('DolphinScheduler emulator wire protocol', () => {
  it('answers 401 with an empty body without a valid token or session', async () => {
    const res = await fetch(`${emulator.url}/projects/list`);
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('');
    const bad = await fetch(`${emulator.url}/projects/list`, { headers: { token: 'nope' } });
    expect(bad.status).toBe(401);
  });

  it('logs in with a session cookie and sessionId header, reusing a fresh session', async () => {
    const login = await fetch(`${emulator.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ userName: DEMO_ADMIN.userName, userPassword: DEMO_ADMIN.password }),
    });
    const body = (await login.json()) as { data: { sessionId: string }; msg: string; success: boolean };
    expect(body).toMatchObject({ msg: 'login success', success: true });
    expect(login.headers.get('set-cookie')).toContain(`sessionId=${body.data.sessionId}`);
    const me = await fetch(`${emulator.url}/users/get-user-info`, {
      headers: { sessionId: body.data.sessionId },
    });
    expect(((await me.json()) as { data: { userName: string } }).data.userName).toBe('admin');
    const again = await fetch(`${emulator.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ userName: 'admin', userPassword: DEMO_ADMIN.password }),
    });
    expect(((await again.json()) as { data: { sessionId: string } }).data.sessionId).toBe(
      body.data.sessionId,
    );
    const wrong = await fetch(`${emulator.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ userName: 'admin', userPassword: 'x' }),
    });
    expect(await wrong.json()).toEqual({
      code: 10013,
      msg: 'user name or password error',
      data: null,
      success: false,
      failed: true,
    });
  });

  it('uses 201 for creates (also for their business failures) and the fallback code for a missing parameter', async () => {
    const created = await fetch(`${emulator.url}/projects`, form({ projectName: 'p1' }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      code: 0,
      success: true,
      failed: false,
      data: { name: 'p1' },
    });
    const dup = await fetch(`${emulator.url}/projects`, form({ projectName: 'p1' }));
    expect(dup.status).toBe(201);
    expect(await dup.json()).toMatchObject({ code: 10019, data: null, success: false, failed: true });
    const missing = await fetch(`${emulator.url}/projects`, form({}));
    expect(missing.status).toBe(200);
    expect(await missing.json()).toMatchObject({ code: 10048, failed: true });
  });

  it('pages with the pageNo-is-an-offset quirk and rejects a bad page', async () => {
    for (const n of ['a', 'b', 'c']) await fetch(`${emulator.url}/projects`, form({ projectName: n }));
    const res = await fetch(`${emulator.url}/projects?pageNo=2&pageSize=2`, {
      headers: { token: DEMO_TOKEN },
    });
    expect(((await res.json()) as { data: unknown }).data).toMatchObject({
      total: 4,
      totalPage: 2,
      pageSize: 2,
      currentPage: 2,
      pageNo: 2,
    });
    const bad = await fetch(`${emulator.url}/projects?pageNo=0&pageSize=2`, {
      headers: { token: DEMO_TOKEN },
    });
    expect(await bad.json()).toMatchObject({ code: 10001, msg: 'request parameter pageNo is not valid' });
  });

  it('forwards an unknown path to the UI page (HTML, 200) and serves the injected faults', async () => {
    const res = await fetch(`${emulator.url}/projects/1/workflow-definition`, {
      headers: { token: DEMO_TOKEN },
    });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html']);
    emulator.faults.set({ status: 503 });
    const down = await fetch(`${emulator.url}/projects/list`, { headers: { token: DEMO_TOKEN } });
    expect([down.status, down.headers.get('retry-after')]).toEqual([503, '1']);
    emulator.faults.set({ status: 401 });
    expect((await fetch(`${emulator.url}/projects/list`, { headers: { token: DEMO_TOKEN } })).status).toBe(
      401,
    );
  });

  it('checks resource names and paths', async () => {
    const root = 'file:/dolphinscheduler/default/resources/';
    const up = (name: string, file: string, currentDir = root): Promise<Response> => {
      const fd = new FormData();
      fd.append('type', 'FILE');
      fd.append('name', name);
      fd.append('currentDir', currentDir);
      fd.append('file', new Blob([Buffer.from('x')]), file);
      return fetch(`${emulator.url}/resources`, { method: 'POST', headers: { token: DEMO_TOKEN }, body: fd });
    };
    expect(((await (await up('a.sh', 'a.sh')).json()) as { code: number }).code).toBe(0);
    expect(((await (await up('a.py', 'a.sh')).json()) as { code: number }).code).toBe(20008);
    expect(((await (await up('x/a.sh', 'a.sh')).json()) as { code: number }).code).toBe(1300009);
    expect(((await (await up('b.sh', 'b.sh', `${root}../`)).json()) as { code: number }).code).toBe(20020);
    expect(((await (await up(`${'n'.repeat(120)}.sh`, 'n.sh')).json()) as { code: number }).code).toBe(
      1300015,
    );
    const view = await fetch(
      `${emulator.url}/resources/view?fullName=${encodeURIComponent(`${root}a.sh`)}&tenantCode=default&skipLineNum=0&limit=10`,
      { headers: { token: DEMO_TOKEN } },
    );
    expect(((await view.json()) as { data: unknown }).data).toEqual({ alias: `${root}a.sh`, content: 'x' });
  });
});
