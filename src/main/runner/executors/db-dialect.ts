/** SQL differences between the two database kinds Data Sync reads and writes. */
export type DbKind = 'POSTGRESQL' | 'MYSQL';

/** A column of a database table as Data Sync sees it. */
export interface DbColumn {
  name: string;
  /** The database's own type name (`integer`, `numeric(10,2)`, `varchar(20)` ...). */
  type: string;
}

/** `"name"` (PostgreSQL) or `` `name` `` (MySQL). */
export function quoteIdent(kind: DbKind, name: string): string {
  return kind === 'MYSQL' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

/** A table reference `schema.table` / `table`, each part quoted; the default schema applies to PostgreSQL only. */
export function qualifiedTable(
  kind: DbKind,
  table: string,
  defaultSchema?: string,
): { sql: string; schema?: string; name: string } {
  const parts = table
    .trim()
    .split('.')
    .map((p) => p.replace(/^["`]|["`]$/g, ''));
  if (parts.length > 2 || parts.some((p) => p === ''))
    throw new Error(`invalid table name "${table}": expected table or schema.table`);
  const name = parts[parts.length - 1];
  const schema = parts.length === 2 ? parts[0] : kind === 'POSTGRESQL' ? defaultSchema : undefined;
  return {
    sql: schema ? `${quoteIdent(kind, schema)}.${quoteIdent(kind, name)}` : quoteIdent(kind, name),
    schema,
    name,
  };
}

/** `SELECT * FROM t [WHERE filter]`; the filter is the task author's SQL, run on their own database. */
export function selectSql(
  kind: DbKind,
  table: string,
  filter: string | undefined,
  defaultSchema?: string,
  limit?: number,
): string {
  const where = filter && filter.trim() ? ` WHERE ${filter.trim().replace(/^where\s+/i, '')}` : '';
  return `SELECT * FROM ${qualifiedTable(kind, table, defaultSchema).sql}${where}${limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(limit))}` : ''}`;
}

/** A multi-row `INSERT` with placeholders (`$1..` / `?`) for `rows` rows of `columns`. */
export function insertSql(kind: DbKind, tableSql: string, columns: readonly string[], rows: number): string {
  const cols = columns.map((c) => quoteIdent(kind, c)).join(', ');
  let n = 0;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++)
    tuples.push(`(${columns.map(() => (kind === 'MYSQL' ? '?' : `$${++n}`)).join(', ')})`);
  return `INSERT INTO ${tableSql} (${cols}) VALUES ${tuples.join(', ')}`;
}

/**
 * PostgreSQL's fast insert: one text array parameter per column, `unnest`ed and cast to each
 * column's type — 8 parameters for 10,000 rows instead of 80,000.
 */
export function unnestInsertSql(
  tableSql: string,
  columns: readonly { name: string; type: string }[],
): string {
  const q = columns.map((c) => quoteIdent('POSTGRESQL', c.name));
  const casts = columns.map((c, i) => `${q[i]}::${c.type}`).join(', ');
  const arrays = columns.map((_c, i) => `$${i + 1}::text[]`).join(', ');
  return `INSERT INTO ${tableSql} (${q.join(', ')}) SELECT ${casts} FROM unnest(${arrays}) AS __u(${q.join(', ')})`;
}

/** Rows per INSERT: PostgreSQL allows 65,535 parameters per statement; MySQL's packet limit is kept well away from. */
export function insertBatchRows(columns: number): number {
  return Math.max(1, Math.min(1000, Math.floor(30_000 / Math.max(1, columns))));
}

/**
 * Overwrite's "empty the table" statement, run inside the write's transaction: PostgreSQL's
 * TRUNCATE is transactional; MySQL's is DDL (it commits at once), so MySQL deletes instead.
 */
export function clearTableSql(kind: DbKind, tableSql: string): string {
  return kind === 'POSTGRESQL' ? `TRUNCATE TABLE ${tableSql}` : `DELETE FROM ${tableSql}`;
}

/** A warehouse (DuckDB) column type as the database's type for a created table. */
export function duckTypeToDb(kind: DbKind, duckType: string): string {
  const t = duckType.trim().toUpperCase();
  const decimal = /^DECIMAL\s*\((\d+)\s*,\s*(\d+)\)$/.exec(t);
  if (decimal) return `${kind === 'MYSQL' ? 'DECIMAL' : 'NUMERIC'}(${decimal[1]},${decimal[2]})`;
  const pg: Record<string, string> = {
    BIGINT: 'BIGINT',
    INTEGER: 'INTEGER',
    SMALLINT: 'SMALLINT',
    TINYINT: 'SMALLINT',
    DOUBLE: 'DOUBLE PRECISION',
    FLOAT: 'REAL',
    BOOLEAN: 'BOOLEAN',
    DATE: 'DATE',
    TIMESTAMP: 'TIMESTAMP',
    'TIMESTAMP WITH TIME ZONE': 'TIMESTAMPTZ',
    VARCHAR: 'TEXT',
  };
  const mysql: Record<string, string> = {
    BIGINT: 'BIGINT',
    INTEGER: 'INT',
    SMALLINT: 'SMALLINT',
    TINYINT: 'TINYINT',
    DOUBLE: 'DOUBLE',
    FLOAT: 'FLOAT',
    BOOLEAN: 'BOOLEAN',
    DATE: 'DATE',
    TIMESTAMP: 'DATETIME(6)',
    'TIMESTAMP WITH TIME ZONE': 'DATETIME(6)',
    VARCHAR: 'TEXT',
  };
  return (kind === 'MYSQL' ? mysql : pg)[t] ?? 'TEXT';
}

/** `CREATE TABLE` for a target the sync creates (decision: create-if-missing, see docs/decisions.md). */
export function createTableSql(
  kind: DbKind,
  tableSql: string,
  columns: readonly { name: string; duckType: string }[],
): string {
  return `CREATE TABLE ${tableSql} (${columns.map((c) => `${quoteIdent(kind, c.name)} ${duckTypeToDb(kind, c.duckType)}`).join(', ')})`;
}

/** The DuckDB expression turning a warehouse column into the text sent as a parameter. */
export function paramTextSql(kind: DbKind, column: string, duckType: string): string {
  const q = `"${column.replace(/"/g, '""')}"`;
  // MySQL's BOOLEAN is TINYINT(1): 'true' does not convert in strict mode.
  if (kind === 'MYSQL' && duckType.toUpperCase() === 'BOOLEAN')
    return `CASE WHEN ${q} IS NULL THEN NULL WHEN ${q} THEN '1' ELSE '0' END`;
  return `CAST(${q} AS VARCHAR)`;
}
