import type { Environment } from '../../../shared/model';
import { SyncCache, syncCachePath } from '../sync-cache';
import { DS_API_VERSIONS, type DsApiVersion } from './api-version';
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
  /** API line: `auto` (default, probed once per client), `3.2` or `3.3`. */
  readonly apiVersion: DsApiVersion | 'auto';
  /** Zone the server renders dates in (`SPRING_JACKSON_TIME_ZONE`; default UTC). */
  readonly serverTimeZone?: string;
  /** `timezoneId` of published schedules (default the workspace zone, else the server zone). */
  readonly timezoneId?: string;
}

function apiVersionOption(env: Environment): DsApiVersion | 'auto' {
  // A hand-written `apiVersion: 3.3` is a YAML number.
  const v = str(String(env.options.apiVersion ?? '')) ?? 'auto';
  if (v === 'auto' || (DS_API_VERSIONS as readonly string[]).includes(v)) return v as DsApiVersion | 'auto';
  throw new Error(
    `environment "${env.name}": options.apiVersion must be auto, ${DS_API_VERSIONS.join(' or ')}, not "${v}"`,
  );
}

function zoneOption(env: Environment, key: string): string | undefined {
  const zone = str(env.options[key]);
  if (zone === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new Error(`environment "${env.name}": options.${key} "${zone}" is not an IANA time zone`);
  }
  return zone;
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
    apiVersion: apiVersionOption(env),
    serverTimeZone: zoneOption(env, 'serverTimeZone'),
    timezoneId: zoneOption(env, 'timezoneId'),
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
    apiVersion: o.apiVersion,
    serverTimeZone: o.serverTimeZone,
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
    scheduleTimeZone: o.timezoneId,
    now: clientOverrides.now,
    sleep: clientOverrides.sleep,
  });
  return { backend, client, cache };
}
