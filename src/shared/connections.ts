import {
  DEFAULT_WAREHOUSE_CONNECTION,
  validateWorkspaceFile,
  type Connection,
  type ConnectionsFile,
} from './model';

/** The connections of a `connections.yaml` text; throws a message naming the first errors. */
export function parseConnections(text: string): Connection[] {
  const r = validateWorkspaceFile('connections.yaml', text);
  const errors = r.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || r.value === undefined) {
    throw new Error(
      `connections.yaml is invalid: ${errors.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`,
    );
  }
  return (r.value as ConnectionsFile).connections;
}

/** The named connection; `warehouse` resolves to the local warehouse even when connections.yaml omits it. */
export function findConnection(connections: readonly Connection[], name: string): Connection {
  const c = connections.find((x) => x.name === name);
  if (c) return c;
  if (name === DEFAULT_WAREHOUSE_CONNECTION) return { name, type: 'WAREHOUSE' };
  throw new Error(`connection "${name}" is not in connections.yaml`);
}

/** The environment variable read for a connection's password: `BDP_CONN_<NAME>_PASSWORD`. */
export function passwordEnvVar(name: string): string {
  return `BDP_CONN_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PASSWORD`;
}

/** The secure-store key of a database connection's password: tied to where it connects, not to a workspace. */
export function connectionSecretKey(c: {
  type: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
}): string {
  return `connection:${c.type}:${c.user ?? ''}@${c.host ?? ''}:${c.port ?? ''}/${c.database ?? ''}`;
}

/** A password and where it came from (for the log; never the value). */
export interface ResolvedPassword {
  password?: string;
  from: 'env' | 'store' | 'none';
}

/**
 * A database password: `BDP_CONN_<NAME>_PASSWORD` in the environment, else the secure store
 * (`lookup`, supplied by main over the runner's IPC channel). Never read from a file.
 */
export async function connectionPassword(
  name: string,
  env: Readonly<Record<string, string | undefined>>,
  lookup?: (connection: string) => Promise<string | undefined>,
): Promise<ResolvedPassword> {
  const fromEnv = env[passwordEnvVar(name)];
  if (fromEnv !== undefined) return { password: fromEnv, from: 'env' };
  const stored = await lookup?.(name);
  return stored !== undefined ? { password: stored, from: 'store' } : { from: 'none' };
}
