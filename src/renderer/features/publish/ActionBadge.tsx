import type { PlanAction } from '../../../shared/contract';

const LABEL: Record<PlanAction | 'manual' | 'blocked', string> = {
  create: 'create',
  update: 'update',
  unchanged: 'unchanged',
  'remote-changed': 'conflict',
  manual: 'prerequisite',
  blocked: 'blocked',
};

/** The plan verdict of a step as a coloured badge; resources to upload by hand show as prerequisites. */
export function ActionBadge({
  action,
  manual,
  blocked,
}: {
  action: PlanAction;
  manual?: boolean;
  blocked?: boolean;
}) {
  const key = blocked ? 'blocked' : manual ? 'manual' : action;
  return (
    <span className={`action-badge action-${key}`} data-testid="action-badge" data-action={key}>
      {LABEL[key]}
    </span>
  );
}
