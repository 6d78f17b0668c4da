import { lazy } from 'react';

export { DesignerErrorBoundary } from './DesignerErrorBoundary';
export { DesignerModeToggle } from './DesignerModeToggle';
export { useEditorPanes } from './editor-mode-store';
export { editWorkflowFile } from './workflow-file-edit';

// Loaded with its first tab, not with the workbench.
export const DesignerView = lazy(() => import('./DesignerView').then((m) => ({ default: m.DesignerView })));
