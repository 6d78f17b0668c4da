import type { RunState } from '../../../shared/model/run';
import { RUN_STATE_LABELS } from '../../../shared/model/run';

/** A state dot with the EnOS state name (`SUCCESS`, `FAIL`, …); the UI wording is the tooltip. */
export function RunStateBadge({ state, compact = false }: { state: RunState; compact?: boolean }) {
  return (
    <span
      className={`run-state run-state-${state}`}
      title={RUN_STATE_LABELS[state]}
      data-testid="run-state"
      data-state={state}
    >
      <span className="run-state-dot" aria-hidden />
      {!compact && <span className="run-state-name">{state}</span>}
    </span>
  );
}
