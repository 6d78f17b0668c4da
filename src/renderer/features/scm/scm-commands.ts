import type { Command } from '../../app/commands';
import { showView } from '../../app/layout-store';
import { editorStore } from '../editor';
import { isVirtualTab } from '../publish';
import { showResourceDialog } from '../resources';
import { workspaceStore } from '../workspace';
import { askCreateBranch, commit, refreshScm, scmStore } from './scm-store';
import { openHistory, parseScmTab } from './scm-tabs';

const hasWorkspace = (): boolean => workspaceStore.get().workspace !== null;

/** The file the active tab shows: the file itself, or the one a History/diff tab is about. */
function activeFile(): string | null {
  const active = editorStore.get().active;
  if (!active) return null;
  const scm = parseScmTab(active);
  if (scm) return scm.path;
  return isVirtualTab(active) ? null : active;
}

/** Source Control and Resources commands for the palette and keybindings. */
export const scmCommands: Command[] = [
  {
    id: 'view.scm',
    category: 'View',
    title: 'Show Source Control',
    keybinding: 'Mod+Shift+G',
    when: hasWorkspace,
    run: () => showView('scm'),
  },
  {
    id: 'git.commit',
    category: 'Git',
    title: 'Commit',
    when: hasWorkspace,
    run: () => (showView('scm'), void commit()),
  },
  {
    id: 'git.createBranch',
    category: 'Git',
    title: 'Create Branch…',
    when: () => hasWorkspace() && scmStore.get().status?.repository === true,
    run: askCreateBranch,
  },
  {
    id: 'git.refresh',
    category: 'Git',
    title: 'Refresh Source Control',
    when: hasWorkspace,
    run: () => void refreshScm(),
  },
  {
    id: 'git.fileHistory',
    category: 'Git',
    title: 'Open File History',
    when: () => activeFile() !== null,
    run: () => openHistory(activeFile()!),
  },
  {
    id: 'resources.register',
    category: 'Resources',
    title: 'Register as Resource…',
    when: hasWorkspace,
    run: () => {
      showView('resources');
      showResourceDialog({ kind: 'register', source: activeFile() ?? undefined });
    },
  },
];
