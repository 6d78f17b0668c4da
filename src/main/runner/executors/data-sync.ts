import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Connection, SyncConfig } from '../../../shared/model';
import { openDuckSession, sqlIdent, type DuckSession } from '../warehouse/duckdb';
import { hiveTypeToDuck } from '../warehouse/hql';
import {
  DEFAULT_PARTITION,
  checkPartitionValue,
  parseTableName,
  type PartitionSpec,
  type Warehouse,
  type WarehouseColumn,
  type WarehouseTable,
} from '../warehouse/warehouse';
import {
  decodeToUtf8,
  needsDecoding,
  readCsvSql,
  resolveSourceFiles,
  sourceColumns,
  type FileSourceOptions,
} from './file-source';

/** A Data Sync with every placeholder already substituted. */
export interface SyncJob {
  sync: SyncConfig;
  /** The workspace root (FILE connection folders are relative to it). */
  workspaceRoot: string;
  source: Connection;
  target: Connection;
  warehouse: Warehouse;
  /** Rows with a value that does not convert that may be skipped before the sync fails; default unlimited. */
  maxRejectedRows?: number;
  log(line: string): void;
  signal: AbortSignal;
}

/** Counts of one sync. */
export interface SyncResult {
  read: number;
  written: number;
  rejected: number;
  partitions: string[];
  ms: number;
}

/**
 * Runs a sync step with DuckDB sessions a stop interrupts (`open` registers each one): a stop
 * surfaces as "stopped"; sessions are closed and `cleanup` runs whatever happens.
 */
export async function withStoppableDuck<T>(
  job: SyncJob,
  fn: (open: () => Promise<DuckSession>) => Promise<T>,
  cleanup?: () => Promise<void>,
): Promise<T> {
  const sessions: DuckSession[] = [];
  const onAbort = (): void => sessions.forEach((s) => s.interrupt());
  job.signal.addEventListener('abort', onAbort);
  try {
    return await fn(async () => {
      const s = await openDuckSession();
      sessions.push(s);
      if (job.signal.aborted) throw new Error('stopped');
      return s;
    });
  } catch (error) {
    if (job.signal.aborted) throw new Error('stopped', { cause: error });
    throw error;
  } finally {
    job.signal.removeEventListener('abort', onAbort);
    sessions.forEach((s) => s.close());
    await cleanup?.();
  }
}

/** How many rejected rows the log lists one by one. */
const REJECT_EXAMPLES = 20;

function canonicalType(t: string): string {
  return hiveTypeToDuck(t).replace(/\s+/g, '');
}

interface MappedColumn {
  target: WarehouseColumn;
  /** Source column, or undefined (the target gets NULL). */
  source?: string;
}

/** Matches target columns to source columns (explicit mapping, else by name) and checks types agree. */
function mapColumns(sync: SyncConfig, sourceCols: string[], table: WarehouseTable): MappedColumn[] {
  const srcByLower = new Map(sourceCols.map((c) => [c.toLowerCase(), c]));
  if (!sync.mapping || sync.mapping.length === 0) {
    return table.columns.map((c) => ({ target: c, source: srcByLower.get(c.name.toLowerCase()) }));
  }
  const byTarget = new Map<string, string>();
  for (const m of sync.mapping) {
    const src = srcByLower.get(m.source.toLowerCase());
    if (!src)
      throw new Error(
        `mapping: source column "${m.source}" is not in the source (its columns: ${sourceCols.join(', ')})`,
      );
    const col = table.columns.find((c) => c.name === m.target.toLowerCase());
    if (!col)
      throw new Error(
        `mapping: ${table.db}.${table.name} has no column "${m.target}" (its columns: ${table.columns.map((c) => c.name).join(', ')})`,
      );
    if (m.type && canonicalType(m.type) !== col.type.replace(/\s+/g, '')) {
      throw new Error(
        `mapping ${m.source} -> ${m.target}: type ${m.type} differs from the table column's ${col.type} (mapped fields must have the same data type)`,
      );
    }
    byTarget.set(col.name, src);
  }
  return table.columns.map((c) => ({ target: c, source: byTarget.get(c.name) }));
}

