import { useState } from 'react';
import { SQL_ROW_LIMIT } from '../../../shared/contract';
import { Codicon } from '../../ui/Codicon';
import { useStore } from '../../app/store';
import { openFile } from '../editor';
import { scriptRunStore } from './script-run-store';
import './script-run.css';

/** One tab per statement of the last SQL/HQL run; SELECTs show a grid of at most 3,000 rows. */
export function SqlResultsPanel() {
  const results = useStore(scriptRunStore, (s) => s.sql);
  const run = useStore(scriptRunStore, (s) => s.run);
  const [picked, setPicked] = useState<number | null>(null);
  if (results.length === 0) {
    return (
      <div className="panel-empty">
        {run?.status === 'running'
          ? 'Running…'
          : 'Run a SQL or HQL file (F5) or the statement under the cursor (Ctrl+Enter); results appear here.'}
      </div>
    );
  }
  // The newest grid by default: usually what the user just ran.
  const lastRows = [...results].reverse().find((r) => r.kind !== 'message') ?? results[results.length - 1];
  const current = results.find((r) => r.index === picked) ?? lastRows;
  return (
    <div className="sql-results" data-testid="sql-results">
      {results.length > 1 && (
        <div className="sql-results-tabs" role="tablist">
          {results.map((r) => (
            <button
              key={r.index}
              role="tab"
              aria-selected={r === current}
              className={`sql-results-tab${r === current ? ' active' : ''}`}
              title={r.statement}
              onClick={() => setPicked(r.index)}
            >
              <Codicon name={r.kind === 'error' ? 'error' : r.kind === 'rows' ? 'table' : 'check'} />
              Line {r.line}
            </button>
          ))}
        </div>
      )}
      {current.kind === 'error' ? (
        <div className="sql-results-meta error" data-testid="sql-error">
          <button
            className="link-button"
            onClick={() => run && openFile(run.path, { line: current.line, column: 1, preview: false })}
          >
            Line {current.line}
          </button>
          : {current.message}
        </div>
      ) : current.kind === 'message' ? (
        <div className="sql-results-meta">
          {current.message} · {current.elapsedMs} ms
        </div>
      ) : (
        <>
          <div className="sql-results-meta" data-testid="sql-meta" data-row-count={current.rowCount}>
            {current.rowCount?.toLocaleString()} row{current.rowCount === 1 ? '' : 's'}
            {current.truncated ? ` (first ${SQL_ROW_LIMIT.toLocaleString()} shown)` : ''} ·{' '}
            {current.elapsedMs} ms · {current.statement}
          </div>
          <div className="sql-grid-wrap">
            <table className="sql-grid" data-testid="sql-grid">
              <thead>
                <tr>
                  <th className="row-num">#</th>
                  {current.columns!.map((c, i) => (
                    <th key={i}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {current.rows!.map((row, i) => (
                  <tr key={i}>
                    <td className="row-num">{i + 1}</td>
                    {row.map((v, j) =>
                      v === null ? (
                        <td key={j} className="null">
                          NULL
                        </td>
                      ) : (
                        <td key={j} title={v.length > 60 ? v : undefined}>
                          {v}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
