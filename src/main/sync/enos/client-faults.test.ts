import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { EnosClient } from './client';
import { maskSecrets } from '../common/mask';
import { EnosApiError } from './errors';
import { DEMO_APP, DEMO_USER } from '../../emulators/enos/store';
import {
  samplePortableFlow,
  startClientAndEmulator,
  T0,
  type ClientAndEmulator,
} from '../../../../tests/support/enos-fixtures';

let env: ClientAndEmulator | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function setup(
  ...args: Parameters<typeof startClientAndEmulator>
): Promise<ClientAndEmulator & { flowId: number }> {
  env = await startClientAndEmulator(...args);
  const { flowId } = await env.client.importFlow({
    flowName: 'f1',
    dirId: env.rootDirId,
    flowJson: samplePortableFlow('f1'),
  });
  return { ...env, flowId };
}

async function rejection(p: Promise<unknown>): Promise<EnosApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EnosApiError);
    return e as EnosApiError;
  }
  throw new Error('expected a rejection');
}

describe('token service', () => {
  it('reuses the token, refreshes it shortly before expiry and gets a new one once expired', async () => {
    const { client, clock, emulator, flowId } = await setup();
    await client.getFlow(flowId);
    expect(emulator.state.tokens.size).toBe(1);
    const first = [...emulator.state.tokens.keys()][0];
    clock.advance(7200_000 - 60_000); // inside the 5-minute refresh window
    await client.getFlow(flowId);
    expect(emulator.state.tokens.size).toBe(2); // /token/refresh issued a second one
    clock.advance(7200_000 + 1); // both expired now
    await client.getFlow(flowId);
    expect(emulator.state.tokens.size).toBe(3);
    expect(emulator.state.tokens.has(first)).toBe(true);
  });

  it('gets a new token and resends once when the gateway answers 401, even for a trigger', async () => {
    const { client, emulator, flowId } = await setup();
    await client.getFlow(flowId);
    emulator.state.tokens.clear(); // the server forgot the token (expired early, revoked)
    expect(await client.triggerFlow(flowId, T0)).toBe(`${flowId}-20240115100000`);
    emulator.faults.set({ status: 401 });
    expect((await client.getFlow(flowId)).flowId).toBe(flowId);
  });

  it('gives up after one re-authentication', async () => {
    const { client, emulator, flowId } = await setup();
    emulator.faults.set({ status: 401, times: 5 });
    const e = await rejection(client.getFlow(flowId));
    expect(e).toMatchObject({ kind: 'gateway', code: 401, httpStatus: 401 });
    expect(e.message).toMatch(/Authentication failed/);
    expect(emulator.faults.served.status).toBe(2);
  });

  it('maps token-service codes and never shows the secret', async () => {
    env = await startClientAndEmulator({}, { appSecret: 'wrong-secret-value' });
    const e = await rejection(env.client.getTimeZone());
    expect(e).toMatchObject({ kind: 'token', code: 1003, operation: 'getToken' });
    expect(e.message).toMatch(/SecretKey does not match/);
    expect(e.message).not.toContain('wrong-secret-value');
    await env.close();
    env = await startClientAndEmulator({}, { appKey: 'nobody' });
    expect(await rejection(env.client.getTimeZone())).toMatchObject({ kind: 'token', code: 1002 });
  });

  it('rejects a replayed token request and a bad signature', async () => {
    env = await startClientAndEmulator();
    const { emulator } = env;
    const body = {
      appKey: DEMO_APP.appKey,
      timestamp: T0,
      encryption: (await import('./signature')).tokenEncryption(DEMO_APP.appKey, T0, DEMO_APP.appSecret),
    };
    const url = `${emulator.url}/apim-token-service/v2.0/token/get`;
    const ok = await axios.post(url, body);
    expect(ok.data).toMatchObject({ status: 0, msg: 'SUCCESS', data: { expire: 7200 } });
    expect((await axios.post(url, body)).data).toMatchObject({ status: 1001 });
    const token = ok.data.data.accessToken as string;
    const res = await axios.get(`${emulator.url}/batch-processing-service/v2.1/time?action=getTimeZone`, {
      headers: { 'apim-accesstoken': token, 'apim-signature': 'f'.repeat(64), 'apim-timestamp': String(T0) },
      validateStatus: () => true,
    });
    expect(res.status).toBe(401);
    expect(res.data.message).toBe('Invalid signature');
  });
});