/** The target table, created from the mapping (or the source columns) when it does not exist yet. */
async function targetTable(job: SyncJob, sourceCols: string[]): Promise<WarehouseTable> {
  const { db, name } = parseTableName(job.sync.target.table);
  const existing = await job.warehouse.getTable(db, name);
  const part = job.sync.target.partition;
  if (existing) {
    const pcols = existing.partitionColumns.map((c) => c.name);
    if (pcols.length > 0 && !part)
      throw new Error(`${db}.${name} is partitioned by ${pcols.join(', ')}: set target.partition`);
    if (part && (pcols.length !== 1 || pcols[0] !== part.column.toLowerCase())) {
      throw new Error(
        `${db}.${name} is partitioned by ${pcols.join(', ') || 'nothing'}, not by ${part.column}`,
      );
    }
    return existing;
  }
  const columns: WarehouseColumn[] =
    job.sync.mapping && job.sync.mapping.length > 0
      ? job.sync.mapping.map((m) => ({
          name: m.target.toLowerCase(),
          type: m.type ? hiveTypeToDuck(m.type) : 'VARCHAR',
        }))
      : sourceCols
          .filter((c) => !part || c.toLowerCase() !== part.column.toLowerCase())
          .map((c) => ({ name: c.toLowerCase(), type: 'VARCHAR' }));
  const table: WarehouseTable = {
    db,
    name,
    columns,
    partitionColumns: part ? [{ name: part.column.toLowerCase(), type: 'VARCHAR' }] : [],
  };
  await job.warehouse.createDatabase(db);
  await job.warehouse.createTable(table, { ifNotExists: true });
  job.log(
    `created table ${db}.${name} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})${part ? ` partitioned by ${part.column}` : ''}`,
  );
  return (await job.warehouse.getTable(db, name)) ?? table;
}

/** `"col" IS NOT NULL AND TRY_CAST("col" AS T) IS NULL` for a typed target; undefined for VARCHAR. */
function badValueSql(m: MappedColumn): string | undefined {
  if (!m.source || m.target.type === 'VARCHAR') return undefined;
  return `(${sqlIdent(m.source)} IS NOT NULL AND TRY_CAST(${sqlIdent(m.source)} AS ${m.target.type}) IS NULL)`;
}

/**
 * Runs a CSV/text file -> warehouse sync in-process: reads every column as text with DuckDB,
 * rejects rows whose values do not convert to the mapped types (logged with file, line and
 * column), writes the rest as Parquet into the partition, and returns the counts.
 */
export async function runFileToWarehouse(job: SyncJob): Promise<SyncResult> {
  const started = Date.now();
  const { sync } = job;
  if (job.source.type !== 'FILE')
    throw new Error(`source connection ${job.source.name} is ${job.source.type}, not FILE`);
  if (job.target.type !== 'WAREHOUSE')
    throw new Error(
      `target connection ${job.target.name} is ${job.target.type}; only the warehouse is supported as a target of file sources`,
    );
  const folder = resolve(job.workspaceRoot, job.source.path);
  const resolved = await resolveSourceFiles(folder, sync.source.path ?? '');
  job.log(
    `source: ${resolved.display.join(', ')} in ${job.source.path}/ (${sync.source.encoding}, compression ${sync.source.compression}, delimiter ${JSON.stringify(sync.source.delimiter)}, ${sync.source.headerRows} header row(s))`,
  );
  if (sync.concurrency > 1) job.log(`concurrency ${sync.concurrency} is ignored locally (one reader)`);

  const scratch = stagingDir(job);
  return withStoppableDuck(
    job,
    async (open) => {
      await mkdir(scratch, { recursive: true });
      let files = resolved.files;
      const decoded = needsDecoding(sync.source);
      if (decoded) {
        files = [];
        for (const [i, f] of resolved.files.entries()) {
          const out = join(scratch, `decoded-${i}.csv`);
          await decodeToUtf8(f, out, sync.source, job.signal);
          files.push(out);
        }
      }
      return loadTextIntoWarehouse(
        job,
        await open(),
        { files, display: resolved.display, options: { ...sync.source, decoded } },
        started,
      );
    },
    () => rm(scratch, { recursive: true, force: true }),
  );
}

