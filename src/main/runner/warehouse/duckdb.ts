import type * as DuckDb from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';

// Loaded on first use, by a name bundlers leave alone: the native binding stays in node_modules
// (esbuild cannot bundle it), and a runner that never syncs never loads DuckDB.
const DUCKDB_MODULE = '@duckdb/node-api';
let duckdb: Promise<typeof DuckDb> | undefined;

/** An in-memory DuckDB session; the warehouse's data lives in Parquet files, never in a database file. */
export interface DuckSession {
  readonly conn: DuckDBConnection;
  /** Runs one statement and returns its rows as JSON-safe objects (numbers as numbers or strings, decimals as strings). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Runs one statement and returns column names and rows as display strings. */
  table(sql: string): Promise<{ columns: string[]; rows: (string | null)[][] }>;
  /** Runs one statement, ignoring its result. */
  run(sql: string): Promise<void>;
  /** Interrupts the running statement (stop). */
  interrupt(): void;
  close(): void;
}

/** Opens a fresh in-memory DuckDB. Every process (runner, hive shim) opens its own, so no lock is shared. */
export async function openDuckSession(): Promise<DuckSession> {
  duckdb ??= import(DUCKDB_MODULE) as Promise<typeof DuckDb>;
  const { DuckDBInstance } = await duckdb;
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  let closed = false;
  return {
    conn,
    async query(sql: string): Promise<Record<string, unknown>[]> {
      const reader = await conn.runAndReadAll(sql);
      return reader.getRowObjectsJson() as Record<string, unknown>[];
    },
    async table(sql: string): Promise<{ columns: string[]; rows: (string | null)[][] }> {
      const reader = await conn.runAndReadAll(sql);
      const columns = reader.columnNames();
      const rows = reader
        .getRowsJson()
        .map((r) =>
          r.map((v) => (v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v))),
        );
      return { columns, rows };
    },
    async run(sql: string): Promise<void> {
      await conn.run(sql);
    },
    interrupt(): void {
      if (!closed) conn.interrupt();
    },
    close(): void {
      if (closed) return;
      closed = true;
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** `'text'` as a SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** `"name"` as a quoted SQL identifier. */
export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
