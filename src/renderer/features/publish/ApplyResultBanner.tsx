import type { ApplyResultInfo, PlanInfo } from '../../../shared/contract';
import { Codicon } from '../../ui/Codicon';

/** What the apply did: success with counts, or the step it stopped at and why. */
export function ApplyResultBanner({ plan, result }: { plan: PlanInfo; result: ApplyResultInfo }) {
  if (result.ok) {
    return (
      <div className="apply-result ok" data-testid="apply-result" data-ok="true">
        <Codicon name="pass-filled" className="sev-success" />
        Published to {plan.environment}: {result.applied.length} applied, {result.skipped.length} skipped.
        Periodic workflows are scheduled.
      </div>
    );
  }
  const failed = result.failed && plan.steps[result.failed.index];
  return (
    <div className="apply-result failed" data-testid="apply-result" data-ok="false">
      <Codicon name="error" className="sev-error" />
      Stopped at {failed ? `${failed.kind} ${failed.name}` : 'a step'}: {result.failed?.message}.{' '}
      {result.applied.length} step(s) were applied; plan again to continue.
    </div>
  );
}
