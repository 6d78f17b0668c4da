import { lazy } from 'react';

export { Breadcrumbs } from './Breadcrumbs';
export { BusinessDatePicker } from './BusinessDatePicker';
export { EditorWatermark } from './EditorWatermark';
export { SaveChangesDialog } from './SaveChangesDialog';
export { TabBar } from './TabBar';
export { TextView } from './TextView';
export { businessDateStore, variableContextFor } from './business-date-store';
export { documentStore, isDirty, saveActiveDocument, saveAllDocuments, saveDocument } from './document-store';
export { startEditorSession } from './editor-session';
export { editorFontSizeStore } from './editor-settings-store';
export { editorStatusStore } from './editor-status-store';
export {
  closeActiveTab,
  closePathsUnder,
  closeTab,
  editorStore,
  openFile,
  renamePaths,
  switchTab,
} from './editor-store';
export { contentStore, ensureContent } from './file-content-store';
export { aliasModelPath, ensureDoc, getDoc, pathOfModel } from './monaco-documents';
export { setRunProblems, useProblems } from './unsaved-problems';
export { workspaceResources, workspaceWorkflows } from './workflow-parameters';

// Loaded with its first tab, not with the workbench.
export const ScriptEditor = lazy(() => import('./ScriptEditor').then((m) => ({ default: m.ScriptEditor })));
export { toggleAutoSave } from './auto-save';
