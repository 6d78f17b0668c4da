import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Connection, SyncConfig } from '../../../shared/model';
import { openDuckSession, sqlIdent } from '../warehouse/duckdb';
import { parseTableName, schemaOf, Warehouse } from '../warehouse/warehouse';
import { maskSecret, openDbSession, type DbConnection } from './db-client';
import { selectSql } from './db-dialect';
import type { SourcePreview } from '../../../shared/runner-protocol';
import { previewFiles, resolveSourceFiles } from './file-source';
import { connectionPassword } from '../../../shared/connections';

/**
 * The first `limit` rows of a Data Sync source, every value as text, for the designer's Data
 * Preview. FILE sources honour delimiter, encoding, compression, header rows and column names;
 * WAREHOUSE sources read the table (optionally `partition` = the first partition column's value);
 * POSTGRESQL / MYSQL sources run `SELECT * FROM table [WHERE filter] LIMIT n` with `password`
 * (resolved by the caller from the secure store; default `BDP_CONN_<NAME>_PASSWORD`; errors never contain it).
 * Placeholders in `source` must already be substituted.
 */
export async function previewSource(
  workspaceRoot: string,
  connection: Connection,
  source: SyncConfig['source'],
  limit = 20,
  password?: string,
): Promise<SourcePreview> {
  if (connection.type === 'POSTGRESQL' || connection.type === 'MYSQL') {
    return previewDatabase(
      connection,
      source,
      limit,
      password ?? (await connectionPassword(connection.name, process.env)).password,
    );
  }
  const session = await openDuckSession();
  try {
    if (connection.type === 'FILE') {
      const resolved = await resolveSourceFiles(resolve(workspaceRoot, connection.path), source.path ?? '');
      const scratch = await mkdtemp(join(tmpdir(), 'bdp-preview-'));
      try {
        return await previewFiles(session, resolved, source, scratch, limit);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    }
    if (connection.type === 'WAREHOUSE') {
      const warehouse = Warehouse.forWorkspace(workspaceRoot);
      const { db, name } = parseTableName(source.table ?? '');
      const table = await warehouse.getTable(db, name);
      if (!table) throw new Error(`table ${db}.${name} does not exist in the warehouse`);
      await warehouse.attachTable(session, table);
      const pcol = table.partitionColumns[0];
      const where =
        source.partition && pcol
          ? ` WHERE ${sqlIdent(pcol.name)} = '${source.partition.replace(/'/g, "''")}'`
          : '';
      const t = await session.table(
        `SELECT * FROM ${sqlIdent(schemaOf(db))}.${sqlIdent(name)}${where} LIMIT ${Math.max(0, Math.floor(limit))}`,
      );
      return { columns: t.columns, rows: t.rows, files: [] };
    }
    throw new Error(`preview of ${(connection as { type: string }).type} sources is not supported`);
  } finally {
    session.close();
  }
}

async function previewDatabase(
  connection: DbConnection,
  source: SyncConfig['source'],
  limit: number,
  password: string | undefined,
): Promise<SourcePreview> {
  if (!source.table) throw new Error(`a ${connection.type} source needs a table to preview`);
  const sql = selectSql(
    connection.type,
    source.table,
    source.filter,
    connection.type === 'POSTGRESQL' ? connection.schema : undefined,
    limit,
  );
  const db = await openDbSession(connection, password);
  try {
    let columns: string[] = [];
    const rows: (string | null)[][] = [];
    const r = await db.stream(sql, Math.max(1, Math.floor(limit)), async (cols, batch) => {
      columns = cols;
      rows.push(...batch);
    });
    return { columns: columns.length > 0 ? columns : r.columns, rows: rows.slice(0, limit), files: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(maskSecret(message, password), { cause: error });
  } finally {
    await db.close();
  }
}
