import { sqlIdent, type DuckSession } from './duckdb';
import {
  parseTableName,
  schemaOf,
  type PartitionSpec,
  type Warehouse,
  type WarehouseColumn,
  type WarehouseTable,
} from './warehouse';

/** One statement of an HQL script with the 1-based line it starts on. */
export interface HqlStatement {
  sql: string;
  line: number;
}

/**
 * Splits a script on `;` outside quotes and comments. Comments are kept out of the statements;
 * each statement carries the line of its first non-blank character.
 */
export function splitHql(text: string): HqlStatement[] {
  const out: HqlStatement[] = [];
  let cur = '';
  let line = 1;
  let start = -1;
  let i = 0;
  const push = (): void => {
    if (cur.trim()) out.push({ sql: cur.trim(), line: start });
    cur = '';
    start = -1;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      cur += ' ';
      i = stop;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      if (start < 0) start = line;
      let k = i + 1;
      while (k < text.length && text[k] !== ch) {
        if (text[k] === '\\' && ch !== '`') k++;
        k++;
      }
      const lit = text.slice(i, k + 1);
      for (const c of lit) if (c === '\n') line++;
      cur += lit;
      i = k + 1;
      continue;
    }
    if (ch === ';') {
      push();
      i++;
      continue;
    }
    if (ch === '\n') line++;
    else if (start < 0 && !/\s/.test(ch)) start = line;
    cur += ch;
    i++;
  }
  push();
  return out;
}

