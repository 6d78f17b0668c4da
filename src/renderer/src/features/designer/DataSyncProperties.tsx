import type { Connection, DataSyncTask } from '../../../../shared/model';
import { MappingTable } from './MappingTable';
import { parseNumberField, PropField, PropSection, PropSelect } from './PropField';
import { SourcePreview } from './SourcePreview';
import { splitList, type SetFields } from './task-edit';

type Fill = 'none' | 'column' | 'fixed' | 'placeholder';

const FILL_HINT: Record<Fill, string> = {
  none: 'The target table is not partitioned.',
  column: 'Each row goes to the partition named by its own value of the column.',
  fixed: 'Every row goes to one fixed partition value.',
  placeholder: 'A partition per run, e.g. ${cal_dt} (the business date).',
};

/** DATA_SYNC: source (connection, table or file, parsing options), target, partition fill, write rule, mapping, concurrency. */
export function DataSyncProperties({ task, set, connections, workflowPath }: { task: DataSyncTask; set: SetFields; connections: Connection[]; workflowPath: string }) {
  const { source, target } = task.sync;
  const conn = connections.find((c) => c.name === source.connection);
  const isFile = conn ? conn.type === 'FILE' : source.path !== undefined;
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
      <PropSection title="Source">
        <PropSelect
          label="Connection"
          value={source.connection}
          testId="prop-source-connection"
          options={connections.map((c) => ({ value: c.name, label: `${c.name} (${c.type})` }))}
          onCommit={(name) => {
            const next = connections.find((c) => c.name === name);
            const toFile = next?.type === 'FILE';
            if (toFile === isFile) return set([['sync', 'source', 'connection'], name]);
            // File and table sources have different fields: switch them over in one edit.
            return toFile
              ? set(
                  [['sync', 'source', 'connection'], name],
                  [['sync', 'source', 'table'], null],
                  [['sync', 'source', 'filter'], null],
                  [['sync', 'source', 'partition'], null],
                  [['sync', 'source', 'path'], 'data_${cal_dt8}.csv'],
                )
              : set(
                  [['sync', 'source', 'connection'], name],
                  [['sync', 'source', 'path'], null],
                  [['sync', 'source', 'columns'], null],
                  [['sync', 'source', 'table'], source.table ?? 'ods.source_table'],
                );
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
                onCommit={(v) => (v === '' ? 'Delimiter is required (\\t for tab)' : set([['sync', 'source', 'delimiter'], v === '\\t' ? '\t' : v]))}
              />
              <PropSelect label="Encoding" value={source.encoding} options={['UTF-8', 'GBK', 'GB2312']} onCommit={(v) => set([['sync', 'source', 'encoding'], v])} />
              <PropField
                label="Header rows"
                type="number"
                value={String(source.headerRows)}
                onCommit={(v) => {
                  const n = parseNumberField(v, 'Header rows', { min: 0, integer: true });
                  return 'reason' in n ? n.reason : set([['sync', 'source', 'headerRows'], n.value ?? 1]);
                }}
              />
              <PropSelect label="Compression" value={source.compression} options={['none', 'gzip']} onCommit={(v) => set([['sync', 'source', 'compression'], v])} />
            </div>
            <PropField
              label="Column names (comma separated)"
              value={(source.columns ?? []).join(', ')}
              mono
              multiline
              testId="prop-source-columns"
              hint="Empty: taken from the header row."
              onCommit={(v) => set([['sync', 'source', 'columns'], splitList(v).length ? splitList(v) : null])}
            />
          </>
        ) : (
          <>
            {text('Table', ['sync', 'source', 'table'], source.table, {
              placeholder: 'db.table',
              testId: 'prop-source-table',
              required: true,
            })}
            {conn?.type === 'WAREHOUSE'
              ? text('Partition', ['sync', 'source', 'partition'], source.partition, {
                  placeholder: '${cal_dt}',
                  hint: 'Value of the first partition column to read; empty reads all.',
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
        {text('Warehouse table', ['sync', 'target', 'table'], target.table, {
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
          hint={target.writeRule === 'overwrite' ? 'Replaces the partition (or the table) on every run, so reruns do not duplicate rows.' : 'Adds rows; a rerun adds them again.'}
          onCommit={(v) => set([['sync', 'target', 'writeRule'], v])}
        />
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
            const value = v === 'column' ? undefined : v === 'placeholder' ? '${cal_dt}' : (target.partition?.value ?? '2026-01-01');
            return set([['sync', 'target', 'partition'], value === undefined ? { column, fill: v } : { column, fill: v, value }]);
          }}
        />
        {target.partition && (
          <div className="prop-grid">
            {text('Partition column', ['sync', 'target', 'partition', 'column'], target.partition.column, {
              required: true,
            })}
            {target.partition.fill !== 'column' &&
              text(target.partition.fill === 'fixed' ? 'Value' : 'Placeholder', ['sync', 'target', 'partition', 'value'], target.partition.value, {
                placeholder: '${cal_dt}',
                required: true,
                testId: 'prop-partition-value',
              })}
          </div>
        )}
      </PropSection>
      <PropSection title="Mapping">
        <MappingTable rows={task.sync.mapping ?? []} set={set} sourceColumns={source.columns ?? []} />
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
