import { useState } from 'react';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDateTime } from '../../ui/format-time';
import { EmptyState } from '../../ui/EmptyState';
import { ApplyResultBanner } from './ApplyResultBanner';
import { PlanSummary } from './PlanSummary';
import { PrerequisitesBar } from './PrerequisitesBar';
import { applyPlan, makePlan, publishStore, setForce } from './publish-store';
import { StepDetail } from './StepDetail';
import { StepTable } from './StepTable';

/** The Publish editor tab: the plan, a step's diff, Apply with progress and the result. */
export function PublishEditor() {
  const plan = useStore(publishStore, (s) => s.plan);
  const planning = useStore(publishStore, (s) => s.planning);
  const selected = useStore(publishStore, (s) => s.selectedStep);
  const force = useStore(publishStore, (s) => s.force);
  const applying = useStore(publishStore, (s) => s.applying);
  const result = useStore(publishStore, (s) => s.result);
  const [confirmingOverwrite, setConfirmingOverwrite] = useState(false);

  if (!plan) {
    return planning ? (
      <EmptyState
        icon="loading"
        title="Planning…"
        detail="Reading the workspace and the remote state; nothing is changed yet."
      />
    ) : (
      <EmptyState
        icon="checklist"
        title="No plan yet"
        detail="Pick an environment in the Publish view and press Plan to see what would change."
      />
    );
  }
  const blocked = plan.steps.filter((s) => s.blocked);
  const conflicts = plan.steps.filter((s) => s.action === 'remote-changed' && !s.blocked).length;
  const changes = plan.steps.filter(
    (s) =>
      !s.manual &&
      (s.action === 'create' || s.action === 'update' || (s.action === 'remote-changed' && force)),
  ).length;
  const step = plan.steps.find((s) => s.index === selected);
  const applied = result !== null;
  const canApply = !applying && !applied && changes > 0 && blocked.length === 0;
  const prerequisites = plan.steps.filter((s) => s.kind === 'resource' && s.manual).length;

  return (
    <div className="publish-editor" data-testid="publish-editor">
      <div className="publish-toolbar">
        <div className="publish-title">
          <Codicon name="cloud-upload" />
          <span>
            Publish to <strong>{plan.environment}</strong>
          </span>
          <span className="publish-subtitle">planned {formatDateTime(plan.createdAt)}</span>
        </div>
        <PlanSummary steps={plan.steps} />
        <span className="spacer" />
        {conflicts > 0 && (
          <label className="checkbox-label" data-testid="publish-force-label">
            <input
              type="checkbox"
              data-testid="publish-force"
              checked={force}
              disabled={applying || applied}
              onChange={(e) => setForce(e.target.checked)}
            />
            Overwrite remote changes ({conflicts})
          </label>
        )}
        <button
          className="button secondary"
          data-testid="publish-replan"
          disabled={applying || planning}
          onClick={() => void makePlan(plan.environment)}
        >
          <Codicon name="refresh" /> Plan again
        </button>
        <button
          className="button"
          data-testid="publish-apply"
          disabled={!canApply}
          title={changes ? undefined : 'Nothing to apply'}
          onClick={() => (force && conflicts > 0 ? setConfirmingOverwrite(true) : void applyPlan())}
        >
          {applying ? (
            <Codicon name="loading" className="codicon-modifier-spin" />
          ) : (
            <Codicon name="cloud-upload" />
          )}{' '}
          {applying ? 'Applying…' : `Apply ${changes} change${changes === 1 ? '' : 's'}`}
        </button>
      </div>
      {confirmingOverwrite && (
        <ConfirmDialog
          title="Overwrite remote changes"
          confirmLabel="Overwrite and apply"
          danger
          testId="publish-overwrite-dialog"
          onConfirm={() => void applyPlan()}
          onClose={() => setConfirmingOverwrite(false)}
        >
          {conflicts} workflow{conflicts === 1 ? ' was' : 's were'} changed on {plan.environment} since the
          last publish:{' '}
          {plan.steps
            .filter((s) => s.action === 'remote-changed' && !s.blocked)
            .map((s) => s.name)
            .join(', ')}
          . Applying replaces {conflicts === 1 ? 'that change' : 'those changes'} with the workspace&apos;s
          version.
        </ConfirmDialog>
      )}
      {conflicts > 0 && !force && !applied && (
        <div className="publish-warning" data-testid="publish-conflict-warning">
          <Codicon name="warning" className="sev-warning" />
          {conflicts} workflow{conflicts === 1 ? ' was' : 's were'} changed on the target since the last
          publish. They are skipped unless you tick “Overwrite remote changes”.
        </div>
      )}
      {blocked.map((s) => (
        <div key={s.index} className="publish-warning" data-testid="publish-blocked">
          <Codicon name="error" className="sev-error" />
          {s.blocked}
        </div>
      ))}
      {result && <ApplyResultBanner plan={plan} result={result} />}
      {prerequisites > 0 && <PrerequisitesBar count={prerequisites} />}
      <div className="publish-body">
        <StepTable steps={plan.steps} />
        {step ? (
          <StepDetail step={step} />
        ) : (
          <div className="step-detail step-nodiff">Select a step to see its details.</div>
        )}
      </div>
    </div>
  );
}
