import { RUN_STATES, type RunState } from '../../../shared/model/run';
import { useStore } from '../../app/store';
import { runsStore, setRunsFilter, type TimeRange } from './runs-store';
import type { WorkflowFile } from './use-workflow-files';

const STATES = Object.keys(RUN_STATES) as RunState[];

/** Filters of the instances list: workflow, state, business dates, creation time range. */
export function RunsFilterBar({ workflows }: { workflows: WorkflowFile[] }) {
  const f = useStore(runsStore, (s) => s.filter);
  return (
    <div className="runs-filter" data-testid="runs-filter">
      <div className="runs-filter-row">
        <select
          className="input"
          aria-label="Workflow"
          data-testid="runs-filter-workflow"
          value={f.workflow}
          onChange={(e) => setRunsFilter({ workflow: e.target.value })}
        >
          <option value="">All workflows</option>
          {workflows.map((w) => (
            <option key={w.path} value={w.name}>
              {w.name}
            </option>
          ))}
        </select>
        <select
          className="input"
          aria-label="State"
          data-testid="runs-filter-status"
          value={f.status}
          onChange={(e) => setRunsFilter({ status: e.target.value as RunState | '' })}
        >
          <option value="">Any state</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="runs-filter-row">
        <input
          className="input"
          type="date"
          aria-label="Business date from"
          title="Business date from"
          value={f.from}
          onChange={(e) => setRunsFilter({ from: e.target.value })}
        />
        <span className="runs-filter-sep">–</span>
        <input
          className="input"
          type="date"
          aria-label="Business date to"
          title="Business date to"
          value={f.to}
          onChange={(e) => setRunsFilter({ to: e.target.value })}
        />
      </div>
      <div className="runs-filter-row">
        <span className="runs-filter-label">Created</span>
        <select
          className="input"
          aria-label="Created within"
          value={f.range}
          onChange={(e) => setRunsFilter({ range: e.target.value as TimeRange })}
        >
          <option value="24h">in the last 24 hours</option>
          <option value="7d">in the last 7 days</option>
          <option value="30d">in the last 30 days</option>
          <option value="all">any time</option>
        </select>
      </div>
    </div>
  );
}
