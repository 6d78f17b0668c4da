import type { Connection, ConnectionType, SyncConfig } from '../../../../shared/model';
import type { FieldSet } from './field-edit';

/**
 * Data Sync directions the runner accepts (`executors/data-sync-executor.ts` runSync): FILE,
 * POSTGRESQL or MYSQL into the warehouse, or the warehouse into POSTGRESQL / MYSQL.
 */
export type SyncDirection = 'into-warehouse' | 'warehouse-to-db';

const isDb = (t: ConnectionType | undefined): boolean => t === 'POSTGRESQL' || t === 'MYSQL';

/** Connection types a Data Sync can write to. */
export const TARGET_TYPES: readonly ConnectionType[] = ['WAREHOUSE', 'POSTGRESQL', 'MYSQL'];

/** Connections offered by the Target picker. */
export const targetConnections = (connections: readonly Connection[]): Connection[] =>
  connections.filter((c) => TARGET_TYPES.includes(c.type));

/** Why the runner refuses a sync from `source` to `target` (types), or null when it runs it. Unknown types (a connection missing from connections.yaml) are not judged. */
export function syncDirectionProblem(
  source: ConnectionType | undefined,
  target: ConnectionType | undefined,
): string | null {
  if (!source || !target) return null;
  if (target === 'FILE')
    return 'a FILE connection cannot be a target: syncs write to the warehouse or to a POSTGRESQL / MYSQL table';
  if (target === 'WAREHOUSE')
    return source === 'WAREHOUSE'
      ? 'the warehouse cannot sync into itself: pick a FILE, POSTGRESQL or MYSQL source, or a database target'
      : null;
  // Database target.
  if (source === 'WAREHOUSE') return null;
  return `${source === 'FILE' ? 'a FILE' : `a ${source}`} source cannot sync straight into ${target}: a database target reads from the warehouse (load into the warehouse first, then sync the warehouse table out)`;
}

/** The direction of a valid pair, else undefined. */
export function syncDirection(
  source: ConnectionType | undefined,
  target: ConnectionType | undefined,
): SyncDirection | undefined {
  if (!source || !target || syncDirectionProblem(source, target)) return undefined;
  return target === 'WAREHOUSE' ? 'into-warehouse' : 'warehouse-to-db';
}

const warehouseOf = (connections: readonly Connection[]): Connection | undefined =>
  connections.find((c) => c.type === 'WAREHOUSE');

/** Field writes that turn the source into a warehouse table read (file and database fields dropped). */
function sourceToWarehouse(name: string, table: string): FieldSet[] {
  return [
    [['sync', 'source', 'connection'], name],
    [['sync', 'source', 'path'], null],
    [['sync', 'source', 'columns'], null],
    [['sync', 'source', 'filter'], null],
    [['sync', 'source', 'delimiter'], null],
    [['sync', 'source', 'encoding'], null],
    [['sync', 'source', 'compression'], null],
    [['sync', 'source', 'headerRows'], null],
    [['sync', 'source', 'table'], table],
  ];
}

/**
 * The writes for picking `name` as the Target connection, or a reason it is refused. Picking a
 * database while the source is not the warehouse also switches the source to the warehouse (its
 * table: the current target table, i.e. the table the sync loaded), so a reverse sync is one pick;
 * a database target has no partition fill (the source partition selects rows instead).
 */
export function targetConnectionSets(
  sync: SyncConfig,
  connections: readonly Connection[],
  name: string,
): FieldSet[] | string {
  if (name === sync.target.connection) return [];
  const next = connections.find((c) => c.name === name);
  if (!next) return `connection "${name}" is not in connections.yaml`;
  if (!TARGET_TYPES.includes(next.type)) return syncDirectionProblem('FILE', next.type)!;
  const source = connections.find((c) => c.name === sync.source.connection);
  const sets: FieldSet[] = [[['sync', 'target', 'connection'], name]];
  if (next.type === 'WAREHOUSE') {
    const problem = syncDirectionProblem(source?.type, 'WAREHOUSE');
    if (problem) return problem;
    return sets;
  }
  sets.push([['sync', 'target', 'partition'], null]);
  if (source?.type !== 'WAREHOUSE') {
    const wh = warehouseOf(connections);
    if (!wh) return syncDirectionProblem(source?.type ?? 'FILE', next.type)!;
    sets.unshift(...sourceToWarehouse(wh.name, sync.target.table));
  }
  return sets;
}

/**
 * The writes for picking `name` as the Source connection, or a reason it is refused. File and
 * table sources have different fields, switched over in one edit; a FILE or database source with
 * a database target moves the target back to the warehouse; the warehouse as source needs a
 * database target, picked first.
 */
export function sourceConnectionSets(
  sync: SyncConfig,
  connections: readonly Connection[],
  name: string,
): FieldSet[] | string {
  if (name === sync.source.connection) return [];
  const next = connections.find((c) => c.name === name);
  if (!next) return `connection "${name}" is not in connections.yaml`;
  const target = connections.find((c) => c.name === sync.target.connection);
  const current = connections.find((c) => c.name === sync.source.connection);
  if (next.type === 'WAREHOUSE') {
    if (!isDb(target?.type))
      return 'the warehouse is read into a POSTGRESQL or MYSQL table: pick the database as Target connection first';
    return sourceToWarehouse(name, sync.source.table ?? sync.target.table);
  }
  const sets: FieldSet[] = [];
  if (isDb(target?.type)) {
    const wh = warehouseOf(connections);
    if (!wh) return syncDirectionProblem(next.type, target!.type)!;
    sets.push([['sync', 'target', 'connection'], wh.name]);
  }
  const wasFile = current ? current.type === 'FILE' : sync.source.path !== undefined;
  if (next.type === 'FILE') {
    if (wasFile) return [[['sync', 'source', 'connection'], name], ...sets];
    return [
      [['sync', 'source', 'connection'], name],
      [['sync', 'source', 'table'], null],
      [['sync', 'source', 'filter'], null],
      [['sync', 'source', 'partition'], null],
      [['sync', 'source', 'path'], 'data_${cal_dt8}.csv'],
      ...sets,
    ];
  }
  return [
    [['sync', 'source', 'connection'], name],
    [['sync', 'source', 'path'], null],
    [['sync', 'source', 'columns'], null],
    [['sync', 'source', 'partition'], null],
    [['sync', 'source', 'table'], sync.source.table ?? 'ods.source_table'],
    ...sets,
  ];
}
