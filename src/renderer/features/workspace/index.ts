export {
  ancestors,
  baseName,
  collectFiles,
  findEntry,
  flattenTree,
  joinPath,
  parentPath,
  parentRowIndex,
  sortTree,
  validateName,
} from './tree-model';
export type { PendingEdit, TreeRow } from './tree-model';
export {
  closeWorkspace,
  createWorkspace,
  initWorkspace,
  onFilesChanged,
  openSample,
  openWorkspace,
  refreshTree,
  workspaceStore,
} from './workspace-store';
