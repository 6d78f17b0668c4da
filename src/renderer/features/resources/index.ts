import { lazy } from 'react';

export { ResourceDialogs } from './ResourceDialogs';
export {
  downloadVersion,
  initResources,
  openResource,
  openVersionContent,
  parseResourceTab,
  refreshResources,
  resourcesStore,
  showResourceDialog,
} from './resources-store';

// Loaded with its first tab, not with the workbench.
export const ResourceTabView = lazy(() =>
  import('./ResourceTabView').then((m) => ({ default: m.ResourceTabView })),
);
export { ResourcesView } from './ResourcesView';
