import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sqlIdent } from '../warehouse/duckdb';
import { parseTableName, schemaOf } from '../warehouse/warehouse';
import {
  loadTextIntoWarehouse,
  stagingDir,
  withStoppableDuck,
  type SyncJob,
  type SyncResult,
} from './data-sync';
import {
  describeConnection,
  maskSecret,
  openDbSession,
  type DbConnection,
  type DbSession,
  type TextRows,
} from './db-client';
import {
  clearTableSql,
  createTableSql,
  duckTypeToDb,
  insertBatchRows,
  insertSql,
  paramTextSql,
  qualifiedTable,
  selectSql,
  unnestInsertSql,
} from './db-dialect';

/** A sync whose source or target is a database: the job plus the resolved password. */
export interface DbSyncJob extends SyncJob {
  password?: string;
}

/** Rows fetched per round trip from the source database. */
const FETCH_ROWS = 10_000;
/** Rows per `INSERT ... SELECT FROM unnest(...)` into PostgreSQL. */
const PG_INSERT_ROWS = 10_000;

function csvField(v: string | null): string {
  if (v === null) return '';
  return /[",\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v;
}

function writeLines(out: WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(text)) return resolve();
    const onDrain = (): void => {
      out.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      out.off('drain', onDrain);
      reject(error);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

function isDb(c: SyncJob['source']): c is DbConnection {
  return c.type === 'POSTGRESQL' || c.type === 'MYSQL';
}

/** Runs `fn` with an open database session; a stop closes the session, which ends the query in flight. */
async function withDb<T>(job: DbSyncJob, c: DbConnection, fn: (db: DbSession) => Promise<T>): Promise<T> {
  const db = await openDbSession(c, job.password);
  const onAbort = (): void => void db.close();
  job.signal.addEventListener('abort', onAbort);
  try {
    return await fn(db);
  } catch (error) {
    if (job.signal.aborted) throw new Error('stopped', { cause: error });
    throw new Error(maskSecret(error instanceof Error ? error.message : String(error), job.password), {
      cause: error,
    });
  } finally {
    job.signal.removeEventListener('abort', onAbort);
    await db.close();
  }
}

/**
 * PostgreSQL / MySQL table (with `filter`) -> warehouse. Rows stream through a server-side cursor
 * in batches of {@link FETCH_ROWS} into a staged CSV (every value as the database's text), which
 * then takes the same path as a file source: type checks, rejected rows, partitions, write rule.
 */
export async function runDatabaseToWarehouse(job: DbSyncJob): Promise<SyncResult> {
  const started = Date.now();
  const { sync, source } = job;
  if (!isDb(source)) throw new Error(`source connection ${source.name} is ${source.type}, not a database`);
  if (job.target.type !== 'WAREHOUSE')
    throw new Error(
      `target connection ${job.target.name} is ${job.target.type}; a database source syncs into the warehouse`,
    );
  if (!sync.source.table) throw new Error('a database source needs source.table');
  const sql = selectSql(
    source.type,
    sync.source.table,
    sync.source.filter,
    source.type === 'POSTGRESQL' ? source.schema : undefined,
  );
  job.log(`source: ${describeConnection(source)}: ${sql}`);
  const dir = stagingDir(job);
  return withStoppableDuck(
    job,
    async (open) => {
      await mkdir(dir, { recursive: true });
      const file = join(dir, 'source.csv');
      const out = createWriteStream(file);
      let header = false;
      const fetched = await withDb(job, source, (db) =>
        db.stream(sql, FETCH_ROWS, async (columns: string[], rows: TextRows) => {
          if (job.signal.aborted) throw new Error('stopped');
          let text = header ? '' : `${columns.map(csvField).join(',')}\n`;
          header = true;
          for (const r of rows) text += `${r.map(csvField).join(',')}\n`;
          await writeLines(out, text);
        }),
      ).finally(() => new Promise<void>((resolve) => out.end(resolve)));
      job.log(
        `fetched ${fetched.rows} row(s) (${fetched.columns.length} columns) in ${Date.now() - started} ms`,
      );
      if (fetched.columns.length === 0) throw new Error(`the query returned no columns`);
      if (!header) await writeFile(file, `${fetched.columns.map(csvField).join(',')}\n`);
      const options = {
        delimiter: ',',
        encoding: 'UTF-8' as const,
        compression: 'none' as const,
        headerRows: 1,
        columns: fetched.columns,
        decoded: false,
      };
      return loadTextIntoWarehouse(
        job,
        await open(),
        { files: [file], display: [`${source.name}:${sync.source.table}`], options },
        started,
      );
    },
    () => rm(dir, { recursive: true, force: true }),
  );
}

/**
 * Warehouse table (optionally one partition) -> PostgreSQL / MySQL table. The target is created
 * when missing (types from the warehouse); the whole write is one transaction: overwrite empties
 * the table first (TRUNCATE / DELETE), append adds; a failure rolls back and leaves the table as it was.
 */
export async function runWarehouseToDatabase(job: DbSyncJob): Promise<SyncResult> {
  const started = Date.now();
  const { sync, target } = job;
  if (!isDb(target)) throw new Error(`target connection ${target.name} is ${target.type}, not a database`);
  if (job.source.type !== 'WAREHOUSE')
    throw new Error(
      `source connection ${job.source.name} is ${job.source.type}; a database target reads from the warehouse`,
    );
  const { db: whDb, name: whName } = parseTableName(sync.source.table ?? '');
  const table = await job.warehouse.getTable(whDb, whName);
  if (!table) throw new Error(`table ${whDb}.${whName} does not exist in the warehouse`);
  const pcol = table.partitionColumns[0];
  if (sync.source.partition && !pcol)
    throw new Error(`${whDb}.${whName} is not partitioned: remove source.partition`);
  const whCols = sync.source.partition ? table.columns : [...table.columns, ...table.partitionColumns];
  // Target columns: the mapping, else the warehouse columns by name.
  const pairs =
    sync.mapping && sync.mapping.length > 0
      ? sync.mapping.map((m) => {
          const col = whCols.find((c) => c.name === m.source.toLowerCase());
          if (!col)
            throw new Error(
              `mapping: ${whDb}.${whName} has no column "${m.source}" (its columns: ${whCols.map((c) => c.name).join(', ')})`,
            );
          return { from: col, to: m.target };
        })
      : whCols.map((c) => ({ from: c, to: c.name }));
  const kind = target.type;
  const schema = kind === 'POSTGRESQL' ? target.schema : undefined;
  const ref = qualifiedTable(kind, sync.target.table, schema);
  return withStoppableDuck(job, async (open) => {
    const session = await open();
    await job.warehouse.attachTable(session, table);
    const where = sync.source.partition
      ? ` WHERE ${sqlIdent(pcol!.name)} = '${sync.source.partition.replace(/'/g, "''")}'`
      : '';
    const select = `SELECT ${pairs.map((p) => paramTextSql(kind, p.from.name, p.from.type)).join(', ')} FROM ${sqlIdent(schemaOf(whDb))}.${sqlIdent(whName)}${where}`;
    job.log(
      `source: warehouse ${whDb}.${whName}${sync.source.partition ? ` ${pcol!.name}=${sync.source.partition}` : ''} -> ${describeConnection(target)}: ${ref.sql} (${sync.target.writeRule})`,
    );
    const written = await withDb(job, target, async (db) => {
      const existing = await db.columns(ref.schema ? `${ref.schema}.${ref.name}` : ref.name);
      let types = pairs.map((p) => duckTypeToDb(kind, p.from.type));
      if (!existing) {
        await db.execute(
          createTableSql(
            kind,
            ref.sql,
            pairs.map((p) => ({ name: p.to, duckType: p.from.type })),
          ),
        );
        job.log(`created table ${ref.sql} (${pairs.map((p) => p.to).join(', ')}) in ${target.name}`);
      } else {
        const names = new Set(existing.map((c) => c.name.toLowerCase()));
        const missing = pairs.filter((p) => !names.has(p.to.toLowerCase())).map((p) => p.to);
        if (missing.length > 0)
          throw new Error(
            `${ref.sql} in ${target.name} has no column(s) ${missing.join(', ')} (its columns: ${existing.map((c) => c.name).join(', ')}); add a mapping`,
          );
        types = pairs.map((p) => existing.find((c) => c.name.toLowerCase() === p.to.toLowerCase())!.type);
      }
      const columns = pairs.map((p) => p.to);
      const perInsert = kind === 'POSTGRESQL' ? PG_INSERT_ROWS : insertBatchRows(columns.length);
      const pgInsert = unnestInsertSql(
        ref.sql,
        columns.map((name, i) => ({ name, type: types[i] })),
      );
      await db.execute('BEGIN');
      try {
        if (sync.target.writeRule === 'overwrite') {
          const removed = await db.execute(clearTableSql(kind, ref.sql));
          if (kind === 'MYSQL') job.log(`deleted ${removed} existing row(s) (overwrite)`);
          else job.log('truncated the table (overwrite)');
        }
        let count = 0;
        const result = await session.conn.stream(select);
        let pending: (string | null)[][] = [];
        const flush = async (): Promise<void> => {
          if (pending.length === 0) return;
          if (kind === 'POSTGRESQL')
            await db.execute(
              pgInsert,
              columns.map((_c, i) => pending.map((r) => r[i])),
            );
          else await db.execute(insertSql(kind, ref.sql, columns, pending.length), pending.flat());
          count += pending.length;
          pending = [];
        };
        for (;;) {
          if (job.signal.aborted) throw new Error('stopped');
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          for (const row of chunk.getRows()) {
            pending.push(row.map((v) => (v === null || v === undefined ? null : String(v))));
            if (pending.length >= perInsert) await flush();
          }
        }
        await flush();
        await db.execute('COMMIT');
        return count;
      } catch (error) {
        await db.execute('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    const ms = Date.now() - started;
    job.log(
      `rows read ${written}, written ${written} -> ${target.name}:${ref.sql} (${sync.target.writeRule}) in ${ms} ms`,
    );
    return {
      read: written,
      written,
      rejected: 0,
      partitions: sync.source.partition ? [`${pcol!.name}=${sync.source.partition}`] : [],
      ms,
    };
  });
}
