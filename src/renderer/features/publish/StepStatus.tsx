import { Codicon } from '../../ui/Codicon';
import type { StepProgress } from './publish-store';

const ICON: Record<StepProgress['phase'], { icon: string; cls: string; label: string }> = {
  start: { icon: 'loading', cls: 'codicon-modifier-spin', label: 'Applying' },
  done: { icon: 'pass-filled', cls: 'sev-success', label: 'Done' },
  skipped: { icon: 'circle-slash', cls: 'step-skipped', label: 'Skipped' },
  failed: { icon: 'error', cls: 'sev-error', label: 'Failed' },
};

/** Apply progress of one step. */
export function StepStatus({ progress }: { progress?: StepProgress }) {
  if (!progress) return null;
  const i = ICON[progress.phase];
  return (
    <span
      className="step-status"
      data-testid="step-status"
      data-phase={progress.phase}
      title={progress.message ?? i.label}
    >
      <Codicon name={i.icon} className={i.cls} /> {i.label}
    </span>
  );
}
