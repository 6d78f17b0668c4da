import { useState } from 'react';
import { FormDialog } from '../../ui/FormDialog';
import { notifyError } from '../../app/notifications';
import { client } from '../../platform/services';
import { createWorkspace } from '../workspace';
import { closeWelcomeDialog, hostCapabilities } from './welcome-store';
import { FolderBrowser } from './FolderBrowser';

const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/;

/** New Workspace: a name and a parent folder, then `workspace.create`. */
export function NewWorkspaceDialog({
  initialName,
  initialParent,
}: {
  initialName: string;
  initialParent: string;
}) {
  const [name, setName] = useState(initialName);
  const [parentDir, setParentDir] = useState(initialParent);
  const [browsing, setBrowsing] = useState(false);
  const [busy, setBusy] = useState(false);
  const nameError =
    name && !NAME.test(name) ? 'Use letters, digits, space, _ . - (starting with a letter or digit).' : null;
  const canCreate = !!name && !nameError && !!parentDir && !busy;

  const browse = async () => {
    try {
      const caps = await hostCapabilities();
      if (caps.nativeDialogs) {
        const picked = await client.nativeHost.pickFolder({ title: 'Parent folder of the new workspace' });
        if (picked) setParentDir(picked);
      } else {
        setBrowsing((b) => !b);
      }
    } catch (error) {
      notifyError(error, 'Could not browse folders');
    }
  };

  const create = async () => {
    if (!canCreate) return;
    setBusy(true);
    const ok = await createWorkspace(parentDir, name.trim());
    setBusy(false);
    if (ok) closeWelcomeDialog();
  };

  return (
    <FormDialog
      title="New Workspace"
      testId="new-workspace-dialog"
      width={560}
      onClose={closeWelcomeDialog}
      onSubmit={() => void create()}
      canSubmit={canCreate}
      submitLabel="Create"
      submitTestId="new-workspace-create"
    >
      <label className="form-label" htmlFor="nw-name">
        Name
      </label>
      <input
        id="nw-name"
        data-autofocus
        className="input"
        data-testid="new-workspace-name"
        value={name}
        placeholder="retail-analytics"
        spellCheck={false}
        onChange={(e) => setName(e.target.value)}
      />
      {nameError && <div className="form-error">{nameError}</div>}
      <label className="form-label" htmlFor="nw-parent">
        Location
      </label>
      <div className="form-row">
        <input
          id="nw-parent"
          className="input"
          data-testid="new-workspace-parent"
          value={parentDir}
          spellCheck={false}
          onChange={(e) => setParentDir(e.target.value)}
        />
        <button type="button" className="button secondary" onClick={() => void browse()}>
          Browse…
        </button>
      </div>
      {name && parentDir && !nameError && (
        <div className="form-hint">
          Creates <code>{joinHostPath(parentDir, name.trim())}</code> with bdp.yaml, workflows/, scripts/ and
          resources/.
        </div>
      )}
      {browsing && <FolderBrowser initialPath={parentDir} onChange={setParentDir} />}
      <button type="submit" hidden />
    </FormDialog>
  );
}

function joinHostPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}
