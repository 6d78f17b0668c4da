import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection, type Connection } from 'mysql2/promise';
import { freePort } from './postgres-test-server';
import { findMariadb } from '../../scripts/lib/tools.mjs';

const run = promisify(execFile);

/** A throw-away MariaDB (MySQL protocol) server for tests. */
export interface MysqlTestServer {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  connect(): Promise<Connection>;
  stop(): Promise<void>;
}

/** Whether MariaDB's server is installed (apt `mariadb-server`); says so, loudly, when it is not. */
export function hasMariadb(): boolean {
  if (findMariadb()) return true;
  console.warn(
    'SKIPPED MySQL-protocol tests: MariaDB is not installed (apt-get install mariadb-server; `npm test` installs it as root)',
  );
  return false;
}

/**
 * Starts a real MariaDB in a temp folder on a free port of 127.0.0.1 (as the `mysql` user when
 * root), creates a database and a user with a password. Throws when MariaDB is not installed.
 */
export async function startMysql(
  options: { database?: string; user?: string; password?: string } = {},
): Promise<MysqlTestServer> {
  const mariadb = findMariadb();
  if (!mariadb) throw new Error('MariaDB is not installed (apt-get install mariadb-server)');
  const user = options.user ?? 'bdp';
  const password = options.password ?? 'My-S3cret!';
  const database = options.database ?? 'bdp_test';
  const dir = mkdtempSync(join(tmpdir(), 'bdp-mysql-'));
  const root = process.getuid?.() === 0;
  const osUser = root ? 'mysql' : (await run('id', ['-un'])).stdout.trim();
  if (root) {
    const uid = Number((await run('id', ['-u', 'mysql'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'mysql'])).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  await run(
    mariadb.installDb,
    [
      `--datadir=${data}`,
      `--user=${osUser}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--no-defaults',
    ],
    { cwd: dir },
  );
  const port = await freePort();
  const socket = join(dir, 'mysqld.sock');
  const child: ChildProcess = spawn(
    mariadb.server,
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--user=${osUser}`,
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=16M',
      '--innodb-log-file-size=8M',
      '--skip-name-resolve',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let admin: Connection | undefined;
  for (let i = 0; i < 150 && !admin; i++) {
    admin = await createConnection({ socketPath: socket, user: 'root' }).catch(() => undefined);
    if (!admin) await new Promise((r) => setTimeout(r, 100));
  }
  if (!admin) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error('MariaDB did not start within 15 s');
  }
  await admin.query(`CREATE DATABASE \`${database}\``);
  await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password.replace(/'/g, "''")}'`);
  await admin.query(`GRANT ALL ON *.* TO '${user}'@'%'`);
  await admin.end();
  const clients: Connection[] = [];
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    database,
    async connect() {
      const c = await createConnection({ host: '127.0.0.1', port, user, password, database });
      clients.push(c);
      return c;
    },
    async stop() {
      await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
