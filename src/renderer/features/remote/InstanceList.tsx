import { RUN_STATE_LABELS, type RunState } from '../../../shared/model/run';
import { useStore } from '../../app/store';
import { businessDateAt } from '../../ui/format-time';
import { workspaceStore } from '../workspace';
import { remoteStore, selectInstance, setFilter } from './remote-store';
import { formatDuration, formatTime } from './format-time';
import { StateBadge } from './StateBadge';

const FILTER_STATES: RunState[] = ['RUNNING', 'WAIT', 'INIT', 'SUCCESS', 'FAIL', 'CANCEL'];

/** Instances of the environment, newest first, filtered by workflow and state. */
export function InstanceList() {
  const instances = useStore(remoteStore, (s) => s.instances);
  const total = useStore(remoteStore, (s) => s.total);
  const workflows = useStore(remoteStore, (s) => s.workflows);
  const filterWorkflow = useStore(remoteStore, (s) => s.filterWorkflow);
  const filterState = useStore(remoteStore, (s) => s.filterState);
  const selected = useStore(remoteStore, (s) => s.selectedInstance);
  const zone = useStore(workspaceStore, (s) => s.workspace?.timezone);
  return (
    <section className="remote-panel remote-instances" data-testid="remote-instances">
      <div className="remote-panel-title">
        Instances <span className="count-badge">{total}</span>
        <span className="spacer" />
        <select
          className="input select small"
          aria-label="Filter by workflow"
          data-testid="remote-filter-workflow"
          value={filterWorkflow}
          onChange={(e) => setFilter({ workflow: e.target.value })}
        >
          <option value="">All workflows</option>
          {workflows.map((w) => (
            <option key={w.id} value={w.name}>
              {w.name}
            </option>
          ))}
        </select>
        <select
          className="input select small"
          aria-label="Filter by state"
          data-testid="remote-filter-state"
          value={filterState}
          onChange={(e) => setFilter({ state: e.target.value as RunState | '' })}
        >
          <option value="">All states</option>
          {FILTER_STATES.map((s) => (
            <option key={s} value={s}>
              {RUN_STATE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="instance-table" role="grid" aria-label="Instances">
        <div className="instance-row instance-head" role="row">
          <span>State</span>
          <span>Instance</span>
          <span>Business date</span>
          <span>Trigger time</span>
          <span>Duration</span>
        </div>
        {instances.length === 0 && (
          <div className="remote-empty" data-testid="remote-no-instances">
            No instances yet. Trigger a workflow to start one.
          </div>
        )}
        {instances.map((i) => (
          <div
            key={i.id}
            role="row"
            tabIndex={0}
            aria-selected={selected === i.id}
            className={`instance-row${selected === i.id ? ' selected' : ''}`}
            data-testid="remote-instance"
            data-id={i.id}
            data-state={i.state}
            onClick={() => void selectInstance(i.id)}
            onKeyDown={(e) => e.key === 'Enter' && void selectInstance(i.id)}
          >
            <span>
              <StateBadge state={i.state} />
            </span>
            <span className="instance-id" title={i.id}>
              <strong>{i.workflowName}</strong>
              <span className="muted">{i.id}</span>
            </span>
            <span
              data-testid="remote-instance-business-date"
              title={`\${cal_dt} of a run triggered at ${formatTime(i.triggerTime)}, in the workspace's time zone`}
            >
              {businessDateAt(i.triggerTime, zone)}
            </span>
            <span>{formatTime(i.triggerTime)}</span>
            <span title={i.endTime ? `ended ${formatTime(i.endTime)}` : undefined}>
              {formatDuration(i.startTime, i.endTime)}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
}
