import { memo } from 'react';
import type { RunInstanceSummary } from '../../../shared/contract/runner';
import { durationOf, formatDuration } from './gantt-scale';
import { RunStateBadge } from './RunStateBadge';
import { openInstance } from './runs-store';

/** One instance in the Runs side bar: state, workflow, business date, duration. */
export const RunListItem = memo(function RunListItem({
  instance,
  selected,
  now,
}: {
  instance: RunInstanceSummary;
  selected: boolean;
  now: number;
}) {
  const duration = formatDuration(durationOf(instance.startTime, instance.endTime, now));
  return (
    <div
      className={`run-item${selected ? ' selected' : ''}`}
      role="option"
      aria-selected={selected}
      tabIndex={0}
      data-testid="run-item"
      data-instance={instance.instanceId}
      data-state={instance.status}
      data-workflow={instance.workflow}
      title={`${instance.instanceId}\ntrigger ${instance.triggerTime}${instance.reason ? `\n${instance.reason}` : ''}`}
      onClick={() => openInstance(instance.instanceId)}
      onDoubleClick={() => openInstance(instance.instanceId, true)}
      onKeyDown={(e) => e.key === 'Enter' && openInstance(instance.instanceId, true)}
    >
      <div className="run-item-line">
        <RunStateBadge state={instance.status} compact />
        <span className="run-item-workflow">{instance.workflow}</span>
        <span className="run-item-date">{instance.calDt}</span>
      </div>
      <div className="run-item-line run-item-meta">
        <span className={`run-item-state run-text-${instance.status}`}>{instance.status}</span>
        {instance.scope.kind !== 'workflow' && (
          <span className="run-item-scope">
            {instance.scope.kind === 'node' ? 'node' : 'node+down'} {instance.scope.node}
          </span>
        )}
        {instance.lane && <span className="run-item-scope">backfill</span>}
        <span className="run-item-duration">{duration}</span>
      </div>
    </div>
  );
});
