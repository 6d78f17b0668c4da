import { useStore } from '../../app/store';
import { NewWorkspaceDialog } from './NewWorkspaceDialog';
import { OpenFolderDialog } from './OpenFolderDialog';
import { welcomeDialogStore } from './welcome-store';

/** Hosts the Open Folder / New Workspace dialogs; commands open them from anywhere. */
export function WelcomeDialogs() {
  const dialog = useStore(welcomeDialogStore, (s) => s);
  if (!dialog) return null;
  if (dialog.kind === 'open-folder') return <OpenFolderDialog />;
  return <NewWorkspaceDialog initialName={dialog.name} initialParent={dialog.parentDir} />;
}
