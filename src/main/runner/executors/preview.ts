import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Connection, SyncConfig } from '../../../shared/model';
import { openDuckSession, sqlIdent } from '../warehouse/duckdb';
import { parseTableName, schemaOf, Warehouse } from '../warehouse/warehouse';
import { previewFiles, resolveSourceFiles, type SourcePreview } from './file-source';

/**
 * The first `limit` rows of a Data Sync source, every value as text, for the designer's Data
 * Preview. FILE sources honour delimiter, encoding, compression, header rows and column names;
 * WAREHOUSE sources read the table (optionally `partition` = the first partition column's value).
 * Placeholders in `source` must already be substituted.
 */
export async function previewSource(workspaceRoot: string, connection: Connection, source: SyncConfig['source'], limit = 20): Promise<SourcePreview> {
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
      const where = source.partition && pcol ? ` WHERE ${sqlIdent(pcol.name)} = '${source.partition.replace(/'/g, "''")}'` : '';
      const t = await session.table(`SELECT * FROM ${sqlIdent(schemaOf(db))}.${sqlIdent(name)}${where} LIMIT ${Math.max(0, Math.floor(limit))}`);
      return { columns: t.columns, rows: t.rows, files: [] };
    }
    throw new Error(`preview of ${connection.type} sources is not supported yet`);
  } finally {
    session.close();
  }
}
