import type { ConnectionPasswordInfo } from '../../../shared/contract/runner';
import type { Connection } from '../../../shared/model';
import { AppError } from '../../../shared/rpc/errors';
import type { SecretStore } from '../secrets/secret-store';
import { loadConnections } from './workflow-catalog';
import { connectionSecretKey, passwordEnvVar } from '../../../shared/connections';

/** The secure-store lookup the runner's Data Sync asks through `RunnerClient` (undefined without a store). */
export function storedPasswordLookup(
  secrets: SecretStore | undefined,
): ((connection: Connection) => Promise<string | undefined>) | undefined {
  if (!secrets) return undefined;
  return (connection) =>
    connection.type === 'POSTGRESQL' || connection.type === 'MYSQL'
      ? secrets.get(connectionSecretKey(connection))
      : Promise.resolve(undefined);
}

/** Stores (or, with an empty password, forgets) a database connection's password in the secure store. */
export async function storeConnectionPassword(
  connection: Connection,
  password: string,
  secrets: SecretStore,
): Promise<void> {
  if (connection.type !== 'POSTGRESQL' && connection.type !== 'MYSQL')
    throw new Error(
      `connection ${connection.name} is ${connection.type}: only database connections have a password`,
    );
  const key = connectionSecretKey(connection);
  if (password === '') await secrets.delete(key);
  else await secrets.set(key, password);
}

type DbConnection = Extract<Connection, { type: 'POSTGRESQL' | 'MYSQL' }>;
const isDb = (c: Connection): c is DbConnection => c.type === 'POSTGRESQL' || c.type === 'MYSQL';

/** The workspace's database connections and where each password would come from. */
export async function listConnectionPasswords(
  root: string,
  secrets: SecretStore | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ConnectionPasswordInfo[]> {
  const connections = (await loadConnections(root)).filter(isDb);
  return Promise.all(
    connections.map(async (c) => ({
      connection: c.name,
      type: c.type,
      target: `${c.user}@${c.host}:${c.port}/${c.database}`,
      stored: secrets ? (await secrets.get(connectionSecretKey(c))) !== undefined : false,
      envVar: passwordEnvVar(c.name),
      fromEnv: env[passwordEnvVar(c.name)] !== undefined,
    })),
  );
}

/** Stores (or forgets) the password of a named database connection of the workspace. */
export async function setConnectionPassword(
  root: string,
  secrets: SecretStore | undefined,
  name: string,
  password: string,
): Promise<void> {
  if (!secrets)
    throw new AppError('UNAVAILABLE', 'no secure store in this shell: set the environment variable instead');
  const c = (await loadConnections(root)).find((x) => x.name === name);
  if (!c || !isDb(c))
    throw new AppError('NOT_FOUND', `connections.yaml has no PostgreSQL or MySQL connection "${name}"`);
  await storeConnectionPassword(c, password, secrets);
}
