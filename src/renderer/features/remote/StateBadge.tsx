import { RUN_STATE_LABELS, type RunState } from '../../../shared/model/run';

const TONE: Partial<Record<RunState, string>> = {
  SUCCESS: 'success',
  FAIL: 'error',
  INTERNAL_ERROR: 'error',
  TIMEOUT: 'error',
  RUNNING: 'running',
  WAIT: 'waiting',
  READY: 'waiting',
  INIT: 'waiting',
  CANCEL: 'muted',
  SKIP: 'muted',
  SUSPEND: 'warning',
  RERUN: 'running',
};

/** An instance or task state with its colour. */
export function StateBadge({ state }: { state: RunState }) {
  return (
    <span
      className={`state-badge state-${TONE[state] ?? 'muted'}`}
      data-testid="state-badge"
      data-state={state}
    >
      {RUN_STATE_LABELS[state] ?? state}
    </span>
  );
}
