import { createConnection, type Connection as MysqlConnection, type FieldPacket } from 'mysql2';
import { Client as PgClient } from 'pg';
import type { Connection } from '../../../shared/model';
import type { DbColumn, DbKind } from './db-dialect';
import { qualifiedTable } from './db-dialect';
import { passwordEnvVar } from '../../../shared/connections';

/** A PostgreSQL or MySQL connection of connections.yaml. */
export type DbConnection = Extract<Connection, { type: DbKind }>;

/** Rows of a query, every value as text (NULL as null): the warehouse converts with its own type checks. */
export type TextRows = (string | null)[][];

/** One open session on a database; every value crosses as text. */
export interface DbSession {
  readonly kind: DbKind;
  /** Runs a query and hands its rows over in batches (a server-side cursor / a paused stream): a table never sits in memory whole. */
  stream(
    sql: string,
    batchRows: number,
    onBatch: (columns: string[], rows: TextRows) => Promise<void>,
  ): Promise<{ columns: string[]; rows: number }>;
  /** The table's columns, or undefined when it does not exist. */
  columns(table: string): Promise<DbColumn[] | undefined>;
  /** Runs one statement with `?`/`$n` parameters; resolves with the affected row count. */
  execute(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 10_000;

/** Replaces every occurrence of the secret in a message by `***`. */
export function maskSecret(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

/** `pg_main (PostgreSQL etl@127.0.0.1:5432/crm)`, for messages. */
export function describeConnection(c: DbConnection): string {
  return `${c.name} (${c.type === 'MYSQL' ? 'MySQL' : 'PostgreSQL'} ${c.user}@${c.host}:${c.port}/${c.database})`;
}

/** A connect failure as a message a user can act on; the password never appears in it. */
export function connectError(c: DbConnection, error: unknown, password: string | undefined): Error {
  const e = error as NodeJS.ErrnoException & { errno?: number | string };
  const raw = error instanceof Error ? error.message : String(error);
  let why = raw;
  if (e.code === 'ECONNREFUSED') why = `connection refused at ${c.host}:${c.port} (is the server running?)`;
  else if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') why = `host ${c.host} not found`;
  else if (e.code === 'ETIMEDOUT' || /timeout/i.test(raw))
    why = `no answer from ${c.host}:${c.port} within ${CONNECT_TIMEOUT_MS / 1000} s`;
  else if (password === undefined && /password/i.test(raw)) {
    why = `${raw} — no password is set: store it in the app or set ${passwordEnvVar(c.name)}`;
  }
  return new Error(maskSecret(`cannot connect to ${describeConnection(c)}: ${why}`, password));
}

/** Opens a session; errors name the connection and never contain the password. */
export async function openDbSession(c: DbConnection, password: string | undefined): Promise<DbSession> {
  try {
    return c.type === 'POSTGRESQL' ? await openPg(c, password) : await openMysql(c, password);
  } catch (error) {
    throw connectError(c, error, password);
  }
}

const TEXT_TYPES = {
  getTypeParser:
    () =>
    (v: string): string =>
      v,
};

async function openPg(
  c: Extract<DbConnection, { type: 'POSTGRESQL' }>,
  password: string | undefined,
): Promise<DbSession> {
  const client = new PgClient({
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    password,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types: TEXT_TYPES,
  });
  client.on('error', () => {}); // a dropped connection surfaces through the query in flight
  await client.connect();
  if (c.schema) await client.query(`SET search_path TO "${c.schema.replace(/"/g, '""')}", public`);
  return {
    kind: 'POSTGRESQL',
    async stream(sql, batchRows, onBatch) {
      await client.query('BEGIN READ ONLY');
      let total = 0;
      let columns: string[];
      try {
        await client.query(`DECLARE bdp_cursor NO SCROLL CURSOR FOR ${sql}`);
        for (;;) {
          const r = await client.query({
            text: `FETCH FORWARD ${batchRows} FROM bdp_cursor`,
            rowMode: 'array',
          });
          columns = r.fields.map((f) => f.name);
          if (r.rows.length === 0) break;
          total += r.rows.length;
          await onBatch(columns, r.rows as TextRows);
          if (r.rows.length < batchRows) break;
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      return { columns, rows: total };
    },
    async columns(table) {
      const ref = qualifiedTable('POSTGRESQL', table).sql;
      const exists = await client.query('SELECT to_regclass($1) AS oid', [ref]);
      if (exists.rows[0]?.oid == null) return undefined;
      const r = await client.query(
        'SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum',
        [ref],
      );
      return r.rows as DbColumn[];
    },
    async execute(sql, params) {
      const r = await client.query(sql, params);
      return r.rowCount ?? 0;
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}

function mysqlQuery<T>(conn: MysqlConnection, sql: string, params?: unknown[]): Promise<T> {
  return new Promise((resolve, reject) =>
    conn.query(sql, params ?? [], (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

async function openMysql(
  c: Extract<DbConnection, { type: 'MYSQL' }>,
  password: string | undefined,
): Promise<DbSession> {
  const conn = createConnection({
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    password,
    connectTimeout: CONNECT_TIMEOUT_MS,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    // Every value as the server's text, like the PostgreSQL side.
    typeCast: (field, next) => (field.type === 'BLOB' || field.type === 'GEOMETRY' ? next() : field.string()),
  });
  conn.on('error', () => {});
  await new Promise<void>((resolve, reject) => conn.connect((error) => (error ? reject(error) : resolve())));
  return {
    kind: 'MYSQL',
    stream(sql, batchRows, onBatch) {
      return new Promise((resolve, reject) => {
        let columns: string[] = [];
        let batch: TextRows = [];
        let total = 0;
        let failed = false;
        let chain = Promise.resolve();
        const q = conn.query({ sql, rowsAsArray: true });
        q.on('fields', (fields: FieldPacket[]) => (columns = fields.map((f) => f.name)));
        q.on('result', (row: unknown) => {
          batch.push(
            (row as unknown[]).map((v) =>
              v === null || v === undefined ? null : Buffer.isBuffer(v) ? v.toString('utf8') : String(v),
            ),
          );
          total++;
          if (batch.length >= batchRows) {
            const rows = batch;
            batch = [];
            conn.pause();
            chain = chain
              .then(() => onBatch(columns, rows))
              .then(
                () => conn.resume(),
                (error: unknown) => {
                  failed = true;
                  conn.destroy();
                  reject(error);
                },
              );
          }
        });
        q.on('error', (error: Error) => {
          failed = true;
          reject(error);
        });
        q.on('end', () => {
          if (failed) return;
          chain
            .then(() => (batch.length > 0 ? onBatch(columns, batch) : undefined))
            .then(() => resolve({ columns, rows: total }), reject);
        });
      });
    },
    async columns(table) {
      const t = qualifiedTable('MYSQL', table);
      const rows = await mysqlQuery<{ name: string; type: string }[]>(
        conn,
        'SELECT column_name AS name, column_type AS type FROM information_schema.columns WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ? ORDER BY ordinal_position',
        [t.schema ?? null, t.name],
      );
      return rows.length > 0 ? rows.map((r) => ({ name: String(r.name), type: String(r.type) })) : undefined;
    },
    async execute(sql, params) {
      const r = await mysqlQuery<{ affectedRows?: number }>(conn, sql, params);
      return r.affectedRows ?? 0;
    },
    close() {
      return new Promise((resolve) => conn.end(() => resolve()));
    },
  };
}