/** A fresh folder under `<warehouse>/.staging/` for one sync's scratch files. */
export function stagingDir(job: SyncJob): string {
  return join(
    job.warehouse.root,
    '.staging',
    `sync-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
  );
}

/** Text files ready for DuckDB: a file source's files, or the CSV a database source was staged into. */
export interface TextSource {
  files: string[];
  /** Names for messages, one per file. */
  display: string[];
  options: FileSourceOptions & { decoded: boolean };
}

/**
 * The shared half of every sync into the warehouse: maps columns, checks types (rejected rows
 * logged with file, line and column), writes the partition(s) with the write rule, logs the counts.
 */
export async function loadTextIntoWarehouse(
  job: SyncJob,
  session: DuckSession,
  text: TextSource,
  started: number,
): Promise<SyncResult> {
  const { sync } = job;
  const { files, options: opts } = text;
  const sourceCols = await sourceColumns(session, files[0], opts);
  const table = await targetTable(job, sourceCols);
  const mapped = mapColumns(sync, sourceCols, table);
  const part = sync.target.partition;
  let spec: PartitionSpec = { kind: 'none' };
  let partitionExpr: string | undefined;
  if (part) {
    if (part.fill === 'column') {
      const srcName = part.value && part.value.trim() ? part.value.trim() : part.column;
      const src = sourceCols.find((c) => c.toLowerCase() === srcName.toLowerCase());
      if (!src) throw new Error(`partition fill "column": the source has no column "${srcName}"`);
      partitionExpr = `${sqlIdent(src)}`;
      spec = { kind: 'dynamic' };
    } else {
      const value = part.value ?? '';
      if (!value || /\$\{[^}]*\}/.test(value))
        throw new Error(
          `partition ${part.column}: value "${value}" is ${value ? 'not resolved' : 'missing'}`,
        );
      checkPartitionValue(part.column, value);
      spec = { kind: 'static', values: { [part.column.toLowerCase()]: value } };
    }
  }
  const unmapped = mapped.filter((m) => !m.source).map((m) => m.target.name);
  if (unmapped.length > 0) job.log(`not mapped (NULL): ${unmapped.join(', ')}`);

  // Two parallel scans of the text (counts, then the write) beat materialising it; row numbers
  // (one ordered scan) are computed only when there are rejected rows to report.
  const headerRows = opts.headerRows;
  const src = readCsvSql(files, sourceCols, opts);
  const numbered = `(SELECT row_number() OVER () AS __row, *, filename AS __file FROM ${readCsvSql(files, sourceCols, opts, ', filename = true')})`;
  const checks = mapped.map((m) => badValueSql(m));
  const anyBad = checks.filter((c): c is string => c !== undefined);
  const badWhere = anyBad.length > 0 ? anyBad.join(' OR ') : 'false';
  const counts = (
    await session.query(`SELECT count(*) AS n, count(*) FILTER (WHERE ${badWhere}) AS bad FROM ${src}`)
  )[0];
  const read = Number(counts.n);
  const rejected = Number(counts.bad);
  if (rejected > 0) {
    const flags = mapped
      .map((m, i) => (checks[i] ? `${checks[i]} AS __b${i}` : `false AS __b${i}`))
      .join(', ');
    const examples = await session.query(
      `SELECT __file, row_number() OVER (PARTITION BY __file ORDER BY __row) AS __n, __row, ${flags}, ${sourceCols.map(sqlIdent).join(', ')} FROM ${numbered} QUALIFY ${badWhere} ORDER BY __row LIMIT ${REJECT_EXAMPLES}`,
    );
    const fileName = new Map(files.map((f, i) => [f, text.display[i]]));
    for (const r of examples) {
      const line = Number(r.__n) + headerRows;
      const problems = mapped
        .map((m, i) =>
          r[`__b${i}`]
            ? `column ${m.source} = ${JSON.stringify(r[m.source!])} is not a valid ${m.target.type} (target ${m.target.name})`
            : undefined,
        )
        .filter(Boolean);
      job.log(
        `rejected row ${String(r.__row)} (line ${line} of ${fileName.get(String(r.__file)) ?? String(r.__file)}): ${problems.join('; ')}`,
      );
    }
    if (rejected > examples.length) job.log(`... and ${rejected - examples.length} more rejected rows`);
    if (job.maxRejectedRows !== undefined && rejected > job.maxRejectedRows) {
      throw new Error(
        `${rejected} row(s) have values that do not convert to the target types (max_rejected_rows = ${job.maxRejectedRows}); first: ${
          examples.length > 0 ? describeFirst(examples[0], mapped, checks, headerRows, fileName) : ''
        }`,
      );
    }
  }
  const selectCols = mapped.map((m) =>
    m.source ? `TRY_CAST(${sqlIdent(m.source)} AS ${m.target.type})` : `CAST(NULL AS ${m.target.type})`,
  );
  if (partitionExpr) selectCols.push(`NULLIF(${partitionExpr}, '')`);
  const query = `SELECT ${selectCols.join(', ')} FROM ${src} WHERE NOT (${badWhere})`;
  if (job.signal.aborted) throw new Error('stopped');
  const result = await job.warehouse.write(session, table, query, spec, sync.target.writeRule);
  const ms = Date.now() - started;
  const shown = result.partitions
    .filter((p) => p !== 'data')
    .map((p) => p.replace(`=${DEFAULT_PARTITION}`, '=<null>'));
  job.log(
    `rows read ${read}, written ${result.rows}, rejected ${rejected} -> ${table.db}.${table.name}${shown.length ? ` ${shown.join(', ')}` : ''} (${sync.target.writeRule}) in ${ms} ms${
      ms > 0 ? `, ${Math.round((read * 1000) / ms)} rows/s` : ''
    }`,
  );
  return { read, written: result.rows, rejected, partitions: result.partitions, ms };
}

function describeFirst(
  r: Record<string, unknown>,
  mapped: MappedColumn[],
  checks: (string | undefined)[],
  headerRows: number,
  fileName: Map<string, string>,
): string {
  const i = mapped.findIndex((_m, k) => checks[k] && r[`__b${k}`]);
  const m = mapped[i];
  return `row ${String(r.__row)} (line ${Number(r.__n) + headerRows} of ${fileName.get(String(r.__file)) ?? String(r.__file)}), column ${m?.source}: ${JSON.stringify(m?.source ? r[m.source] : null)} is not a valid ${m?.target.type}`;
}
