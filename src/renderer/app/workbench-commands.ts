import {
  saveActiveDocument,
  closeActiveTab,
  editorStore,
  openFile,
  switchTab,
  toggleAutoSave,
} from '../features/editor';
import { collapseAll, startNewItem } from '../features/explorer';
import { nextProblem } from '../features/problems';
import { focusSearch } from '../features/search';
import { scmCommands } from '../features/scm';
import { newWorkspace, openFolder } from '../features/welcome';
import { showNewWorkflow } from '../features/workflows';
import { closeWorkspace, openSample, refreshTree, workspaceStore } from '../features/workspace';
import { commands, type Command } from './commands';
import { layoutStore, patchLayout, showPanel, showView } from './layout-store';
import { hidePalette, paletteStore, showPalette } from './palette-store';
import { setTheme, toggleTheme } from './theme-store';

const hasWorkspace = (): boolean => workspaceStore.get().workspace !== null;
const hasEditor = (): boolean => editorStore.get().active !== null;

const list: Command[] = [
  {
    id: 'workbench.action.showCommands',
    title: 'Show All Commands',
    keybinding: 'Mod+Shift+P',
    run: () =>
      paletteStore.get().open && paletteStore.get().value.startsWith('>') ? hidePalette() : showPalette('>'),
  },
  { id: 'workbench.action.quickOpen', title: 'Go to File…', keybinding: 'Mod+P', run: () => showPalette('') },
  {
    id: 'workspace.openFolder',
    category: 'File',
    title: 'Open Folder…',
    keybinding: 'Mod+O',
    run: openFolder,
  },
  { id: 'workspace.new', category: 'File', title: 'New Workspace…', run: newWorkspace },
  {
    id: 'workspace.openSample',
    category: 'File',
    title: 'Open Sample Workspace',
    run: () => void openSample(),
  },
  {
    id: 'workspace.close',
    category: 'File',
    title: 'Close Workspace',
    when: hasWorkspace,
    run: closeWorkspace,
  },
  {
    id: 'explorer.newFile',
    category: 'File',
    title: 'New File…',
    when: hasWorkspace,
    run: () => (showView('explorer'), startNewItem('new-file')),
  },
  {
    id: 'explorer.newFolder',
    category: 'File',
    title: 'New Folder…',
    when: hasWorkspace,
    run: () => (showView('explorer'), startNewItem('new-folder')),
  },
  {
    id: 'workflow.new',
    category: 'Workflow',
    title: 'New Workflow…',
    when: hasWorkspace,
    run: () => (showView('workflows'), showNewWorkflow()),
  },
  { id: 'theme.toggle', category: 'Preferences', title: 'Toggle Theme', run: toggleTheme },
  { id: 'theme.dark', category: 'Preferences', title: 'Color Theme: Dark', run: () => setTheme('dark') },
  { id: 'theme.light', category: 'Preferences', title: 'Color Theme: Light', run: () => setTheme('light') },
  {
    id: 'theme.system',
    category: 'Preferences',
    title: 'Color Theme: Follow System',
    run: () => setTheme('system'),
  },
  {
    id: 'view.togglePanel',
    category: 'View',
    title: 'Toggle Panel',
    keybinding: 'Mod+J',
    when: hasWorkspace,
    run: () => patchLayout({ panelVisible: !layoutStore.get().panelVisible }),
  },
  {
    id: 'view.toggleSideBar',
    category: 'View',
    title: 'Toggle Side Bar',
    keybinding: 'Mod+B',
    when: hasWorkspace,
    run: () => patchLayout({ sideBarVisible: !layoutStore.get().sideBarVisible }),
  },
  {
    id: 'view.problems',
    category: 'View',
    title: 'Show Problems',
    keybinding: 'Mod+Shift+M',
    when: hasWorkspace,
    run: () => showPanel('problems'),
  },
  {
    id: 'view.explorer',
    category: 'View',
    title: 'Show Explorer',
    keybinding: 'Mod+Shift+E',
    when: hasWorkspace,
    run: () => showView('explorer'),
  },
  {
    id: 'view.search',
    category: 'View',
    title: 'Search: Find in Files',
    keybinding: 'Mod+Shift+F',
    when: hasWorkspace,
    run: () => {
      showView('search');
      focusSearch();
    },
  },
  {
    id: 'view.workflows',
    category: 'View',
    title: 'Show Workflows',
    when: hasWorkspace,
    run: () => showView('workflows'),
  },
  {
    id: 'view.resources',
    category: 'View',
    title: 'Show Resources',
    when: hasWorkspace,
    run: () => showView('resources'),
  },
  { id: 'view.runs', category: 'View', title: 'Show Runs', when: hasWorkspace, run: () => showView('runs') },
  {
    id: 'view.publish',
    category: 'View',
    title: 'Show Publish',
    when: hasWorkspace,
    run: () => showView('publish'),
  },
  {
    id: 'explorer.refresh',
    category: 'Explorer',
    title: 'Refresh Explorer',
    when: hasWorkspace,
    run: refreshTree,
  },
  {
    id: 'explorer.collapse',
    category: 'Explorer',
    title: 'Collapse Folders in Explorer',
    when: hasWorkspace,
    run: collapseAll,
  },
  {
    id: 'file.save',
    category: 'File',
    title: 'Save',
    keybinding: 'Mod+S',
    when: hasEditor,
    run: () => void saveActiveDocument(),
  },
  {
    id: 'file.toggleAutoSave',
    category: 'File',
    title: 'Toggle Auto Save',
    run: () => void toggleAutoSave(),
  },
  {
    id: 'editor.close',
    category: 'View',
    title: 'Close Editor',
    keybinding: 'Mod+W',
    when: hasEditor,
    run: closeActiveTab,
  },
  {
    id: 'editor.next',
    category: 'View',
    title: 'Open Next Recently Used Editor',
    keybinding: 'Ctrl+Tab',
    when: hasEditor,
    run: () => switchTab(1),
  },
  {
    id: 'editor.previous',
    category: 'View',
    title: 'Open Previous Editor',
    keybinding: 'Ctrl+Shift+Tab',
    when: hasEditor,
    run: () => switchTab(-1),
  },
  {
    id: 'problems.next',
    category: 'Go',
    title: 'Go to Next Problem in Files',
    keybinding: 'F8',
    when: hasWorkspace,
    run: () => {
      const p = nextProblem(workspaceStore.get().problems, editorStore.get().cursor);
      if (p) openFile(p.path, { line: p.line, column: p.column });
    },
  },
  {
    id: 'workbench.reload',
    category: 'Developer',
    title: 'Reload Window',
    run: () => window.location.reload(),
  },
  ...scmCommands,
];

/** Registers the workbench commands; returns a disposer (for StrictMode's double effects). */
export function registerWorkbenchCommands(): () => void {
  const disposers = list.map((c) => commands.register(c));
  return () => disposers.forEach((d) => d());
}