/** Hive type -> DuckDB type. Complex types are refused. */
export function hiveTypeToDuck(type: string): string {
  const t = type.trim().toUpperCase().replace(/\s+/g, '');
  if (/^(STRING|VARCHAR(\(\d+\))?|CHAR(\(\d+\))?|TEXT)$/.test(t)) return 'VARCHAR';
  if (t === 'INT' || t === 'INTEGER') return 'INTEGER';
  if (['TINYINT', 'SMALLINT', 'BIGINT', 'FLOAT', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP'].includes(t))
    return t;
  if (t === 'REAL') return 'FLOAT';
  if (t === 'DOUBLEPRECISION') return 'DOUBLE';
  if (t === 'BINARY' || t === 'BLOB') return 'BLOB';
  if (t === 'DECIMAL' || t === 'NUMERIC') return 'DECIMAL(10,0)';
  const dec = /^(?:DECIMAL|NUMERIC)\((\d+)(?:,(\d+))?\)$/.exec(t);
  if (dec) return `DECIMAL(${dec[1]},${dec[2] ?? '0'})`;
  throw new Error(`unsupported column type ${type} (complex types are not supported locally)`);
}

/** Output of a statement: a result table, or a message. */
/** A statement's result: rows, or a message (with the rows written, for INSERT and CREATE ... AS). */
export type HqlOutput =
  | { kind: 'rows'; columns: string[]; rows: (string | null)[][] }
  | { kind: 'message'; text: string; affected?: number };

/** Splits `a TYPE [COMMENT '...'], b DECIMAL(1,2)` at top-level commas. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  let quote = '';
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '<') depth++;
    else if (ch === ')' || ch === '>') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The text inside the parentheses opening at `open`, and the index after the closing one. */
function balanced(s: string, open: number): { inner: string; end: number } {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return { inner: s.slice(open + 1, i), end: i + 1 };
  }
  throw new Error('unbalanced parentheses');
}

function parseColumns(list: string): WarehouseColumn[] {
  return splitTopLevel(list).map((def) => {
    const m = /^[`"]?([A-Za-z_][A-Za-z0-9_]*)[`"]?\s+(.+?)(?:\s+COMMENT\s+'.*')?$/is.exec(def);
    if (!m) throw new Error(`cannot read column definition "${def}"`);
    return { name: m[1].toLowerCase(), type: hiveTypeToDuck(m[2]) };
  });
}

/** `dt='2026-11-23', hr` -> static values and dynamic column names. */
function parsePartitionSpec(spec: string): { values: Record<string, string>; dynamic: string[] } {
  const values: Record<string, string> = {};
  const dynamic: string[] = [];
  for (const part of splitTopLevel(spec)) {
    const m =
      /^[`"]?([A-Za-z_][A-Za-z0-9_]*)[`"]?\s*(?:=\s*(?:'((?:[^']|'')*)'|"([^"]*)"|([^\s,]+)))?$/s.exec(part);
    if (!m) throw new Error(`cannot read partition "${part}"`);
    const v = m[2] !== undefined ? m[2].replace(/''/g, "'") : (m[3] ?? m[4]);
    if (v === undefined) dynamic.push(m[1].toLowerCase());
    else values[m[1].toLowerCase()] = v;
  }
  return { values, dynamic };
}

/** Backtick identifiers -> double quotes, outside string literals (DuckDB has no backticks). */
export function translateSql(sql: string): string {
  let out = '';
  let quote = '';
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = '';
      out += quote === '' && ch === '`' ? '"' : ch;
      continue;
    }
    if (ch === "'") quote = "'";
    else if (ch === '`') {
      quote = '`';
      out += '"';
      continue;
    }
    out += ch;
  }
  return out;
}

/**
 * Runs HQL statements against the warehouse in one DuckDB session. Hive DDL/DML (CREATE TABLE ...
 * PARTITIONED BY, INSERT OVERWRITE/INTO TABLE ... PARTITION, ALTER TABLE ... ADD/DROP PARTITION,
 * DROP/TRUNCATE TABLE, SHOW, DESCRIBE, USE, SET) is carried out on the partition folders; anything
 * else (SELECT, WITH, ...) runs in DuckDB over the tables' views.
 */
export class HqlSession {
  private currentDb = 'default';

  constructor(
    private readonly warehouse: Warehouse,
    private readonly session: DuckSession,
  ) {}

  /** Creates the views; call once before {@link execute}. */
  async init(): Promise<void> {
    await this.warehouse.attach(this.session);
  }

  /** Executes one statement. */
  async execute(statement: string): Promise<HqlOutput> {
    const sql = statement.trim().replace(/;$/, '');
    let m: RegExpExecArray | null;
    if (/^set\s+/i.test(sql) || /^(add|reset)\s+(jar|file|archive)s?\b/i.test(sql)) {
      return { kind: 'message', text: `ignored locally: ${sql.split('\n')[0]}` };
    }
    if ((m = /^use\s+[`"]?([A-Za-z_][A-Za-z0-9_]*)[`"]?$/i.exec(sql))) {
      const db = m[1].toLowerCase();
      if (db !== 'default' && !(await this.warehouse.listDatabases()).includes(db))
        throw new Error(`database ${db} does not exist`);
      this.currentDb = db;
      await this.session.run(`CREATE SCHEMA IF NOT EXISTS ${sqlIdent(schemaOf(db))}`);
      await this.session.run(`USE ${sqlIdent(schemaOf(db))}`);
      return { kind: 'message', text: 'OK' };
    }
    if (
      (m = /^create\s+(?:database|schema)\s+(if\s+not\s+exists\s+)?[`"]?([A-Za-z_][A-Za-z0-9_]*)[`"]?/i.exec(
        sql,
      ))
    ) {
      const db = m[2].toLowerCase();
      if (!m[1] && (await this.warehouse.listDatabases()).includes(db))
        throw new Error(`database ${db} already exists`);
      await this.warehouse.createDatabase(db);
      await this.session.run(`CREATE SCHEMA IF NOT EXISTS ${sqlIdent(schemaOf(db))}`);
      return { kind: 'message', text: 'OK' };
    }
    if ((m = /^create\s+(?:external\s+)?table\s+(if\s+not\s+exists\s+)?([`"\w.]+)\s*/i.exec(sql)))
      return this.createTable(sql, m);
    if ((m = /^insert\s+(overwrite|into)\s+(?:table\s+)?([`"\w.]+)\s*/i.exec(sql)))
      return this.insert(sql, m);
    if ((m = /^drop\s+table\s+(if\s+exists\s+)?([`"\w.]+)$/i.exec(sql))) {
      const { db, name } = parseTableName(m[2], this.currentDb);
      await this.warehouse.dropTable(db, name, { ifExists: Boolean(m[1]) });
      await this.session.run(`DROP VIEW IF EXISTS ${sqlIdent(schemaOf(db))}.${sqlIdent(name)}`);
      return { kind: 'message', text: 'OK' };
    }
    if ((m = /^truncate\s+table\s+([`"\w.]+)(?:\s+partition\s*\((.*)\))?$/is.exec(sql))) {
      const table = await this.table(m[1]);
      if (m[2]) await this.warehouse.dropPartition(table, parsePartitionSpec(m[2]).values);
      else await this.warehouse.truncate(table);
      await this.warehouse.attachTable(this.session, table);
      return { kind: 'message', text: 'OK' };
    }
    if (
      (m =
        /^alter\s+table\s+([`"\w.]+)\s+(add|drop)\s+(if\s+(?:not\s+)?exists\s+)?partition\s*\((.*)\)$/is.exec(
          sql,
        ))
    ) {
      const table = await this.table(m[1]);
      const { values } = parsePartitionSpec(m[4]);
      if (m[2].toLowerCase() === 'add') await this.warehouse.addPartition(table, values);
      else if (!(await this.warehouse.dropPartition(table, values)) && !m[3])
        throw new Error(`partition ${this.warehouse.partitionPath(table, values)} does not exist`);
      await this.warehouse.attachTable(this.session, table);
      return { kind: 'message', text: 'OK' };
    }
    if (/^show\s+(databases|schemas)$/i.test(sql)) {
      const dbs = await this.warehouse.listDatabases();
      return {
        kind: 'rows',
        columns: ['database_name'],
        rows: (dbs.includes('default') ? dbs : ['default', ...dbs]).map((d) => [d]),
      };
    }
    if ((m = /^show\s+tables(?:\s+(?:in|from)\s+[`"]?(\w+)[`"]?)?$/i.exec(sql))) {
      const tables = await this.warehouse.listTables((m[1] ?? this.currentDb).toLowerCase());
      return { kind: 'rows', columns: ['tab_name'], rows: tables.map((t) => [t]) };
    }
    if ((m = /^show\s+partitions\s+([`"\w.]+)$/i.exec(sql))) {
      const table = await this.table(m[1]);
      return {
        kind: 'rows',
        columns: ['partition'],
        rows: (await this.warehouse.listPartitions(table)).map((p) => [p]),
      };
    }
    if ((m = /^(?:describe|desc)\s+(?:formatted\s+|extended\s+)?([`"\w.]+)$/i.exec(sql))) {
      const table = await this.table(m[1]);
      const rows: (string | null)[][] = table.columns.map((c) => [c.name, c.type, null]);
      for (const c of table.partitionColumns) rows.push([c.name, c.type, 'partition column']);
      return { kind: 'rows', columns: ['col_name', 'data_type', 'comment'], rows };
    }
    const result = await this.session.table(translateSql(sql));
    return { kind: 'rows', ...result };
  }

  private async table(ref: string): Promise<WarehouseTable> {
    const { db, name } = parseTableName(ref, this.currentDb);
    const t = await this.warehouse.getTable(db, name);
    if (!t) throw new Error(`table ${db}.${name} does not exist`);
    return t;
  }

  private async createTable(sql: string, m: RegExpExecArray): Promise<HqlOutput> {
    const { db, name } = parseTableName(m[2], this.currentDb);
    const ifNotExists = Boolean(m[1]);
    let rest = sql.slice(m[0].length);
    let columns: WarehouseColumn[] = [];
    let partitionColumns: WarehouseColumn[] = [];
    let asSelect: string | undefined;
    if (rest.startsWith('(')) {
      const b = balanced(rest, 0);
      columns = parseColumns(b.inner);
      rest = rest.slice(b.end);
    }
    const pb = /partitioned\s+by\s*\(/i.exec(rest);
    if (pb) partitionColumns = parseColumns(balanced(rest, pb.index + pb[0].length - 1).inner);
    const as = /\bas\s+(select|with)\b/i.exec(rest);
    if (as) asSelect = rest.slice(as.index + 2).trim();
    const like = /^like\s+([`"\w.]+)/i.exec(rest.trim());
    if (like) {
      const src = await this.table(like[1]);
      columns = src.columns;
      partitionColumns = src.partitionColumns;
    }
    if (asSelect !== undefined) {
      if (partitionColumns.length > 0)
        throw new Error(
          'CREATE TABLE ... PARTITIONED BY ... AS SELECT is not supported; create the table, then INSERT',
        );
      const described = await this.session.query(`DESCRIBE ${translateSql(asSelect)}`);
      columns = described.map((r) => ({
        name: String(r.column_name).toLowerCase(),
        type: String(r.column_type),
      }));
    }
    if (columns.length === 0) throw new Error(`CREATE TABLE ${db}.${name} has no columns`);
    if (db !== 'default' && !(await this.warehouse.listDatabases()).includes(db))
      await this.warehouse.createDatabase(db);
    const table: WarehouseTable = { db, name, columns, partitionColumns };
    const created = await this.warehouse.createTable(table, { ifNotExists });
    if (created) {
      await this.warehouse.attachTable(this.session, table);
      if (asSelect !== undefined) {
        const r = await this.warehouse.write(
          this.session,
          table,
          translateSql(asSelect),
          { kind: 'none' },
          'overwrite',
        );
        await this.warehouse.attachTable(this.session, table);
        return { kind: 'message', text: `OK: ${r.rows} rows loaded into ${db}.${name}`, affected: r.rows };
      }
    }
    return { kind: 'message', text: created ? 'OK' : `OK (table ${db}.${name} exists)` };
  }

  private async insert(sql: string, m: RegExpExecArray): Promise<HqlOutput> {
    const table = await this.table(m[2]);
    const mode = m[1].toLowerCase() === 'overwrite' ? 'overwrite' : 'append';
    let rest = sql.slice(m[0].length);
    let spec: PartitionSpec = { kind: 'none' };
    const pm = /^partition\s*\(/i.exec(rest);
    if (pm) {
      const b = balanced(rest, pm[0].length - 1);
      const { values, dynamic } = parsePartitionSpec(b.inner);
      rest = rest.slice(b.end).trim();
      const names = table.partitionColumns.map((c) => c.name);
      const given = [...Object.keys(values), ...dynamic];
      const unknown = given.find((g) => !names.includes(g));
      if (unknown)
        throw new Error(
          `${table.db}.${table.name} has no partition column ${unknown} (partition columns: ${names.join(', ') || 'none'})`,
        );
      if (dynamic.length === 0 && Object.keys(values).length === names.length)
        spec = { kind: 'static', values };
      else if (Object.keys(values).length === 0) spec = { kind: 'dynamic' };
      else throw new Error('mixed static and dynamic partitions are not supported locally');
    } else if (table.partitionColumns.length > 0) {
      throw new Error(
        `${table.db}.${table.name} is partitioned: INSERT needs PARTITION (${table.partitionColumns.map((c) => c.name).join(', ')} ...)`,
      );
    }
    rest = rest.replace(/^if\s+not\s+exists\s+/i, '');
    const query = /^values\b/i.test(rest) ? `SELECT * FROM (${rest})` : translateSql(rest);
    const expected =
      spec.kind === 'dynamic' ? table.columns.length + table.partitionColumns.length : table.columns.length;
    const described = await this.session.query(`DESCRIBE ${query}`);
    if (described.length !== expected) {
      throw new Error(
        `the query gives ${described.length} columns but ${table.db}.${table.name} expects ${expected}${spec.kind === 'dynamic' ? ' (its columns, then the partition columns)' : ''}`,
      );
    }
    const r = await this.warehouse.write(this.session, table, query, spec, mode);
    await this.warehouse.attachTable(this.session, table);
    const where = r.partitions.filter((p) => p !== 'data').join(', ');
    return {
      kind: 'message',
      text: `OK: ${r.rows} rows ${mode === 'overwrite' ? 'written to' : 'appended to'} ${table.db}.${table.name}${where ? ` (${where})` : ''}`,
      affected: r.rows,
    };
  }
}

/** Formats a result as a plain-text table (Hive CLI style), at most `limit` rows. */
export function formatTable(columns: string[], rows: (string | null)[][], limit = 3000): string {
  const shown = rows.slice(0, limit).map((r) => r.map((v) => (v === null ? 'NULL' : v)));
  const widths = columns.map((c, i) => Math.max(c.length, ...shown.map((r) => (r[i] ?? '').length)));
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const fmt = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [line, fmt(columns), line, ...shown.map(fmt), line];
  out.push(
    rows.length > limit
      ? `${rows.length} rows (first ${limit} shown)`
      : `${rows.length} row${rows.length === 1 ? '' : 's'}`,
  );
  return `${out.join('\n')}\n`;
}
