import { prepareSampleRepository } from '../../src/main/services/workspace/sample-repository';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ApplyResult } from '../../src/main/sync/backend';
import { createManualClock } from '../../src/main/emulators/common/clock';
import { sampleWorkspacePath } from './publish-fixtures';
import { SyncCache, syncCachePath } from '../../src/main/sync/sync-cache';
import { readWorkspaceSnapshot } from '../../src/main/sync/workspace-snapshot';
import type { DsApiVersion } from '../../src/main/sync/dolphinscheduler/api-version';
import { DsClient } from '../../src/main/sync/dolphinscheduler/client';
import { DsBackend, type DsPublishPlan } from '../../src/main/sync/dolphinscheduler/ds-backend';
import { startDsEmulator, type DsEmulator } from '../../src/main/emulators/dolphinscheduler/server';
import { DEMO_TOKEN } from '../../src/main/emulators/dolphinscheduler/state';

export const DS_T0 = Date.UTC(2026, 10, 24, 1, 0, 0);

/** An emulator on a manual clock plus a client with instant retries. */
export async function startDsPair(
  profile: DsApiVersion = '3.2',
  serverTimeZone = 'UTC',
): Promise<{
  emulator: DsEmulator;
  client: DsClient;
  close: () => Promise<void>;
}> {
  const emulator = await startDsEmulator({ clock: createManualClock(DS_T0), profile, serverTimeZone });
  const client = new DsClient({
    baseUrl: emulator.url,
    token: DEMO_TOKEN,
    serverTimeZone,
    sleep: async () => {},
    retry: { maxRetries: 2 },
  });
  return {
    emulator,
    client,
    close: async () => {
      client.close();
      await emulator.close();
    },
  };
}

/** A copy of the sample workspace with a `dolphinscheduler` environment `ds` pointing at `url`. */
export async function copySampleForDs(
  url: string,
  project = 'retail',
): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'bdp-ds-'));
  await cp(sampleWorkspacePath(), root, { recursive: true });
  await prepareSampleRepository(root, { preferNative: true });
  const bdp = path.join(root, 'bdp.yaml');
  const text = (await readFile(bdp, 'utf8')).replace(
    /^environments: \[\].*$/m,
    [
      'environments:',
      '  - name: ds',
      '    kind: dolphinscheduler',
      `    url: ${url}`,
      `    options: { project: ${project} }`,
    ].join('\n'),
  );
  await writeFile(bdp, text);
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

export function dsBackendFor(client: DsClient, root: string, project = 'retail'): DsBackend {
  return new DsBackend({
    client,
    cache: new SyncCache(syncCachePath(root, 'ds'), 'ds'),
    environment: 'ds',
    projectName: project,
    now: () => DS_T0,
    sleep: async () => {},
  });
}

export async function dsPublishOnce(
  backend: DsBackend,
  root: string,
  force = false,
): Promise<{ plan: DsPublishPlan; result: ApplyResult }> {
  const plan = await backend.planSnapshot(await readWorkspaceSnapshot(root));
  const result = await backend.apply(plan, () => undefined, { force });
  return { plan, result };
}
