import { useEffect, useState } from 'react';
import { showView } from '../../app/layout-store';
import { notify, notifyError } from '../../app/notifications';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { ContextMenu, type MenuEntry } from '../../ui/ContextMenu';
import { client } from '../../platform/services';
import { askCreateBranch, initScm, refreshScm, scmStore } from './scm-store';

async function switchTo(branch: string): Promise<void> {
  try {
    await client.git.checkout({ branch });
    notify('info', `Switched to ${branch}.`);
  } catch (error) {
    notifyError(error, `Could not switch to ${branch}`);
  } finally {
    void refreshScm();
  }
}

/** The current branch in the status bar (`*` with uncommitted changes); a click lists the local branches to switch to and offers to create one. */
export function BranchStatusItem() {
  useEffect(initScm, []);
  const status = useStore(scmStore, (s) => s.status);
  const [menu, setMenu] = useState<{ x: number; y: number; items: MenuEntry[] } | null>(null);
  if (!status?.repository) return null;
  const branch = status.branch ?? (status.head ? status.head.slice(0, 7) : 'no commits');
  const dirty = status.files.length > 0;

  const open = async (target: HTMLElement) => {
    const rect = target.getBoundingClientRect();
    try {
      const { current, branches } = await client.git.branches();
      setMenu({
        x: rect.left,
        y: rect.top - 4,
        items: [
          { label: '+ Create New Branch…', run: askCreateBranch },
          'separator' as const,
          ...branches.map((b) => ({
            label: b === current ? `✓ ${b}` : `   ${b}`,
            disabled: b === current,
            run: () => void switchTo(b),
          })),
          'separator' as const,
          { label: 'Show Source Control', keybinding: 'Mod+Shift+G', run: () => showView('scm') },
        ],
      });
    } catch (error) {
      notifyError(error, 'Could not list the branches');
    }
  };

  return (
    <>
      <button
        className="status-item status-branch"
        data-testid="status-branch"
        data-branch={status.branch ?? ''}
        title={`Git branch: ${branch}${dirty ? ` (${status.files.length} uncommitted change${status.files.length === 1 ? '' : 's'})` : ''} — switch branch`}
        onClick={(e) => void open(e.currentTarget)}
      >
        <Codicon name={status.branch ? 'git-branch' : 'git-commit'} />
        <span>
          {branch}
          {dirty ? '*' : ''}
        </span>
      </button>
      {menu && <ContextMenu x={menu.x} y={menu.y} above items={menu.items} onClose={() => setMenu(null)} />}
    </>
  );
}
