import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sqlIdent, sqlString, type DuckSession } from './duckdb';

/** A column of a warehouse table; `type` is a DuckDB type name (`VARCHAR`, `BIGINT`, `DECIMAL(10,2)`). */
export interface WarehouseColumn {
  name: string;
  type: string;
}

/** The metadata of one table, kept in `<db>/<table>/_table.json`. */
export interface WarehouseTable {
  db: string;
  name: string;
  columns: WarehouseColumn[];
  /** Hive partition columns, in folder order (`dt=.../`); empty for an unpartitioned table. */
  partitionColumns: WarehouseColumn[];
  createdAt?: string;
}

/** Where a write goes: static partition values, or dynamic (values taken from the query's last columns). */
export type PartitionSpec =
  { kind: 'none' } | { kind: 'static'; values: Record<string, string> } | { kind: 'dynamic' };

/** What a write did. */
export interface WriteResult {
  rows: number;
  /** Partition folders written, e.g. `dt=2026-11-23`. */
  partitions: string[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TABLE_FILE = '_table.json';
/** Unpartitioned tables keep their files in this folder, so overwrite swaps a folder as partitions do. */
const UNPARTITIONED_DIR = 'data';
/** The name Hive gives the partition of NULL values. */
export const DEFAULT_PARTITION = '__HIVE_DEFAULT_PARTITION__';

/** Splits `db.table` (or `table`, in `defaultDb`) and checks both names. Names are case-insensitive (lower-cased). */
export function parseTableName(ref: string, defaultDb = 'default'): { db: string; name: string } {
  const parts = ref.replace(/[`"]/g, '').trim().split('.');
  const [db, name] = parts.length === 2 ? parts : parts.length === 1 ? [defaultDb, parts[0]] : ['', ''];
  if (!IDENT.test(db) || !IDENT.test(name))
    throw new Error(`invalid table name "${ref}": expected db.table with letters, digits and _`);
  return { db: db.toLowerCase(), name: name.toLowerCase() };
}

/** Checks a partition value can be a folder name (`dt=<value>`). */
export function checkPartitionValue(column: string, value: string): void {
  if (value === '' || value === '.' || value === '..' || /[/\\\0]/.test(value)) {
    throw new Error(
      `invalid value "${value}" for partition column ${column}: it must be non-empty and contain no / or \\`,
    );
  }
}

function uniqueName(prefix: string, ext = ''): string {
  const ts = new Date()
    .toISOString()
    .replace(/[-:T.Z]/g, '')
    .slice(0, 17);
  return `${prefix}-${ts}-${randomBytes(4).toString('hex')}${ext}`;
}

/** DuckDB schema holding a db's views; Hive's `default` maps to DuckDB's `main`. */
export function schemaOf(db: string): string {
  return db === 'default' ? 'main' : db;
}

/**
 * The local warehouse: `<root>/<db>/<table>/<p>=<v>/part-*.parquet` (Hive-style partition folders a
 * user can browse) plus `_table.json` per table. There is no database file: each process opens an
 * in-memory DuckDB and creates views over the folders ({@link attach}), so the runner and any
 * number of `hive` shims never contend for DuckDB's single-writer lock. A write stages its files in
 * `<root>/.staging/` and moves them into place with renames (see docs/decisions.md).
 */
export class Warehouse {
  constructor(readonly root: string) {}

  /** The warehouse of a workspace: `<workspace>/.bdp/warehouse`. */
  static forWorkspace(workspaceRoot: string): Warehouse {
    return new Warehouse(join(workspaceRoot, '.bdp', 'warehouse'));
  }

  tableDir(db: string, name: string): string {
    return join(this.root, db, name);
  }

  async createDatabase(db: string): Promise<void> {
    if (!IDENT.test(db)) throw new Error(`invalid database name "${db}"`);
    await mkdir(join(this.root, db.toLowerCase()), { recursive: true });
  }

  async listDatabases(): Promise<string[]> {
    return (await this.subdirs(this.root)).filter((d) => IDENT.test(d)).sort();
  }

  async listTables(db: string): Promise<string[]> {
    const dirs = await this.subdirs(join(this.root, db));
    return dirs.filter((d) => existsSync(join(this.root, db, d, TABLE_FILE))).sort();
  }

  /** The table's metadata, or undefined when it does not exist. */
  async getTable(db: string, name: string): Promise<WarehouseTable | undefined> {
    try {
      return JSON.parse(await readFile(join(this.tableDir(db, name), TABLE_FILE), 'utf8')) as WarehouseTable;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Creates a table (its folder and `_table.json`); returns false when it exists and `ifNotExists` is set. */
  async createTable(table: WarehouseTable, options: { ifNotExists?: boolean } = {}): Promise<boolean> {
    const existing = await this.getTable(table.db, table.name);
    if (existing) {
      if (options.ifNotExists) return false;
      throw new Error(`table ${table.db}.${table.name} already exists`);
    }
    for (const c of [...table.columns, ...table.partitionColumns]) {
      if (!IDENT.test(c.name))
        throw new Error(`invalid column name "${c.name}" in ${table.db}.${table.name}`);
    }
    const dir = this.tableDir(table.db, table.name);
    await mkdir(dir, { recursive: true });
    const meta: WarehouseTable = { ...table, createdAt: table.createdAt ?? new Date().toISOString() };
    const tmp = join(dir, `.${TABLE_FILE}.${randomBytes(4).toString('hex')}`);
    await writeFile(tmp, `${JSON.stringify(meta, null, 2)}\n`);
    await rename(tmp, join(dir, TABLE_FILE));
    return true;
  }

  async dropTable(db: string, name: string, options: { ifExists?: boolean } = {}): Promise<void> {
    if (!(await this.getTable(db, name))) {
      if (options.ifExists) return;
      throw new Error(`table ${db}.${name} does not exist`);
    }
    await this.discard(this.tableDir(db, name));
  }

  /** Partition folder paths relative to the table folder (`dt=2026-11-23`, or `a=1/b=2`), sorted. */
  async listPartitions(table: WarehouseTable): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string, depth: number, prefix: string): Promise<void> => {
      const col = table.partitionColumns[depth];
      for (const d of await this.subdirs(dir)) {
        if (!d.startsWith(`${col.name}=`)) continue;
        const rel = prefix ? `${prefix}/${d}` : d;
        if (depth + 1 === table.partitionColumns.length) out.push(rel);
        else await walk(join(dir, d), depth + 1, rel);
      }
    };
    if (table.partitionColumns.length > 0) await walk(this.tableDir(table.db, table.name), 0, '');
    return out.sort();
  }

  /** Removes one partition (static values for every partition column); false when it did not exist. */
  async dropPartition(table: WarehouseTable, values: Record<string, string>): Promise<boolean> {
    const dir = join(this.tableDir(table.db, table.name), this.partitionPath(table, values));
    if (!existsSync(dir)) return false;
    await this.discard(dir);
    return true;
  }

  /** Creates an empty partition folder (`ALTER TABLE ... ADD PARTITION`). */
  async addPartition(table: WarehouseTable, values: Record<string, string>): Promise<void> {
    await mkdir(join(this.tableDir(table.db, table.name), this.partitionPath(table, values)), {
      recursive: true,
    });
  }

  /** Removes all data of a table, keeping its definition. */
  async truncate(table: WarehouseTable): Promise<void> {
    const dir = this.tableDir(table.db, table.name);
    for (const d of await this.subdirs(dir)) if (!d.startsWith('.')) await this.discard(join(dir, d));
  }

  /** `dt=2026-11-23[/hr=01]` for static values of all partition columns. */
  partitionPath(table: WarehouseTable, values: Record<string, string>): string {
    return table.partitionColumns
      .map((c) => {
        const v = values[c.name];
        if (v === undefined)
          throw new Error(`partition column ${c.name} of ${table.db}.${table.name} needs a value`);
        checkPartitionValue(c.name, v);
        return `${c.name}=${v}`;
      })
      .join('/');
  }

  /** The SQL reading a table: `read_parquet` over its partition folders, or an empty typed row set. */
  readSql(table: WarehouseTable, files: boolean): string {
    const cols = [...table.columns, ...table.partitionColumns];
    if (!files)
      return `SELECT ${cols.map((c) => `CAST(NULL AS ${c.type}) AS ${sqlIdent(c.name)}`).join(', ')} WHERE false`;
    const dir = this.tableDir(table.db, table.name);
    const glob =
      table.partitionColumns.length > 0
        ? [...table.partitionColumns.map((c) => `${c.name}=*`), '*.parquet'].join('/')
        : `${UNPARTITIONED_DIR}/*.parquet`;
    const hiveTypes = table.partitionColumns
      .map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`)
      .join(', ');
    const options =
      table.partitionColumns.length > 0
        ? `, hive_partitioning = true, hive_types = {${hiveTypes}}`
        : ', hive_partitioning = false';
    // Columns are listed (and cast) so files written before a schema change still read as the table says.
    return `SELECT ${cols.map((c) => `CAST(${sqlIdent(c.name)} AS ${c.type}) AS ${sqlIdent(c.name)}`).join(', ')} FROM read_parquet(${sqlString(join(dir, glob))}, union_by_name = true${options})`;
  }

  /** Whether the table has at least one data file. */
  async hasFiles(table: WarehouseTable): Promise<boolean> {
    const dir = this.tableDir(table.db, table.name);
    if (table.partitionColumns.length === 0)
      return (await this.files(join(dir, UNPARTITIONED_DIR))).length > 0;
    for (const p of await this.listPartitions(table))
      if ((await this.files(join(dir, p))).length > 0) return true;
    return false;
  }

  /** Creates (or refreshes) the view `db.table` in a session. */
  async attachTable(session: DuckSession, table: WarehouseTable): Promise<void> {
    const schema = schemaOf(table.db);
    await session.run(`CREATE SCHEMA IF NOT EXISTS ${sqlIdent(schema)}`);
    await session.run(
      `CREATE OR REPLACE VIEW ${sqlIdent(schema)}.${sqlIdent(table.name)} AS ${this.readSql(table, await this.hasFiles(table))}`,
    );
  }

  /** Creates a schema per database and a view per table in a session. */
  async attach(session: DuckSession): Promise<void> {
    for (const db of await this.listDatabases()) {
      await session.run(`CREATE SCHEMA IF NOT EXISTS ${sqlIdent(schemaOf(db))}`);
      for (const name of await this.listTables(db)) {
        const t = await this.getTable(db, name);
        if (t) await this.attachTable(session, t);
      }
    }
  }

  /**
   * Writes the rows of `query` into a table. The query yields the table's columns in order (cast to
   * their types here), followed by the partition columns when `spec` is dynamic. Overwrite replaces
   * each written partition (the whole table when unpartitioned) by a folder rename; append adds a file.
   */
  async write(
    session: DuckSession,
    table: WarehouseTable,
    query: string,
    spec: PartitionSpec,
    mode: 'overwrite' | 'append',
  ): Promise<WriteResult> {
    const staging = join(this.root, '.staging', uniqueName('write'));
    await mkdir(staging, { recursive: true });
    try {
      const names = spec.kind === 'dynamic' ? [...table.columns, ...table.partitionColumns] : table.columns;
      const aliases = names.map((c) => sqlIdent(c.name)).join(', ');
      const select = `SELECT ${names.map((c) => `CAST(${sqlIdent(c.name)} AS ${c.type}) AS ${sqlIdent(c.name)}`).join(', ')} FROM (${query}) AS __q(${aliases})`;
      let rows: number;
      const written = new Map<string, string>(); // partition path -> staged folder
      if (spec.kind === 'dynamic') {
        if (table.partitionColumns.length === 0)
          throw new Error(`${table.db}.${table.name} is not partitioned`);
        const out = join(staging, 'out');
        const by = table.partitionColumns.map((c) => sqlIdent(c.name)).join(', ');
        rows = await this.copy(
          session,
          `COPY (${select}) TO ${sqlString(out)} (FORMAT parquet, PARTITION_BY (${by}), FILENAME_PATTERN ${sqlString(uniqueName('part') + '-{i}')})`,
        );
        for (const p of await this.stagedPartitions(out, table, 0, '')) written.set(p, join(out, p));
      } else {
        const rel = spec.kind === 'static' ? this.partitionPath(table, spec.values) : UNPARTITIONED_DIR;
        if (spec.kind === 'none' && table.partitionColumns.length > 0) {
          throw new Error(
            `${table.db}.${table.name} is partitioned by ${table.partitionColumns.map((c) => c.name).join(', ')}: give the partition`,
          );
        }
        const dir = join(staging, 'static');
        await mkdir(dir, { recursive: true });
        rows = await this.copy(
          session,
          `COPY (${select}) TO ${sqlString(join(dir, uniqueName('part', '.parquet')))} (FORMAT parquet)`,
        );
        written.set(rel, dir);
      }
      const tableDir = this.tableDir(table.db, table.name);
      for (const [rel, from] of written) {
        const target = join(tableDir, rel);
        if (mode === 'overwrite') await this.swap(from, target);
        else {
          await mkdir(target, { recursive: true });
          for (const f of await this.files(from)) await rename(join(from, f), join(target, f));
        }
      }
      return { rows, partitions: [...written.keys()].sort() };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  /** Replaces folder `target` by `from`: old folder aside, new one in, old one deleted. */
  private async swap(from: string, target: string): Promise<void> {
    await mkdir(join(target, '..'), { recursive: true });
    const aside = join(this.root, '.trash', uniqueName('old'));
    let moved = false;
    if (existsSync(target)) {
      await mkdir(join(this.root, '.trash'), { recursive: true });
      await rename(target, aside);
      moved = true;
    }
    try {
      await rename(from, target);
    } catch (error) {
      if (moved) await rename(aside, target);
      throw error;
    }
    if (moved) await rm(aside, { recursive: true, force: true });
  }

  private async copy(session: DuckSession, sql: string): Promise<number> {
    const rows = await session.query(sql);
    const first = rows[0];
    return first ? Number(Object.values(first)[0]) : 0;
  }

  private async stagedPartitions(
    dir: string,
    table: WarehouseTable,
    depth: number,
    prefix: string,
  ): Promise<string[]> {
    const col = table.partitionColumns[depth];
    const out: string[] = [];
    for (const d of await this.subdirs(dir)) {
      if (!d.startsWith(`${col.name}=`)) continue;
      let name = d;
      // DuckDB names the NULL partition `col=NULL`; Hive calls it __HIVE_DEFAULT_PARTITION__.
      if (d === `${col.name}=NULL`) {
        name = `${col.name}=${DEFAULT_PARTITION}`;
        await rename(join(dir, d), join(dir, name));
      }
      const rel = prefix ? `${prefix}/${name}` : name;
      if (depth + 1 === table.partitionColumns.length) out.push(rel);
      else out.push(...(await this.stagedPartitions(join(dir, name), table, depth + 1, rel)));
    }
    return out;
  }

  private async discard(dir: string): Promise<void> {
    const aside = join(this.root, '.trash', uniqueName('drop'));
    await mkdir(join(this.root, '.trash'), { recursive: true });
    await rename(dir, aside);
    await rm(aside, { recursive: true, force: true });
  }

  private async subdirs(dir: string): Promise<string[]> {
    try {
      return (await readdir(dir, { withFileTypes: true }))
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => e.name);
    } catch {
      return [];
    }
  }

  private async files(dir: string): Promise<string[]> {
    try {
      return (await readdir(dir, { withFileTypes: true }))
        .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
        .map((e) => e.name);
    } catch {
      return [];
    }
  }
}
