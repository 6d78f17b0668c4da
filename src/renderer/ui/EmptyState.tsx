import type { ReactNode } from 'react';
import { Codicon } from './Codicon';

export function EmptyState({
  icon,
  title,
  detail,
  children,
}: {
  icon: string;
  title: string;
  detail: string;
  children?: ReactNode;
}) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <Codicon name={icon} className="empty-state-icon" />
      <div className="empty-state-title">{title}</div>
      <div className="empty-state-detail">{detail}</div>
      {children}
    </div>
  );
}
