import type { PlanStepInfo } from '../../../shared/contract';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { ActionBadge } from './ActionBadge';
import { publishStore, selectStep } from './publish-store';
import { StepStatus } from './StepStatus';

const KIND_ICON: Record<PlanStepInfo['kind'], string> = {
  directory: 'folder',
  resource: 'package',
  workflow: 'type-hierarchy-sub',
};

/** The plan as a table: one row per directory, resource prerequisite and workflow. */
export function StepTable({ steps }: { steps: PlanStepInfo[] }) {
  const selected = useStore(publishStore, (s) => s.selectedStep);
  const progress = useStore(publishStore, (s) => s.progress);
  return (
    <div className="plan-table" role="grid" aria-label="Publish plan" data-testid="plan-table">
      <div className="plan-row plan-head" role="row">
        <span role="columnheader">Action</span>
        <span role="columnheader">Item</span>
        <span role="columnheader">Details</span>
        <span role="columnheader">Status</span>
      </div>
      {steps.map((s) => (
        <div
          key={s.index}
          role="row"
          tabIndex={0}
          aria-selected={selected === s.index}
          className={`plan-row${selected === s.index ? ' selected' : ''}`}
          data-testid="plan-step"
          data-name={s.name}
          data-kind={s.kind}
          data-action={s.manual ? 'manual' : s.action}
          onClick={() => selectStep(s.index)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const next = steps[steps.indexOf(s) + (e.key === 'ArrowDown' ? 1 : -1)];
              if (next) {
                selectStep(next.index);
                (
                  e.currentTarget.parentElement?.querySelector(
                    `[data-testid="plan-step"]:nth-of-type(${steps.indexOf(next) + 2})`,
                  ) as HTMLElement | null
                )?.focus();
              }
            }
          }}
        >
          <span role="gridcell">
            <ActionBadge action={s.action} manual={!!s.manual} blocked={!!s.blocked} />
          </span>
          <span role="gridcell" className="plan-item">
            <Codicon
              name={KIND_ICON[s.kind]}
              className={`file-icon tone-${s.kind === 'workflow' ? 'workflow' : s.kind === 'resource' ? 'resource' : 'folder'}`}
            />
            <span className="plan-item-name">{s.name}</span>
            {s.kind === 'workflow' && s.directory && <span className="plan-item-dir">{s.directory}/</span>}
            {s.periodic && (
              <span className="plan-tag" title="Scheduling is started after publishing">
                periodic
              </span>
            )}
          </span>
          <span role="gridcell" className="plan-details" title={s.details.join('\n')}>
            {s.manual ?? s.details[0] ?? ''}
          </span>
          <span role="gridcell">
            <StepStatus progress={progress[s.index]} />
          </span>
        </div>
      ))}
    </div>
  );
}
