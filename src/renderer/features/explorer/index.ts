export { ExplorerView, startNewItem } from './ExplorerView';
export { collapseAll, revealInExplorer } from './explorer-store';
export { fileMenuEntries } from './file-menu-entries';
export { useProblemSeverityByPath } from './use-problem-decorations';
