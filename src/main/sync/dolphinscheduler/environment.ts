import type { Environment } from '../../../shared/model';
import { SyncCache, syncCachePath } from '../sync-cache';
import { DsClient, type DsClientOptions } from './client';
import { DsBackend } from './ds-backend';

/** The bdp.yaml `options` of a `dolphinscheduler` environment. */
export interface DsEnvironmentOptions {
  /** Project the workspace publishes to; created on the first publish when missing. */
  readonly project: string;
  /** With a user name the secret is that user's password (log in, create a token); without, the secret is an access token. */
  readonly userName?: string;
  /** Folder below the tenant resource root for the workspace's files (default `bdp/<workspace name>`). */
  readonly resourceFolder?: string;
  /** Where DATA_SYNC tasks find a checkout of the workspace on the worker. */
  readonly workerWorkspace?: string;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** Reads and checks the options of a `dolphinscheduler` environment; throws a message naming what is missing. */
export function dsEnvironmentOptions(env: Environment): DsEnvironmentOptions {
  if (env.kind !== 'dolphinscheduler')
    throw new Error(`environment "${env.name}" is of kind ${env.kind}, not dolphinscheduler`);
  const project = str(env.options.project);
  if (!project)
    throw new Error(
      `environment "${env.name}": options.project (the DolphinScheduler project name) is required`,
    );
  return {
    project,
    userName: str(env.options.userName),
    resourceFolder: str(env.options.resourceFolder),
    workerWorkspace: str(env.options.workerWorkspace),
  };
}

/** A backend for one environment of a workspace, with its cache under `<root>/.bdp/sync/`. */
export function createDsBackend(
  root: string,
  env: Environment,
  secret: string,
  clientOverrides: Partial<DsClientOptions> = {},
): { backend: DsBackend; client: DsClient; cache: SyncCache } {
  const o = dsEnvironmentOptions(env);
  const client = new DsClient({
    baseUrl: env.url,
    ...(o.userName ? { userName: o.userName, password: secret } : { token: secret }),
    ...clientOverrides,
  });
  const cache = new SyncCache(syncCachePath(root, env.name), env.name);
  const backend = new DsBackend({
    client,
    cache,
    environment: env.name,
    projectName: o.project,
    resourceFolder: o.resourceFolder,
    workerWorkspace: o.workerWorkspace,
    now: clientOverrides.now,
    sleep: clientOverrides.sleep,
  });
  return { backend, client, cache };
}
