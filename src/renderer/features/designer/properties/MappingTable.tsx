import { useState } from 'react';
import { Codicon } from '../../../ui/Codicon';
import type { SetFields } from './task-edit';

export interface MappingRow {
  source: string;
  target: string;
  type?: string;
}

/** Common warehouse column types offered in the type cell (anything else can be typed). */
const TYPES = ['VARCHAR', 'BIGINT', 'INTEGER', 'DOUBLE', 'DECIMAL(10,2)', 'BOOLEAN', 'DATE', 'TIMESTAMP'];

function Cell({
  value,
  label,
  onCommit,
  list,
}: {
  value: string;
  label: string;
  onCommit(v: string): string | null;
  list?: string;
}) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === value) return;
    const reason = onCommit(draft.trim());
    setError(reason);
    if (!reason) setDraft(draft.trim());
  };
  return (
    <input
      className={`prop-input mono prop-cell${error ? ' invalid' : ''}`}
      aria-label={label}
      title={error ?? undefined}
      value={draft}
      list={list}
      spellCheck={false}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          setDraft(value);
          setError(null);
        }
      }}
    />
  );
}

/** Field mapping source column -> target column (type): edit cells, add, remove and reorder rows. */
export function MappingTable({
  rows,
  set,
  sourceColumns,
}: {
  rows: MappingRow[];
  set: SetFields;
  sourceColumns: string[];
}) {
  const [error, setError] = useState<string | null>(null);
  const write = (next: MappingRow[]) => setError(set([['sync', 'mapping'], next.length ? next : null]));
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row);
    write(next);
  };
  const fromColumns = sourceColumns.filter((c) => !rows.some((r) => r.source === c));
  return (
    <div className="prop-field" data-testid="prop-mapping">
      <label>Field mapping</label>
      <datalist id="bdp-mapping-types">
        {TYPES.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {rows.length > 0 ? (
        <table className="prop-table">
          <thead>
            <tr>
              <th>Source</th>
              <th>Target</th>
              <th>Type</th>
              <th aria-label="Row actions" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              // Keyed by content: a cell whose value changed elsewhere (YAML, undo) starts from the new value.
              <tr key={`${i}:${r.source}:${r.target}:${r.type ?? ''}`} data-testid="prop-mapping-row">
                <td>
                  <Cell
                    value={r.source}
                    label={`Row ${i + 1} source`}
                    onCommit={(v) => set([['sync', 'mapping', i, 'source'], v])}
                  />
                </td>
                <td>
                  <Cell
                    value={r.target}
                    label={`Row ${i + 1} target`}
                    onCommit={(v) => set([['sync', 'mapping', i, 'target'], v])}
                  />
                </td>
                <td>
                  <Cell
                    value={r.type ?? ''}
                    label={`Row ${i + 1} type`}
                    list="bdp-mapping-types"
                    onCommit={(v) => set([['sync', 'mapping', i, 'type'], v || null])}
                  />
                </td>
                <td className="prop-row-actions">
                  <button
                    type="button"
                    className="icon-button"
                    title="Move up"
                    aria-label={`Move row ${i + 1} up`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    <Codicon name="arrow-up" />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    title="Move down"
                    aria-label={`Move row ${i + 1} down`}
                    disabled={i === rows.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    <Codicon name="arrow-down" />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    title="Remove row"
                    aria-label={`Remove row ${i + 1}`}
                    onClick={() => write(rows.filter((_, j) => j !== i))}
                  >
                    <Codicon name="trash" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="prop-hint">No mapping: columns are copied by name.</div>
      )}
      <div className="prop-actions">
        <button
          type="button"
          className="prop-button"
          data-testid="prop-mapping-add"
          onClick={() => {
            const used = new Set(rows.map((r) => r.source));
            let n = rows.length + 1;
            while (used.has(`column_${n}`)) n++;
            write([...rows, { source: `column_${n}`, target: `column_${n}`, type: 'VARCHAR' }]);
          }}
        >
          <Codicon name="add" /> Add row
        </button>
        {fromColumns.length > 0 && (
          <button
            type="button"
            className="prop-button"
            title={fromColumns.join(', ')}
            onClick={() =>
              write([...rows, ...fromColumns.map((c) => ({ source: c, target: c, type: 'VARCHAR' }))])
            }
          >
            <Codicon name="symbol-field" /> Add source columns ({fromColumns.length})
          </button>
        )}
      </div>
      {error && (
        <div className="prop-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
