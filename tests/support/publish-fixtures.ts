import { prepareSampleRepository } from '../../src/main/services/workspace/sample-repository';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SyncCache, syncCachePath } from '../../src/main/sync/sync-cache';
import { readWorkspaceSnapshot } from '../../src/main/sync/workspace-snapshot';
import type { EnosClient } from '../../src/main/sync/enos/client';
import { EnosBackend, type EnosPublishPlan } from '../../src/main/sync/enos/enos-backend';
import { DEMO_APP, DEMO_USER } from '../../src/main/emulators/enos/store';
import type { ApplyResult } from '../../src/main/sync/backend';

/** The sample workspace shipped with the app (resolved lazily: bundles may lack `__dirname`). */
export function sampleWorkspacePath(): string {
  return path.resolve(__dirname, '../../resources/sample-workspace');
}

/** Write operations of the EnOS API. */
export const WRITE_OPERATIONS = [
  'importFlow',
  'saveFlow',
  'deleteFlow',
  'enableFlow',
  'disableFlow',
  'createDirectory',
] as const;

/** Counts calls of the client's write methods (wraps them in place). */
export function countWrites(client: EnosClient): { total: () => number; byOp: Record<string, number> } {
  const byOp: Record<string, number> = {};
  const c = client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const op of WRITE_OPERATIONS) {
    const orig = c[op].bind(client);
    c[op] = (...args: unknown[]) => {
      byOp[op] = (byOp[op] ?? 0) + 1;
      return orig(...args);
    };
  }
  return { total: () => Object.values(byOp).reduce((a, b) => a + b, 0), byOp };
}

/** A copy of the sample workspace with an `enos` environment `test` pointing at `url`. */
export async function copySampleWorkspace(
  url: string,
): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'bdp-publish-'));
  await cp(sampleWorkspacePath(), root, { recursive: true });
  await prepareSampleRepository(root, { preferNative: true });
  const bdp = path.join(root, 'bdp.yaml');
  const text = (await readFile(bdp, 'utf8')).replace(
    /^environments: \[\].*$/m,
    [
      'environments:',
      '  - name: test',
      '    kind: enos',
      `    url: ${url}`,
      `    options: { orgId: ${DEMO_USER.orgId}, userId: ${DEMO_USER.userId}, accessKey: ${DEMO_APP.appKey}, doAs: db_demo }`,
    ].join('\n'),
  );
  await writeFile(bdp, text);
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Backend for workspace `root`, environment `test`, with its cache file. */
export function backendFor(client: EnosClient, root: string, now?: () => number): EnosBackend {
  return new EnosBackend({
    client,
    cache: new SyncCache(syncCachePath(root, 'test'), 'test'),
    environment: 'test',
    doAs: 'db_demo',
    now,
  });
}

/** Snapshot, plan, and (unless `planOnly`) apply. */
export async function publishOnce(
  backend: EnosBackend,
  root: string,
  force = false,
): Promise<{ plan: EnosPublishPlan; result: ApplyResult }> {
  const plan = await backend.planSnapshot(await readWorkspaceSnapshot(root));
  const result = await backend.apply(plan, () => undefined, { force });
  return { plan, result };
}
