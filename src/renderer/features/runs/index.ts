import { lazy } from 'react';

export { RunsDialogs } from './RunsDialogs';
export { RunsView } from './RunsView';
export { openRunsDialog } from './dialogs-store';
export { runTabInstance } from './run-tab';
export { openInstance, startRun } from './runs-store';
export { useParsedWorkflow, useWorkflowFiles } from './use-workflow-files';

// Loaded with its first tab, not with the workbench.
export const RunInstanceView = lazy(() =>
  import('./RunInstanceView').then((m) => ({ default: m.RunInstanceView })),
);

// The graph brings xyflow: remote instance views load it with their own chunk.
export const RunGraph = lazy(() => import('./RunGraph').then((m) => ({ default: m.RunGraph })));
