import type { Connection, DataSyncTask } from '../../../../shared/model';
import { MappingTable } from './MappingTable';
import { parseNumberField, PropField, PropSection, PropSelect } from './PropField';
import { SourcePreview } from './SourcePreview';
import {
  sourceConnectionSets,
  syncDirectionProblem,
  targetConnectionSets,
  targetConnections,
} from '../model/sync-direction';
import { splitList, type SetFields } from './task-edit';

type Fill = 'none' | 'column' | 'fixed' | 'placeholder';

const FILL_HINT: Record<Fill, string> = {
  none: 'The target table is not partitioned.',
  column: 'Each row goes to the partition named by its own value of the column.',
  fixed: 'Every row goes to one fixed partition value.',
  placeholder: 'A partition per run, e.g. ${cal_dt} (the business date).',
};

/** DATA_SYNC: source (connection, table or file, parsing options), target (warehouse or a database), partition fill, write rule, mapping, concurrency. */
export function DataSyncProperties({
  task,
  set,
  connections,
  workflowPath,
}: {
  task: DataSyncTask;
  set: SetFields;
  connections: Connection[];
  workflowPath: string;
}) {
  const { source, target } = task.sync;
  const conn = connections.find((c) => c.name === source.connection);
  const isFile = conn ? conn.type === 'FILE' : source.path !== undefined;
  const tconn = connections.find((c) => c.name === target.connection);
  const fromWarehouse = conn?.type === 'WAREHOUSE';
  const toDb = tconn?.type === 'POSTGRESQL' || tconn?.type === 'MYSQL';
  const problem = syncDirectionProblem(conn?.type, tconn?.type);
  const fill: Fill = target.partition?.fill ?? 'none';
  const text = (
    label: string,
    path: Array<string | number>,
    value: string | undefined,
    opts: { mono?: boolean; placeholder?: string; hint?: string; testId?: string; required?: boolean } = {},
  ) => (
    <PropField
      label={label}
      value={value ?? ''}
      mono={opts.mono ?? true}
      placeholder={opts.placeholder}
      hint={opts.hint}
      testId={opts.testId}
      onCommit={(v) => (opts.required && !v.trim() ? `${label} is required` : set([path, v.trim() || null]))}
    />
  );
  return (
    <>
      {problem && (
        <div className="prop-error" role="alert" data-testid="prop-sync-direction">
          The runner refuses this sync: {problem}.
        </div>
      )}
      <PropSection title="Source">
        <PropSelect
          key={`source-${target.connection}`}
          label="Connection"
          value={source.connection}
          testId="prop-source-connection"
          options={connections.map((c) => ({ value: c.name, label: `${c.name} (${c.type})` }))}
          hint={fromWarehouse ? 'Reads a warehouse table (one partition, or all of it).' : undefined}
          onCommit={(name) => {
            const sets = sourceConnectionSets(task.sync, connections, name);
            return typeof sets === 'string' ? sets : sets.length ? set(...sets) : null;
          }}
        />
        {isFile ? (
          <>
            {text('File path', ['sync', 'source', 'path'], source.path, {
              hint: `Relative to the connection's folder${conn?.type === 'FILE' ? ` (${conn.path})` : ''}; * and \${...} allowed.`,
              testId: 'prop-source-path',
              required: true,
            })}
            <div className="prop-grid">
              <PropField
                label="Delimiter"
                value={source.delimiter === '\t' ? '\\t' : source.delimiter}
                mono
                testId="prop-source-delimiter"
                onCommit={(v) =>
                  v === ''
                    ? 'Delimiter is required (\\t for tab)'
                    : set([['sync', 'source', 'delimiter'], v === '\\t' ? '\t' : v])
                }
              />
              <PropSelect
                label="Encoding"
                value={source.encoding}
                options={['UTF-8', 'GBK', 'GB2312']}
                onCommit={(v) => set([['sync', 'source', 'encoding'], v])}
              />
              <PropField
                label="Header rows"
                type="number"
                value={String(source.headerRows)}
                onCommit={(v) => {
                  const n = parseNumberField(v, 'Header rows', { min: 0, integer: true });
                  return 'reason' in n ? n.reason : set([['sync', 'source', 'headerRows'], n.value ?? 1]);
                }}
              />
              <PropSelect
                label="Compression"
                value={source.compression}
                options={['none', 'gzip']}
                onCommit={(v) => set([['sync', 'source', 'compression'], v])}
              />
            </div>
            <PropField
              label="Column names (comma separated)"
              value={(source.columns ?? []).join(', ')}
              mono
              multiline
              testId="prop-source-columns"
              hint="Empty: taken from the header row."
              onCommit={(v) =>
                set([['sync', 'source', 'columns'], splitList(v).length ? splitList(v) : null])
              }
            />
          </>
        ) : (
          <>
            {text(fromWarehouse ? 'Warehouse table' : 'Table', ['sync', 'source', 'table'], source.table, {
              placeholder: fromWarehouse ? 'ods.table' : 'schema.table',
              testId: 'prop-source-table',
              required: true,
            })}
            {fromWarehouse
              ? text('Partition value', ['sync', 'source', 'partition'], source.partition, {
                  placeholder: '${cal_dt}',
                  testId: 'prop-source-partition',
                  hint: "Value of the table's first partition column to copy, e.g. ${cal_dt} (the partition column is then not copied); empty copies the whole table.",
                })
              : text('Filter (WHERE …)', ['sync', 'source', 'filter'], source.filter, {
                  placeholder: "dt = '${cal_dt}'",
                  testId: 'prop-source-filter',
                })}
          </>
        )}
        <SourcePreview workflowPath={workflowPath} task={task.name} />
      </PropSection>
      <PropSection title="Target">
        <PropSelect
          key={`target-${source.connection}`}
          label="Connection"
          value={target.connection}
          testId="prop-target-connection"
          options={targetConnections(connections).map((c) => ({
            value: c.name,
            label: `${c.name} (${c.type})`,
          }))}
          hint={
            toDb
              ? 'Warehouse → database: the source is a warehouse table.'
              : 'The local warehouse. Pick a POSTGRESQL or MYSQL connection to sync a warehouse table out (the source becomes the warehouse).'
          }
          onCommit={(name) => {
            const sets = targetConnectionSets(task.sync, connections, name);
            return typeof sets === 'string' ? sets : sets.length ? set(...sets) : null;
          }}
        />
        {toDb
          ? text('Table', ['sync', 'target', 'table'], target.table, {
              placeholder: tconn?.type === 'POSTGRESQL' ? 'public.table' : 'table',
              testId: 'prop-target-table',
              required: true,
              hint: `A table of ${target.connection}${tconn?.type === 'POSTGRESQL' && tconn.schema ? ` (unqualified: schema ${tconn.schema})` : ''}; schema.table allowed. Created from the warehouse column types when missing; an existing table must have every target column.`,
            })
          : text('Warehouse table', ['sync', 'target', 'table'], target.table, {
              placeholder: 'ods.table',
              testId: 'prop-target-table',
              required: true,
            })}
        <PropSelect
          label="Write rule"
          value={target.writeRule}
          testId="prop-write-rule"
          options={[
            { value: 'overwrite', label: 'Overwrite' },
            { value: 'append', label: 'Append' },
          ]}
          hint={
            toDb
              ? target.writeRule === 'overwrite'
                ? `Empties the table (${tconn?.type === 'MYSQL' ? 'DELETE FROM' : 'TRUNCATE'}) and inserts, in one transaction: a failure keeps the old rows.`
                : 'Inserts rows in one transaction; a rerun inserts them again.'
              : target.writeRule === 'overwrite'
                ? 'Replaces the partition (or the table) on every run, so reruns do not duplicate rows.'
                : 'Adds rows; a rerun adds them again.'
          }
          onCommit={(v) => set([['sync', 'target', 'writeRule'], v])}
        />
        {!toDb && (
          <PropSelect
            label="Partition fill"
            value={fill}
            testId="prop-partition-fill"
            hint={FILL_HINT[fill]}
            options={[
              { value: 'none', label: 'Not partitioned' },
              { value: 'column', label: 'From a column' },
              { value: 'fixed', label: 'Fixed value' },
              { value: 'placeholder', label: 'Placeholder (per run)' },
            ]}
            onCommit={(v) => {
              if (v === 'none') return set([['sync', 'target', 'partition'], null]);
              const column = target.partition?.column ?? 'dt';
              const value =
                v === 'column'
                  ? undefined
                  : v === 'placeholder'
                    ? '${cal_dt}'
                    : (target.partition?.value ?? '2026-01-01');
              return set([
                ['sync', 'target', 'partition'],
                value === undefined ? { column, fill: v } : { column, fill: v, value },
              ]);
            }}
          />
        )}
        {!toDb && target.partition && (
          <div className="prop-grid">
            {text('Partition column', ['sync', 'target', 'partition', 'column'], target.partition.column, {
              required: true,
            })}
            {target.partition.fill !== 'column' &&
              text(
                target.partition.fill === 'fixed' ? 'Value' : 'Placeholder',
                ['sync', 'target', 'partition', 'value'],
                target.partition.value,
                {
                  placeholder: '${cal_dt}',
                  required: true,
                  testId: 'prop-partition-value',
                },
              )}
          </div>
        )}
      </PropSection>
      <PropSection title="Mapping">
        <MappingTable rows={task.sync.mapping ?? []} set={set} sourceColumns={source.columns ?? []} />
        {toDb && (
          <div className="prop-hint">
            Warehouse column → database column; types come from the warehouse (Type is not used). Empty:
            columns by name.
          </div>
        )}
        <PropField
          label="Concurrency"
          type="number"
          value={String(task.sync.concurrency)}
          hint="Parallel readers, 1 – 64."
          testId="prop-concurrency"
          onCommit={(v) => {
            const n = parseNumberField(v, 'Concurrency', { min: 1, max: 64, integer: true });
            return 'reason' in n ? n.reason : set([['sync', 'concurrency'], n.value]);
          }}
        />
      </PropSection>
    </>
  );
}
