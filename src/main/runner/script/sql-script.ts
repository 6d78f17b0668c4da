import { performance } from 'node:perf_hooks';
import {
  SQL_ROW_LIMIT,
  type ScriptMarker,
  type ScriptRunEnd,
  type SqlStatementResult,
} from '../../../shared/contract/runner';
import { openDuckSession, type DuckSession } from '../warehouse/duckdb';
import type * as DuckDb from '@duckdb/node-api';
import { HqlSession, splitHql, translateSql, type HqlOutput } from '../warehouse/hql';
import { Warehouse } from '../warehouse/warehouse';
import { sqlErrorLine } from './error-markers';

export interface SqlScriptRun {
  runId: string;
  /** Substituted text. */
  text: string;
  /** File line of the text's first line. */
  firstLine: number;
  path: string;
  warehouseDir: string;
  /** Console lines (`OK`, timings, the failing statement). */
  onOutput(text: string): void;
  onResult(result: SqlStatementResult): void;
  rowLimit?: number;
}

// Loaded by name, as in warehouse/duckdb.ts: bundlers leave the native binding in node_modules.
const DUCKDB_MODULE = '@duckdb/node-api';
/** Plain queries go to DuckDB as they are (after Hive translation), as `HqlSession` would send them. */
const PLAIN_QUERY = /^\s*(select|with|from|values|table|pivot|unpivot)\b/i;

/**
 * Streams a query: only the first `limit` rows are converted to text, the rest are counted chunk
 * by chunk, so a million-row SELECT neither materialises as JS values nor crosses the IPC.
 */
async function queryCapped(
  session: DuckSession,
  sql: string,
  limit: number,
): Promise<{ columns: string[]; rows: (string | null)[][]; count: number }> {
  const duck = (await import(DUCKDB_MODULE)) as typeof DuckDb;
  const result = await session.conn.stream(sql);
  const columns = result.columnNames();
  const rows: (string | null)[][] = [];
  let count = 0;
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    if (rows.length < limit) {
      for (const r of chunk.convertRows(duck.JsonDuckDBValueConverter)) {
        if (rows.length >= limit) break;
        rows.push(r.map((v) => (v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v))));
      }
    }
    count += chunk.rowCount;
  }
  return { columns, rows, count };
}

const shorten = (sql: string): string => {
  const first = sql.split('\n')[0];
  return first.length > 120 || sql.includes('\n') ? `${first.slice(0, 120)} …` : first;
};

/**
 * Runs SQL/HQL statements in order against the local warehouse (an in-memory DuckDB over the
 * Parquet folders, the same `HqlSession` the `hive` shim uses), in the runner process. Stops at
 * the first error, which becomes a marker on the file line DuckDB points at.
 */
export function runSqlScript(run: SqlScriptRun): {
  done: Promise<Omit<ScriptRunEnd, 'runId'>>;
  stop: () => Promise<void>;
} {
  const started = performance.now();
  const limit = run.rowLimit ?? SQL_ROW_LIMIT;
  let session: DuckSession | undefined;
  let stopped = false;
  const done = (async (): Promise<Omit<ScriptRunEnd, 'runId'>> => {
    const end = (
      status: ScriptRunEnd['status'],
      markers: ScriptMarker[] = [],
      message?: string,
    ): Omit<ScriptRunEnd, 'runId'> => ({
      status,
      exitCode: status === 'success' ? 0 : 1,
      durationMs: Math.round(performance.now() - started),
      markers,
      ...(message ? { message } : {}),
    });
    const statements = splitHql(run.text);
    if (statements.length === 0) return end('failure', [], 'no SQL statement to run');
    try {
      session = await openDuckSession();
      const hql = new HqlSession(new Warehouse(run.warehouseDir), session);
      await hql.init();
      for (const [index, st] of statements.entries()) {
        if (stopped) return end('stopped');
        const line = st.line + run.firstLine - 1;
        const t0 = performance.now();
        try {
          let r: HqlOutput;
          let count = 0;
          if (PLAIN_QUERY.test(st.sql)) {
            const q = await queryCapped(session, translateSql(st.sql.trim().replace(/;$/, '')), limit);
            r = { kind: 'rows', columns: q.columns, rows: q.rows };
            count = q.count;
          } else {
            r = await hql.execute(st.sql);
            if (r.kind === 'rows') count = r.rows.length;
          }
          const elapsedMs = Math.round(performance.now() - t0);
          if (r.kind === 'rows') {
            run.onResult({
              runId: run.runId,
              index,
              line,
              statement: shorten(st.sql),
              kind: 'rows',
              columns: r.columns,
              rows: r.rows.slice(0, limit),
              rowCount: count,
              truncated: count > limit,
              elapsedMs,
            });
            run.onOutput(
              `${count} row${count === 1 ? '' : 's'}${count > limit ? ` (first ${limit} shown)` : ''} in ${(elapsedMs / 1000).toFixed(3)} s\n`,
            );
          } else {
            run.onResult({
              runId: run.runId,
              index,
              line,
              statement: shorten(st.sql),
              kind: 'message',
              message: r.text,
              elapsedMs,
            });
            run.onOutput(`${r.text} (${(elapsedMs / 1000).toFixed(3)} s)\n`);
          }
        } catch (error) {
          if (stopped) return end('stopped');
          const message = (error as Error).message.trim();
          const at = sqlErrorLine(message, line);
          run.onResult({
            runId: run.runId,
            index,
            line,
            statement: shorten(st.sql),
            kind: 'error',
            message,
            elapsedMs: Math.round(performance.now() - t0),
          });
          run.onOutput(`\u001b[31mFAILED at line ${at} of ${run.path}: ${message}\u001b[0m\n`);
          return end('failure', [{ path: run.path, line: at, message: message.split('\n')[0] }]);
        }
      }
      return end('success');
    } catch (error) {
      return end(
        stopped ? 'stopped' : 'failure',
        [],
        `the local warehouse could not run it: ${(error as Error).message}`,
      );
    } finally {
      session?.close();
    }
  })();
  return {
    done,
    stop: async () => {
      stopped = true;
      session?.interrupt();
      await done;
    },
  };
}
