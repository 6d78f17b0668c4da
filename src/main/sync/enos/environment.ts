import type { Environment } from '../../../shared/model';
import { SyncCache, syncCachePath } from '../sync-cache';
import { EnosClient, type EnosClientOptions } from './client';
import { EnosBackend } from './enos-backend';

/** The bdp.yaml `options` of an `enos` environment. */
export interface EnosEnvironmentOptions {
  readonly orgId: string;
  readonly userId: string;
  readonly accessKey: string;
  /** Big-data account published workflows run as (`doAs` / `submitter`). */
  readonly doAs?: string;
  /** Embed text scripts in task commands (default true). */
  readonly inlineScripts: boolean;
}

/** Reads and checks the options of an `enos` environment; throws a message naming what is missing. */
export function enosEnvironmentOptions(env: Environment): EnosEnvironmentOptions {
  if (env.kind !== 'enos')
    throw new Error(`environment "${env.name}" is of kind ${env.kind}; only enos can be published to yet`);
  const o = env.options;
  const need = (key: string): string => {
    const v = o[key];
    if (typeof v !== 'string' || v === '')
      throw new Error(`environment "${env.name}": options.${key} is required`);
    return v;
  };
  return {
    orgId: need('orgId'),
    userId: need('userId'),
    accessKey: need('accessKey'),
    doAs: typeof o.doAs === 'string' ? o.doAs : undefined,
    inlineScripts: o.inlineScripts !== false && o.inlineScripts !== 'false',
  };
}

/** A backend for one environment of a workspace, with its cache under `<root>/.bdp/sync/`. */
export function createEnosBackend(
  root: string,
  env: Environment,
  secret: string,
  clientOverrides: Partial<EnosClientOptions> = {},
): { backend: EnosBackend; client: EnosClient; cache: SyncCache } {
  const o = enosEnvironmentOptions(env);
  const client = new EnosClient({
    gateway: env.url,
    orgId: o.orgId,
    userId: o.userId,
    appKey: o.accessKey,
    appSecret: secret,
    ...clientOverrides,
  });
  const cache = new SyncCache(syncCachePath(root, env.name), env.name);
  const backend = new EnosBackend({
    client,
    cache,
    environment: env.name,
    doAs: o.doAs,
    inlineScripts: o.inlineScripts,
    now: clientOverrides.now,
  });
  return { backend, client, cache };
}
