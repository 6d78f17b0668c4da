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

/**
 * BDP's own secrets, which the runner may hold (`bdp run` / `bdp publish` take them from the
 * environment: `BDP_CONN_<NAME>_PASSWORD`, `BDP_ENV_<NAME>_SECRET`) and which no task or script
 * process may see: `env` in a SHELL task would print them into its log.
 */
export const BDP_SECRET_VARIABLE =
  /^BDP_(?:ENV_.+_SECRET|CONN_.+_PASSWORD|.*_(?:SECRET|PASSWORD|TOKEN|KEY))$/i;

/** The value of a PATH-like variable (any case on Windows) with `dir` in front, and the key it lives under. */
function prepended(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  dir: string,
): [string, string] {
  const key = Object.keys(env).find((k) => k.toUpperCase() === name) ?? name;
  return [key, env[key] ? `${dir}${delimiter}${env[key]}` : dir];
}

/**
 * The EnOS task runtime for a task or script process (spec §2.2, §2.3): `hive`, `canaanhive`,
 * `submit-pyspark-application` and `submit-spark-application` first on PATH
 * (`resources/runner/bin`), the Python `hive` and `hdfs` modules on PYTHONPATH
 * (`resources/runner/python`), the warehouse socket they talk to, and the local stand-in for the
 * OU's HDFS space (`<workspace>/.bdp/hdfs`). The variables added are computed once per base
 * PATH / PYTHONPATH (they are the runner's own for every task).
 */
export function taskRuntimeEnv(
  resourcesDir: string,
  workspaceRoot: string,
): (env: Readonly<Record<string, string | undefined>>) => Promise<Record<string, string | undefined>> {
  let cached:
    { pathKey: string; path?: string; pythonPath?: string; overlay: Record<string, string> } | undefined;
  return async (base) => {
    if (!cached || cached.path !== base[cached.pathKey] || cached.pythonPath !== base.PYTHONPATH) {
      const [pathKey, path] = prepended(base, 'PATH', join(resourcesDir, 'bin'));
      const [pyKey, pyPath] = prepended(base, 'PYTHONPATH', join(resourcesDir, 'python'));
      cached = {
        pathKey,
        path: base[pathKey],
        pythonPath: base.PYTHONPATH,
        overlay: {
          [pathKey]: path,
          [pyKey]: pyPath,
          ...(await serverFor(workspaceRoot)).env(),
          BDP_HDFS_ROOT: join(workspaceRoot, '.bdp', 'hdfs'),
        },
      };
    }
    const env: Record<string, string | undefined> = {};
    for (const key in base) if (!BDP_SECRET_VARIABLE.test(key)) env[key] = base[key];
    return Object.assign(env, cached.overlay);
  };
}
