import { useState } from 'react';
import { useStore } from '../../../app/store';
import { Codicon } from '../../../ui/Codicon';
import { client } from '../../../platform/services';
import type { SourcePreviewResult } from '../../../../shared/contract/runner';
import { businessDateStore } from '../../editor';

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; preview: SourcePreviewResult }
  | { status: 'error'; message: string };

const ROWS = 20;

/** "Preview source": the first rows of the saved task's source for the editor's business date. */
export function SourcePreview({ workflowPath, task }: { workflowPath: string; task: string }) {
  const businessDate = useStore(businessDateStore, (s) => s);
  const [state, setState] = useState<State>({ status: 'idle' });
  const load = async () => {
    setState({ status: 'loading' });
    try {
      const preview = await client.runner.previewSource({
        workflow: workflowPath,
        task,
        businessDate,
        limit: ROWS,
      });
      setState({ status: 'done', preview });
    } catch (error) {
      setState({
        status: 'error',
        message: error instanceof Error ? error.message.replace(/^\w+: /, '') : String(error),
      });
    }
  };
  return (
    <div className="prop-preview" data-testid="source-preview">
      <div className="prop-actions">
        <button
          type="button"
          className="prop-button"
          data-testid="source-preview-button"
          disabled={state.status === 'loading'}
          onClick={() => void load()}
        >
          <Codicon
            name={state.status === 'loading' ? 'loading' : 'table'}
            className={state.status === 'loading' ? 'codicon-modifier-spin' : undefined}
          />
          Preview source
        </button>
        <span className="prop-hint">business date {businessDate}</span>
        {state.status !== 'idle' && state.status !== 'loading' && (
          <button
            type="button"
            className="icon-button"
            title="Close preview"
            aria-label="Close preview"
            onClick={() => setState({ status: 'idle' })}
          >
            <Codicon name="close" />
          </button>
        )}
      </div>
      {state.status === 'error' && (
        <div className="prop-error" role="alert">
          {state.message}
        </div>
      )}
      {state.status === 'done' && (
        <>
          <div className="prop-hint">
            {state.preview.rows.length} row{state.preview.rows.length === 1 ? '' : 's'} of{' '}
            {state.preview.resolved.path ?? state.preview.resolved.table}
          </div>
          <div className="prop-preview-scroll">
            <table className="prop-table prop-preview-table" data-testid="source-preview-table">
              <thead>
                <tr>
                  {state.preview.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {state.preview.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((v, j) => (
                      <td key={j} className={v === null ? 'null' : undefined}>
                        {v ?? 'NULL'}
                      </td>
                    ))}
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
