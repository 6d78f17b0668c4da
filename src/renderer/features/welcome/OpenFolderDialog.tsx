import { useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { openWorkspace } from '../workspace';
import { closeWelcomeDialog } from './welcome-store';
import { FolderBrowser } from './FolderBrowser';

/** The in-app Open Folder dialog, used when the host has no native dialogs (web shell). */
export function OpenFolderDialog() {
  const [path, setPath] = useState('');
  const open = async (root: string) => {
    if (await openWorkspace(root)) closeWelcomeDialog();
  };
  return (
    <Dialog
      title="Open Folder"
      testId="open-folder-dialog"
      width={560}
      onClose={closeWelcomeDialog}
      footer={
        <>
          <button className="button secondary" onClick={closeWelcomeDialog}>
            Cancel
          </button>
          <button
            className="button"
            data-testid="open-folder-confirm"
            disabled={!path}
            onClick={() => void open(path)}
          >
            Open
          </button>
        </>
      }
    >
      <FolderBrowser onChange={setPath} onAccept={(p) => void open(p)} />
    </Dialog>
  );
}
