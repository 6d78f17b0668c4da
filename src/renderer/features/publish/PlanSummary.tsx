import type { PlanStepInfo } from '../../../shared/contract';
import { ActionBadge } from './ActionBadge';

/** Counts per verdict, shown above the table. */
export function PlanSummary({ steps }: { steps: PlanStepInfo[] }) {
  const count = (pred: (s: PlanStepInfo) => boolean): number => steps.filter(pred).length;
  const items = [
    { action: 'create' as const, n: count((s) => s.action === 'create' && !s.manual) },
    { action: 'update' as const, n: count((s) => s.action === 'update') },
    { action: 'remote-changed' as const, n: count((s) => s.action === 'remote-changed') },
    { action: 'unchanged' as const, n: count((s) => s.action === 'unchanged') },
  ];
  const manual = count((s) => !!s.manual);
  return (
    <div className="plan-summary" data-testid="plan-summary">
      {items.map((i) => (
        <span key={i.action} className="plan-summary-item">
          <ActionBadge action={i.action} /> {i.n}
        </span>
      ))}
      {manual > 0 && (
        <span className="plan-summary-item">
          <ActionBadge action="create" manual /> {manual}
        </span>
      )}
    </div>
  );
}
