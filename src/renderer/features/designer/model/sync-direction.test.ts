import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Connection, SyncConfig } from '../../../../shared/model';
import { sampleWorkflow } from '../../../test-support/sample-workflows';
import {
  sourceConnectionSets,
  syncDirection,
  syncDirectionProblem,
  targetConnectionSets,
  targetConnections,
} from './sync-direction';
import { WorkflowDocument } from './workflow-document';

const CONNS: Connection[] = [
  { name: 'local_files', type: 'FILE', path: 'data' },
  { name: 'crm', type: 'POSTGRESQL', host: 'h', port: 5432, database: 'crm', user: 'etl', schema: 'public' },
  { name: 'shop', type: 'MYSQL', host: 'h', port: 3306, database: 'shop', user: 'etl' },
  { name: 'warehouse', type: 'WAREHOUSE' },
];

const syncOf = (doc: WorkflowDocument, task = 'sync_orders'): SyncConfig => {
  const wf = parse(doc.toString()) as { tasks: Array<{ name: string; sync: SyncConfig }> };
  return wf.tasks.find((t) => t.name === task)!.sync;
};

/** The sample's forward sync, with the schema defaults the panel sees. */
const forward = (): SyncConfig => ({
  source: {
    connection: 'local_files',
    path: 'orders_${cal_dt8}.csv',
    delimiter: ',',
    encoding: 'UTF-8',
    compression: 'none',
    headerRows: 1,
    columns: ['order_id'],
  },
  target: {
    connection: 'warehouse',
    table: 'ods.orders',
    partition: { column: 'dt', fill: 'placeholder', value: '${cal_dt}' },
    writeRule: 'overwrite',
  },
  concurrency: 1,
});
const reverse = (): SyncConfig => ({
  source: {
    connection: 'warehouse',
    table: 'ods.orders',
    partition: '${cal_dt}',
    delimiter: ',',
    encoding: 'UTF-8',
    compression: 'none',
    headerRows: 1,
  },
  target: { connection: 'crm', table: 'public.orders', writeRule: 'overwrite' },
  concurrency: 1,
});

