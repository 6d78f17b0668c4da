import { useEffect } from 'react';
import { useStore } from '../../app/store';
import { changeCount } from './scm-model';
import { initScm, scmStore } from './scm-store';
import './scm.css';

/** The pending-changes count on the Source Control activity icon; nothing when there are none. */
export function ScmActivityBadge() {
  useEffect(initScm, []);
  const count = useStore(scmStore, (s) => (s.status?.repository ? changeCount(s.status.files) : 0));
  if (count === 0) return null;
  return (
    <span className="activity-badge" data-testid="activity-scm-badge" aria-hidden="true">
      {count > 999 ? '999+' : count}
    </span>
  );
}
