import { delimiter, join } from 'node:path';
import { WarehouseServer } from './warehouse/warehouse-server';

const servers = new Map<string, Promise<WarehouseServer>>();

/** The warehouse server of a workspace, started on first use in this (runner) process. */
function serverFor(workspaceRoot: string): Promise<WarehouseServer> {
  let s = servers.get(workspaceRoot);
  if (!s) {
    s = WarehouseServer.start(workspaceRoot);
    s.catch(() => servers.delete(workspaceRoot));
    servers.set(workspaceRoot, s);
  }
  return s;
}

/** Stops the warehouse server of a workspace (runner shutdown), or all of them. */
export async function closeTaskRuntime(workspaceRoot?: string): Promise<void> {
  const roots = workspaceRoot === undefined ? [...servers.keys()] : [workspaceRoot];
  await Promise.all(
    roots.map((root) => {
      const s = servers.get(root);
      servers.delete(root);
      return s?.then((x) => x.close()).catch(() => undefined);
    }),
  );
}

/** Prepends `dir` to a PATH-like variable of `env`. */
function prepend(env: Record<string, string | undefined>, name: string, dir: string): void {
  const key = Object.keys(env).find((k) => k.toUpperCase() === name) ?? name;
  env[key] = env[key] ? `${dir}${delimiter}${env[key]}` : dir;
}

/**
 * The EnOS task runtime for a task or script process (spec §2.2, §2.3): `hive`, `canaanhive`,
 * `submit-pyspark-application` and `submit-spark-application` first on PATH
 * (`resources/runner/bin`), the Python `hive` and `hdfs` modules on PYTHONPATH
 * (`resources/runner/python`), the warehouse socket they talk to, and the local stand-in for the
 * OU's HDFS space (`<workspace>/.bdp/hdfs`).
 */
export function taskRuntimeEnv(resourcesDir: string, workspaceRoot: string): (env: Readonly<Record<string, string | undefined>>) => Promise<Record<string, string | undefined>> {
  return async (base) => {
    const env: Record<string, string | undefined> = { ...base };
    prepend(env, 'PATH', join(resourcesDir, 'bin'));
    prepend(env, 'PYTHONPATH', join(resourcesDir, 'python'));
    Object.assign(env, (await serverFor(workspaceRoot)).env(), { BDP_HDFS_ROOT: join(workspaceRoot, '.bdp', 'hdfs') });
    return env;
  };
}
