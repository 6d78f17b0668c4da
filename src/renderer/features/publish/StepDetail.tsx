import { lazy, Suspense } from 'react';
import type { PlanStepInfo } from '../../../shared/contract';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { ActionBadge } from './ActionBadge';
import { publishStore, setDiffSideBySide } from './publish-store';

// Monaco loads with the first diff, as the script editor does.
const PlanDiff = lazy(() => import('./PlanDiff').then((m) => ({ default: m.PlanDiff })));
const YamlPreview = lazy(() => import('./YamlPreview').then((m) => ({ default: m.YamlPreview })));

const MODE_TEXT = {
  inline: 'embedded in the command',
  prerequisite: 'upload in the console first',
  missing: 'not carried: runs as written',
  upload: 'uploaded to the Resource Center by publish',
};
const MODE_ICON = {
  inline: 'file-code',
  prerequisite: 'package',
  missing: 'warning',
  upload: 'cloud-upload',
};

/** The selected step: why, the resources its tasks need, and remote vs local side by side. */
export function StepDetail({ step }: { step: PlanStepInfo }) {
  const sideBySide = useStore(publishStore, (s) => s.diffSideBySide);
  const hasDiff = step.after !== undefined;
  // A create has nothing on the left: an inline view shows the new definition without an empty pane.
  const split = sideBySide && step.before !== undefined;
  return (
    <div className="step-detail" data-testid="step-detail">
      <div className="step-detail-head">
        <ActionBadge action={step.action} manual={!!step.manual} blocked={!!step.blocked} />
        <span className="step-detail-title">
          {step.kind} <strong>{step.name}</strong>
        </span>
        {step.path && <span className="plan-item-dir">{step.path}</span>}
        <span className="spacer" />
        {hasDiff && step.before !== undefined && (
          <button
            className="icon-button"
            title={sideBySide ? 'Inline diff' : 'Side-by-side diff'}
            aria-label="Toggle diff layout"
            onClick={() => setDiffSideBySide(!sideBySide)}
          >
            <Codicon name={sideBySide ? 'diff-single' : 'diff'} />
          </button>
        )}
      </div>
      {(step.details.length > 0 || step.manual) && (
        <ul className="step-notes">
          {step.manual && (
            <li className="manual">
              <Codicon name="warning" className="sev-warning" /> {step.manual}
            </li>
          )}
          {step.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
      {step.resources.length > 0 && (
        <div className="step-resources" data-testid="step-resources">
          <div className="step-subtitle">Resources</div>
          {step.resources.map((r) => (
            <div key={r.task} className={`step-resource mode-${r.mode}`}>
              <Codicon name={MODE_ICON[r.mode]} />
              <span className="step-resource-task">{r.task}</span>
              <span className="step-resource-source">{r.source}</span>
              <span className="step-resource-mode">{MODE_TEXT[r.mode]}</span>
            </div>
          ))}
        </div>
      )}
      {hasDiff ? (
        <>
          <div className={`diff-captions${split ? '' : ' single'}`}>
            {step.before === undefined ? (
              <span>New on the target: the definition as it will be published</span>
            ) : split ? (
              <>
                <span>Remote (as on the target now)</span>
                <span>Local (as it will be published)</span>
              </>
            ) : (
              <span>Remote → local</span>
            )}
          </div>
          <Suspense fallback={<div className="plan-diff-editor" />}>
            {step.before === undefined ? (
              <YamlPreview text={step.after ?? ''} />
            ) : (
              <PlanDiff before={step.before} after={step.after ?? ''} sideBySide={split} />
            )}
          </Suspense>
        </>
      ) : (
        <div className="step-nodiff">
          {step.action === 'unchanged' ? 'Same on both sides: nothing to do.' : 'No definition to compare.'}
        </div>
      )}
    </div>
  );
}
