import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { findPostgresBin } from '../../scripts/lib/tools.mjs';

export { findPostgresBin };

const run = promisify(execFile);

/** A throw-away PostgreSQL server for tests: its own data folder, port and unix socket. */
export interface PostgresTestServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** A database created for the test. */
  database: string;
  /** A client connected to {@link database} (closed by `stop`). */
  connect(database?: string): Promise<Client>;
  /** Stops the server (fast) without removing its folder; `start` may follow. */
  halt(): Promise<void>;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

/** A TCP port of 127.0.0.1 nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root (the server refuses to run as root). */
async function pgBin(bin: string, tool: string, args: string[]): Promise<void> {
  const exe = join(bin, tool);
  if (isRoot()) await run('runuser', ['-u', 'postgres', '--', exe, ...args], { cwd: '/tmp' });
  else await run(exe, args);
}

/**
 * Starts a real PostgreSQL (`initdb` + `pg_ctl start`) in a temp folder on a free port of
 * 127.0.0.1 with password (SCRAM) authentication, and creates a database. Root runs the server
 * as the `postgres` user. Throws when PostgreSQL is not installed.
 */
export async function startPostgres(
  options: { database?: string; user?: string; password?: string } = {},
): Promise<PostgresTestServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const user = options.user ?? 'bdp';
  const password = options.password ?? 'S3cret-pw!';
  const database = options.database ?? 'bdp_test';
  const dir = mkdtempSync(join(tmpdir(), 'bdp-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (isRoot()) {
    const { uid, gid } = await run('id', ['-u', 'postgres']).then(async (u) => ({
      uid: Number(u.stdout.trim()),
      gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
    }));
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  await pgBin(bin, 'initdb', [
    '-D',
    data,
    '-U',
    user,
    `--pwfile=${pwfile}`,
    '-A',
    'scram-sha-256',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  const start = (): Promise<void> =>
    pgBin(bin, 'pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=30`,
      'start',
    ]);
  await start();
  let running = true;
  const clients: Client[] = [];
  const connect = async (db = database): Promise<Client> => {
    const c = new Client({ host: '127.0.0.1', port, user, password, database: db });
    await c.connect();
    clients.push(c);
    return c;
  };
  const admin = new Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  await admin.end();
  const halt = async (): Promise<void> => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
    if (running)
      await pgBin(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    running = false;
  };
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    database,
    connect,
    halt,
    async stop(): Promise<void> {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