describe('sync directions', () => {
  it('accepts what the runner runs and explains the rest', () => {
    expect(syncDirection('FILE', 'WAREHOUSE')).toBe('into-warehouse');
    expect(syncDirection('MYSQL', 'WAREHOUSE')).toBe('into-warehouse');
    expect(syncDirection('WAREHOUSE', 'POSTGRESQL')).toBe('warehouse-to-db');
    expect(syncDirectionProblem('FILE', 'POSTGRESQL')).toMatch(
      /FILE source cannot sync straight into POSTGRESQL: a database target reads from the warehouse/,
    );
    expect(syncDirectionProblem('POSTGRESQL', 'MYSQL')).toMatch(
      /POSTGRESQL source cannot sync straight into MYSQL/,
    );
    expect(syncDirectionProblem('WAREHOUSE', 'WAREHOUSE')).toMatch(/cannot sync into itself/);
    expect(syncDirectionProblem('FILE', 'FILE')).toMatch(/FILE connection cannot be a target/);
    expect(syncDirectionProblem(undefined, 'POSTGRESQL')).toBeNull();
    expect(targetConnections(CONNS).map((c) => c.name)).toEqual(['crm', 'shop', 'warehouse']);
  });

  it('picking a database target turns the sample file sync into a reverse sync in one edit, comments kept', () => {
    const doc = new WorkflowDocument(sampleWorkflow('daily_orders'));
    const sets = targetConnectionSets(forward(), CONNS, 'crm');
    expect(Array.isArray(sets)).toBe(true);
    expect(doc.setTaskFields('sync_orders', sets as never)).toEqual({ ok: true });
    const sync = syncOf(doc);
    expect(sync.source).toEqual({ connection: 'warehouse', table: 'ods.orders' });
    expect(sync.target).toEqual({ connection: 'crm', table: 'ods.orders', writeRule: 'overwrite' });
    const text = doc.toString();
    expect(text).toContain('        writeRule: overwrite          # reruns replace the day');
    expect(text).toContain('    description: Copy the day');
    // Key order: source stays before target, connection first in both.
    expect(text).toMatch(
      /source:\n {8}connection: warehouse\n {8}table: ods\.orders\n {6}target:\n {8}connection: crm\n/,
    );
    // Then the source partition, as the panel writes it.
    expect(doc.setTaskFields('sync_orders', [[['sync', 'source', 'partition'], '${cal_dt}']])).toEqual({
      ok: true,
    });
    expect(syncOf(doc).source.partition).toBe('${cal_dt}');
  });

  it('a warehouse source already in place only changes the target connection and drops the partition fill', () => {
    const s = reverse();
    expect(targetConnectionSets(s, CONNS, 'shop')).toEqual([
      [['sync', 'target', 'connection'], 'shop'],
      [['sync', 'target', 'partition'], null],
    ]);
    expect(targetConnectionSets(s, CONNS, 'crm')).toEqual([]);
  });

  it('refuses the warehouse into itself and file targets, with the reason', () => {
    expect(targetConnectionSets(reverse(), CONNS, 'warehouse')).toMatch(/cannot sync into itself/);
    expect(targetConnectionSets(forward(), CONNS, 'local_files')).toMatch(
      /FILE connection cannot be a target/,
    );
    expect(targetConnectionSets(forward(), CONNS, 'nowhere')).toMatch(/not in connections\.yaml/);
    expect(targetConnectionSets(forward(), CONNS, 'warehouse')).toEqual([]);
  });

  it('the warehouse as source needs a database target first', () => {
    expect(sourceConnectionSets(forward(), CONNS, 'warehouse')).toMatch(
      /pick the database as Target connection first/,
    );
  });

  it('a file or database source with a database target moves the target back to the warehouse', () => {
    const toFile = sourceConnectionSets(reverse(), CONNS, 'local_files');
    expect(toFile).toContainEqual([['sync', 'target', 'connection'], 'warehouse']);
    expect(toFile).toContainEqual([['sync', 'source', 'path'], 'data_${cal_dt8}.csv']);
    expect(toFile).toContainEqual([['sync', 'source', 'partition'], null]);
    const toDb = sourceConnectionSets(reverse(), CONNS, 'shop');
    expect(toDb).toContainEqual([['sync', 'target', 'connection'], 'warehouse']);
    expect(toDb).toContainEqual([['sync', 'source', 'partition'], null]);
    expect(toDb).toContainEqual([['sync', 'source', 'table'], 'ods.orders']);
  });

  it('file <-> database source switches keep the target as is', () => {
    const f = forward();
    expect(sourceConnectionSets(f, CONNS, 'crm')).toEqual([
      [['sync', 'source', 'connection'], 'crm'],
      [['sync', 'source', 'path'], null],
      [['sync', 'source', 'columns'], null],
      [['sync', 'source', 'partition'], null],
      [['sync', 'source', 'table'], 'ods.source_table'],
    ]);
    expect(
      sourceConnectionSets(f, [...CONNS, { name: 'more_files', type: 'FILE', path: 'more' }], 'more_files'),
    ).toEqual([[['sync', 'source', 'connection'], 'more_files']]);
  });

  it('undo-free round trip: reverse then forward again leaves a valid forward sync', () => {
    const doc = new WorkflowDocument(sampleWorkflow('daily_orders'));
    doc.setTaskFields('sync_orders', targetConnectionSets(forward(), CONNS, 'crm') as never);
    const back = sourceConnectionSets(syncOf(doc) as SyncConfig, CONNS, 'local_files');
    expect(doc.setTaskFields('sync_orders', back as never)).toEqual({ ok: true });
    const sync = syncOf(doc);
    expect(sync.source).toMatchObject({ connection: 'local_files', path: 'data_${cal_dt8}.csv' });
    expect(sync.target.connection).toBe('warehouse');
  });
});
