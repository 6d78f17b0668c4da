import { lazy } from 'react';

export { BranchStatusItem } from './BranchStatusItem';
export { ScmActivityBadge } from './ScmActivityBadge';
export { ScmDialogs } from './ScmDialogs';
export { ScmView } from './ScmView';
export { scmCommands } from './scm-commands';
export { gitDecorations } from './scm-model';
export type { GitLetter } from './scm-model';
export { ensureAuthor, initScm, refreshScm, scmStore } from './scm-store';
export { openDiff, openHistory, parseScmTab } from './scm-tabs';

// Loaded with its first tab, not with the workbench.
export const ScmTabView = lazy(() => import('./ScmTabView').then((m) => ({ default: m.ScmTabView })));