describe('retries', () => {
  it('retries a read after 429 with exponential backoff and jitter, then succeeds', async () => {
    const { client, emulator, sleeps, flowId } = await setup();
    emulator.faults.set({ status: 429, times: 2 });
    expect((await client.getFlow(flowId)).flowId).toBe(flowId);
    // base 250 ms, random 0.5: attempt 0 -> 125 + 62.5; attempt 1 -> 250 + 125
    expect(sleeps).toEqual([188, 375]);
  });

  it('stops after maxRetries and reports the last status', async () => {
    const { client, emulator, flowId } = await setup();
    emulator.faults.set({ status: 503, times: 10 });
    const e = await rejection(client.getFlow(flowId));
    expect(e).toMatchObject({ kind: 'gateway', code: 503, retryable: true });
    expect(emulator.faults.served.status).toBe(4);
  });

  it('never retries a non-idempotent call (500 on trigger)', async () => {
    const { client, emulator, sleeps, flowId } = await setup();
    emulator.faults.set({ status: 500, times: 3 });
    const e = await rejection(client.triggerFlow(flowId, T0));
    expect(e).toMatchObject({ kind: 'gateway', code: 500, operation: 'triggerFlow' });
    expect(emulator.faults.served.status).toBe(1);
    expect(sleeps).toEqual([]);
    expect(emulator.state.instances.size).toBe(0);
  });

  it('resends a read after a connection reset', async () => {
    const { client, emulator, flowId } = await setup();
    emulator.faults.set({ resetAfter: 0 });
    expect((await client.exportFlow(flowId)).name).toBe('f1');
    expect(emulator.faults.served.resets).toBe(1);
  });

  it('reports a reset on a trigger as outcome unknown, without resending', async () => {
    const { client, emulator, sleeps, flowId } = await setup();
    emulator.faults.set({ resetAfter: 0 });
    const e = await rejection(client.triggerFlow(flowId, T0));
    expect(e).toMatchObject({ kind: 'network', code: 'ECONNRESET', outcomeUnknown: true, retryable: true });
    expect(e.message).toMatch(/connection to EnOS was reset.*may have been applied/);
    expect(sleeps).toEqual([]);
  });

  it('times out slow replies', async () => {
    const { client, emulator, flowId } = await setup({}, { timeoutMs: 100, retry: { maxRetries: 0 } });
    emulator.faults.set({ slowMs: 400 });
    const e = await rejection(client.getFlow(flowId));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/timed out/);
  });
});

describe('connection handling', () => {
  it('keeps the connection alive across calls', async () => {
    const { client, emulator, flowId } = await setup();
    const before = emulator.stats.connections;
    for (let i = 0; i < 5; i++) await client.getFlow(flowId);
    expect(emulator.stats.requests).toBeGreaterThanOrEqual(7);
    expect(emulator.stats.connections - before).toBe(0);
    expect(emulator.stats.connections).toBe(1);
  });
});

describe('service error codes', () => {
  it('62101 wrong user or OU', async () => {
    env = await startClientAndEmulator({}, { userId: 'u000' });
    const e = await rejection(env.client.listWorkflowDirectories());
    expect(e).toMatchObject({
      kind: 'service',
      code: 62101,
      serverMessage: 'userId does not exist, or it does not match to orgId.',
    });
    expect(e.message).toMatch(/does not belong to the OU/);
  });

  it('62103 not the owner, 62105 locked account, 62104 no task', async () => {
    const other = { userId: 'u2', orgId: DEMO_USER.orgId, name: 'other' };
    const { client, emulator, flowId, rootDirId } = await setup({ users: [DEMO_USER, other] });
    const outsider = new EnosClient({
      gateway: emulator.url,
      orgId: other.orgId,
      userId: other.userId,
      appKey: DEMO_APP.appKey,
      appSecret: DEMO_APP.appSecret,
      now: () => emulator.clock.now(),
    });
    try {
      expect(await rejection(outsider.triggerFlow(flowId, T0))).toMatchObject({
        code: 62103,
        serverMessage: 'User has no privilege.',
      });
      expect((await outsider.getFlow(flowId)).hasEditPri).toBe(false);
    } finally {
      outsider.close();
    }
    emulator.state.lockedUsers.add(DEMO_USER.userId);
    expect(await rejection(client.enableFlow(flowId))).toMatchObject({
      code: 62105,
      serverMessage: 'Your account has been locked',
    });
    emulator.state.lockedUsers.clear();
    const empty = await client.importFlow({
      flowName: 'empty',
      dirId: rootDirId,
      flowJson: samplePortableFlow('empty', { tasks: [], relations: [] }),
    });
    const e = await rejection(client.triggerFlow(empty.flowId, T0));
    expect(e).toMatchObject({
      code: 62104,
      serverMessage: 'This workflow has no task. You cannot trigger it.',
    });
    expect(e.message).toMatch(/business rule/);
  });

  it('masks secrets in text', () => {
    expect(maskSecrets('bad key sk-12345 used', ['sk-12345', undefined])).toBe('bad key *** used');
  });
});
