import { openDiff } from '../scm';
import { Codicon } from '../../ui/Codicon';
import { revertDocument, saveDocument } from './document-store';
import type { ConflictKind } from './disk-change';

/** VS Code's "file changed on disk" choice, above the editor. */
export function ConflictBar({ path, kind }: { path: string; kind: ConflictKind }) {
  return (
    <div className="conflict-bar" role="alert" data-testid="conflict-bar" data-kind={kind}>
      <Codicon name="warning" className="conflict-bar-icon" />
      <span className="conflict-bar-message">
        {kind === 'save-refused'
          ? 'Failed to save: the file has changed on disk since you opened it.'
          : 'The file has changed on disk.'}
      </span>
      <button className="button" data-testid="conflict-reload" onClick={() => void revertDocument(path)}>
        Reload
      </button>
      <button
        className="button secondary"
        data-testid="conflict-overwrite"
        onClick={() => void saveDocument(path, { overwrite: true })}
      >
        Keep mine (overwrite)
      </button>
      <button
        className="button secondary"
        data-testid="conflict-compare"
        title="Compare the version on disk (left) with your unsaved text (right)"
        onClick={() => openDiff(path, 'DISK', 'BUFFER')}
      >
        Compare
      </button>
    </div>
  );
}
