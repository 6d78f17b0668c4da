import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { apiSignature, paramsData, tokenEncryption } from '../../sync/enos/signature';
import { createManualClock } from '../common/clock';
import { startEnosEmulator, type EnosEmulator } from './server';
import { DEMO_APP, DEMO_USER } from './store';

const T0 = Date.UTC(2024, 0, 15, 2, 0, 0);
let emu: EnosEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

let tokenTs = T0;
async function token(e: EnosEmulator): Promise<string> {
  // A fresh timestamp per request: the same encryption twice is a replay (1001).
  const timestamp = tokenTs++;
  const body = {
    appKey: DEMO_APP.appKey,
    timestamp,
    encryption: tokenEncryption(DEMO_APP.appKey, timestamp, DEMO_APP.appSecret),
  };
  return (await axios.post(`${e.url}/apim-token-service/v2.0/token/get`, body)).data.data
    .accessToken as string;
}

/** A signed raw call, so the emulator's edges can be probed without the client's checks. */
async function raw(
  e: EnosEmulator,
  method: 'GET' | 'POST',
  path: string,
  query: Record<string, string>,
  body = '',
) {
  const tok = await token(e);
  const sig = apiSignature(tok, paramsData(query, body), T0, DEMO_APP.appSecret);
  return axios.request({
    method,
    url: `${e.url}/batch-processing-service/v2.1/${path}?${new URLSearchParams(query)}`,
    data: body || undefined,
    headers: {
      'apim-accesstoken': tok,
      'apim-signature': sig,
      'apim-timestamp': String(T0),
      'Content-Type': 'application/json',
    },
    transformRequest: [(d: unknown) => d],
    validateStatus: () => true,
  });
}

const who = { orgId: DEMO_USER.orgId, userId: DEMO_USER.userId };

describe('emulator gateway and envelope', () => {
  it('wraps data in {code, msg, requestId, data}', async () => {
    emu = await startEnosEmulator({ clock: createManualClock(T0) });
    const res = await raw(emu, 'GET', 'time', { action: 'getCurrentTime' });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ code: 0, msg: 'OK', data: T0 });
    expect(res.data.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 99400 for a missing or unknown action and 62102 for a body that is not JSON', async () => {
    emu = await startEnosEmulator({ clock: createManualClock(T0) });
    expect((await raw(emu, 'GET', 'flows', { ...who })).data).toMatchObject({
      code: 99400,
      msg: 'Invalid Argument action:action is missing',
    });
    expect((await raw(emu, 'GET', 'flows', { action: 'rerun', ...who })).data.code).toBe(99400);
    // `search` exists for POST only (routing key is method + resource + action).
    expect((await raw(emu, 'GET', 'flows', { action: 'search', ...who })).data.code).toBe(99400);
    expect((await raw(emu, 'POST', 'flows', { action: 'trigger', ...who }, '{oops')).data).toMatchObject({
      code: 62102,
      msg: 'Invalid request body.',
    });
  });

  it('needs userId of orgId except on the time endpoints', async () => {
    emu = await startEnosEmulator({ clock: createManualClock(T0) });
    expect(
      (
        await raw(emu, 'GET', 'directories', {
          action: 'listWorkFlowDirs',
          orgId: 'o1',
          userId: DEMO_USER.userId,
        })
      ).data.code,
    ).toBe(62101);
    expect((await raw(emu, 'GET', 'time', { action: 'getTimeZone' })).data.data).toEqual({
      timezone: 'GMT+8',
    });
  });

  it('lenient mode accepts an unsigned legacy token; strict mode does not', async () => {
    emu = await startEnosEmulator({ clock: createManualClock(T0), auth: 'lenient' });
    const url = `${emu.url}/batch-processing-service/v2.1/time?action=getTimeZone`;
    const headers = { 'apim-accesstoken': 'poseidon-blob' };
    expect((await axios.get(url, { headers })).data.code).toBe(0);
    await emu.close();
    emu = await startEnosEmulator({ clock: createManualClock(T0) });
    const strict = await axios.get(`${emu.url}/batch-processing-service/v2.1/time?action=getTimeZone`, {
      headers,
      validateStatus: () => true,
    });
    expect(strict.status).toBe(401);
    expect(strict.data).toMatchObject({ message: 'Invalid authentication credentials' });
  });

  it('returns the same token while it is valid and rejects refreshing an expired one (1203)', async () => {
    const clock = createManualClock(T0);
    emu = await startEnosEmulator({ clock });
    const first = await token(emu);
    const again = {
      appKey: DEMO_APP.appKey,
      timestamp: T0 - 1,
      encryption: tokenEncryption(DEMO_APP.appKey, T0 - 1, DEMO_APP.appSecret),
    };
    const second = (await axios.post(`${emu.url}/apim-token-service/v2.0/token/get`, again)).data;
    expect(second.data.accessToken).toBe(first);
    clock.advance(7200_000);
    const ts = T0 - 2;
    const refresh = {
      appKey: DEMO_APP.appKey,
      timestamp: ts,
      encryption: tokenEncryption(DEMO_APP.appKey, ts, DEMO_APP.appSecret),
      accessToken: first,
    };
    expect(
      (await axios.post(`${emu.url}/apim-token-service/v2.0/token/refresh`, refresh)).data,
    ).toMatchObject({ status: 1203, data: null });
  });
});
