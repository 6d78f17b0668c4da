import { lazy } from 'react';

export { PublishView } from './PublishView';
export { publishStore, selectEnvironment } from './publish-store';
export { isVirtualTab } from './virtual-tabs';

// Loaded with its first tab, not with the workbench.
export const VirtualEditor = lazy(() =>
  import('./VirtualEditor').then((m) => ({ default: m.VirtualEditor })),
);
