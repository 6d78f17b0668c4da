import { afterEach, beforeEach, expect, it } from 'vitest';
import { secretEnvVar } from '../sync/common/secret-variable';
import { DEMO_TOKEN } from '../emulators/dolphinscheduler/state';
import { copySampleForDs, startDsPair } from '../../../tests/support/ds-fixtures';
import type { DsEmulator } from '../emulators/dolphinscheduler/server';
import { publishCommand, PUBLISH_EXIT } from './publish';

let emulator: DsEmulator;
let close: () => Promise<void>;
let root: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ emulator, close } = await startDsPair());
  ({ root, remove } = await copySampleForDs(emulator.url));
});
afterEach(async () => {
  await remove();
  await close();
});

it('bdp publish --env publishes to a DolphinScheduler environment, then finds nothing to do', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (t: string) => void out.push(t),
    stderr: (t: string) => void err.push(t),
    env: { [secretEnvVar('ds')]: DEMO_TOKEN },
    dsClient: { sleep: async () => {} },
  };
  expect(await publishCommand({ env: 'ds', workspace: root }, io)).toBe(PUBLISH_EXIT.ok);
  const text = out.join('');
  expect(text).toMatch(/create\s+resource\s+clean_orders@V1\.0\.0/);
  expect(text).toMatch(/create\s+workflow\s+daily_orders/);
  expect(text).toContain('published: 7 step(s) applied');
  expect(text + err.join('')).not.toContain(DEMO_TOKEN);
  expect(emulator.state.definitions.size).toBe(2);
  out.length = 0;
  expect(await publishCommand({ env: 'ds', workspace: root, 'dry-run': true, json: true }, io)).toBe(
    PUBLISH_EXIT.ok,
  );
  const plan = JSON.parse(out.join('')) as { plan: { summary: Record<string, number> } };
  expect(plan.plan.summary).toMatchObject({ create: 0, update: 0, unchanged: 6 });
  expect(await publishCommand({ env: 'ds', workspace: root }, { ...io, env: {} })).toBe(PUBLISH_EXIT.usage);
  expect(err.join('')).toContain('to the access token of environment "ds"');
});
