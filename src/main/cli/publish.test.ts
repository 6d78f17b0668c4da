import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_APP } from '../emulators/enos/store';
import { secretEnvVar } from '../sync/common/secret-variable';
import { copySampleWorkspace } from '../../../tests/support/publish-fixtures';
import { startClientAndEmulator, type ClientAndEmulator } from '../../../tests/support/enos-fixtures';
import { publishCommand, type PublishCommandOptions } from './publish';

let env: ClientAndEmulator | undefined;
let ws: { root: string; remove: () => Promise<void> } | undefined;
afterEach(async () => {
  await env?.close();
  await ws?.remove();
  env = undefined;
  ws = undefined;
});

async function run(
  opts: PublishCommandOptions,
  vars: Record<string, string> = { BDP_ENV_TEST_SECRET: DEMO_APP.appSecret },
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const c = env!;
  // Each run is a new client; a token request with an earlier timestamp would be a 1001 duplicate.
  c.clock.advance(1000);
  const code = await publishCommand(
    { workspace: ws!.root, ...opts },
    {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      env: vars,
      client: { now: () => c.clock.now(), sleep: async () => undefined },
    },
  );
  return { code, out, err };
}

describe('bdp publish', () => {
  it('names the secret variable from the environment name', () => {
    expect(secretEnvVar('EnOS prod-1')).toBe('BDP_ENV_ENOS_PROD_1_SECRET');
  });

  it('plans, applies, finds nothing to do, and refuses a remote change without --yes (exit 3)', async () => {
    env = await startClientAndEmulator();
    ws = await copySampleWorkspace(env.emulator.url);

    const dry = await run({ env: 'test', 'dry-run': true });
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/ACTION\s+KIND\s+NAME/);
    expect(dry.out).toMatch(/create\s+workflow\s+daily_orders/);
    expect(env.emulator.state.flows.size).toBe(0);

    const applied = await run({ env: 'test' });
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('published:');
    expect(env.emulator.state.flows.size).toBe(2);

    const again = await run({ env: 'test', json: true });
    expect(again.code).toBe(0);
    const parsed = JSON.parse(again.out);
    expect(parsed.plan.summary).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    expect(parsed.result.ok).toBe(true);
    expect(again.out).not.toContain(DEMO_APP.appSecret);

    const daily = [...env.emulator.state.flows.values()].find((f) => f.name === 'daily_orders')!;
    daily.freq = '0 0 5 * * ? *';
    daily.updateTime += 1000;
    const refused = await run({ env: 'test' });
    expect(refused.code, refused.err).toBe(3);
    expect(refused.out).toMatch(/remote-changed\s+workflow\s+daily_orders/);
    expect(refused.err).toContain('--yes');
    expect(daily.freq).toBe('0 0 5 * * ? *');

    const forced = await run({ env: 'test', yes: true });
    expect(forced.code).toBe(0);
    expect(daily.freq).toBe('0 30 2 * * ? *');
  });

  it('fails clearly without the secret, for an unknown environment, and on validation errors', async () => {
    env = await startClientAndEmulator();
    ws = await copySampleWorkspace(env.emulator.url);
    const noSecret = await run({ env: 'test' }, {});
    expect(noSecret.code).toBe(2);
    expect(noSecret.err).toContain('BDP_ENV_TEST_SECRET');
    expect((await run({ env: 'nope' })).err).toContain('no environment "nope"');
    const wrong = await run({ env: 'test' }, { BDP_ENV_TEST_SECRET: 'wrong-secret-value' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).not.toContain('wrong-secret-value');

    const file = path.join(ws.root, 'workflows/retail/daily_orders.workflow.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('cycle: D', 'cycle: X'));
    const invalid = await run({ env: 'test' });
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/validation error\(s\)[\s\S]*daily_orders\.workflow\.yaml:\d+/);
    expect(env.emulator.state.flows.size).toBe(0);
  });
});
