import { memo, useEffect } from 'react';
import { attempt } from '../../app/notifications';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { client } from '../../platform/services';
import { openFile } from '../editor';
import { fileIcon } from '../../ui/file-icons';
import { letterTitle, groupChanges, type ScmEntry } from './scm-model';
import {
  askDiscard,
  commit,
  initScm,
  refreshScm,
  scmStore,
  setCommitMessage,
  stage,
  unstage,
} from './scm-store';
import { openDiff, openHistory, type DiffSide } from './scm-tabs';
import './scm.css';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** What a click on a row compares: everything against HEAD (staged rows: what the commit will contain). */
function sidesOf(entry: ScmEntry): [DiffSide, DiffSide] {
  if (entry.group === 'staged')
    return [entry.letter === 'A' ? 'EMPTY' : 'HEAD', entry.letter === 'D' ? 'EMPTY' : 'INDEX'];
  if (entry.letter === 'U') return ['EMPTY', 'WORKTREE'];
  if (entry.letter === 'D') return ['HEAD', 'EMPTY'];
  return ['HEAD', 'WORKTREE'];
}

const ChangeRow = memo(function ChangeRow({ entry }: { entry: ScmEntry }) {
  const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
  const dir = entry.path.includes('/') ? entry.path.slice(0, entry.path.lastIndexOf('/')) : '';
  const icon = fileIcon(name, 'file');
  const [left, right] = sidesOf(entry);
  return (
    <div
      className="list-item scm-row"
      role="treeitem"
      aria-level={2}
      aria-label={`${entry.path}, ${letterTitle(entry.letter)}`}
      tabIndex={0}
      data-testid="scm-change"
      data-group={entry.group}
      data-path={entry.path}
      data-letter={entry.letter}
      title={`${entry.path} • ${letterTitle(entry.letter)}`}
      onClick={() => openDiff(entry.path, left, right)}
      onKeyDown={(e) => e.key === 'Enter' && openDiff(entry.path, left, right)}
    >
      <Codicon name={icon.icon} className={`file-icon tone-${icon.tone}`} />
      <span className={`scm-name git-${entry.letter}${entry.letter === 'D' ? ' scm-deleted' : ''}`}>
        {name}
      </span>
      <span className="scm-dir">{dir}</span>
      <span className="list-actions" onClick={(e) => e.stopPropagation()}>
        {entry.letter !== 'D' && (
          <button
            className="icon-button"
            title="Open File"
            aria-label={`Open ${entry.path}`}
            onClick={() => openFile(entry.path, { preview: false })}
          >
            <Codicon name="go-to-file" />
          </button>
        )}
        <button
          className="icon-button"
          title="Open File History"
          aria-label={`Open the history of ${entry.path}`}
          onClick={() => openHistory(entry.path)}
        >
          <Codicon name="history" />
        </button>
        {entry.group === 'changes' ? (
          <>
            <button
              className="icon-button"
              title="Discard Changes"
              aria-label={`Discard the changes of ${entry.path}`}
              data-testid="scm-discard"
              onClick={() => askDiscard([entry.path])}
            >
              <Codicon name="discard" />
            </button>
            <button
              className="icon-button"
              title="Stage Changes"
              aria-label={`Stage ${entry.path}`}
              data-testid="scm-stage"
              onClick={() => void stage([entry.path])}
            >
              <Codicon name="add" />
            </button>
          </>
        ) : (
          <button
            className="icon-button"
            title="Unstage Changes"
            aria-label={`Unstage ${entry.path}`}
            data-testid="scm-unstage"
            onClick={() => void unstage([entry.path])}
          >
            <Codicon name="remove" />
          </button>
        )}
      </span>
      <span className={`scm-letter git-${entry.letter}`}>{entry.letter}</span>
    </div>
  );
});

function Group({
  title,
  entries,
  testId,
  actions,
}: {
  title: string;
  entries: ScmEntry[];
  testId: string;
  actions: React.ReactNode;
}) {
  return (
    <div className="scm-group" data-testid={testId}>
      <div
        className="view-section-header scm-group-header"
        role="treeitem"
        aria-level={1}
        aria-expanded={true}
        aria-label={`${title}, ${entries.length}`}
      >
        <Codicon name="chevron-down" />
        <span className="view-section-title">{title}</span>
        <div className="view-actions">{actions}</div>
        <span className="count-badge">{entries.length}</span>
      </div>
      <div role="group">
        {entries.map((e) => (
          <ChangeRow key={`${e.group}:${e.path}`} entry={e} />
        ))}
      </div>
    </div>
  );
}

/** The Source Control view: commit box, Staged Changes and Changes, as VS Code lays them out. */
export function ScmView() {
  useEffect(initScm, []);
  const { status, message, busy } = useStore(scmStore, (s) => s);
  if (!status) return <div className="view scm-view empty-hint">Reading the repository…</div>;
  if (!status.repository) {
    return (
      <div className="view scm-view" data-testid="scm-view">
        <div className="scm-empty">
          <p>The workspace is not a git repository yet.</p>
          <button
            className="button"
            data-testid="scm-init"
            onClick={() =>
              void attempt(() => client.git.init(), 'Could not initialise the repository').then(refreshScm)
            }
          >
            Initialize Repository
          </button>
        </div>
      </div>
    );
  }
  const { staged, changes } = groupChanges(status.files);
  const branch = status.branch ?? 'detached HEAD';
  return (
    <div className="view scm-view" data-testid="scm-view">
      <div className="scm-commit-box">
        <textarea
          className="input scm-message"
          data-testid="scm-message"
          placeholder={`Message (${isMac ? '⌘' : 'Ctrl'}+Enter to commit on "${branch}")`}
          aria-label="Commit message"
          rows={3}
          value={message}
          onChange={(e) => setCommitMessage(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (isMac ? e.metaKey : e.ctrlKey)) {
              e.preventDefault();
              e.stopPropagation();
              void commit();
            }
          }}
        />
        <button
          className="button scm-commit"
          data-testid="scm-commit"
          disabled={busy || !message.trim() || status.files.length === 0}
          title={
            staged.length === 0 && changes.length > 0
              ? 'Nothing is staged: commits all changes'
              : 'Commit the staged changes'
          }
          onClick={() => void commit()}
        >
          <Codicon name="check" /> {staged.length === 0 && changes.length > 0 ? 'Commit All' : 'Commit'}
        </button>
      </div>
      <div className="scm-groups" role="tree" aria-label="Changes">
        {status.files.length === 0 && (
          <div className="empty-hint scm-clean">
            No changes. The working tree matches{' '}
            {status.head ? status.head.slice(0, 7) : 'the empty repository'}.
          </div>
        )}
        {staged.length > 0 && (
          <Group
            title="Staged Changes"
            testId="scm-staged"
            entries={staged}
            actions={
              <button
                className="icon-button"
                title="Unstage All Changes"
                aria-label="Unstage All Changes"
                onClick={() => void unstage(staged.map((e) => e.path))}
              >
                <Codicon name="remove" />
              </button>
            }
          />
        )}
        {changes.length > 0 && (
          <Group
            title="Changes"
            testId="scm-changes"
            entries={changes}
            actions={
              <>
                <button
                  className="icon-button"
                  title="Discard All Changes"
                  aria-label="Discard All Changes"
                  onClick={() => askDiscard(changes.map((e) => e.path))}
                >
                  <Codicon name="discard" />
                </button>
                <button
                  className="icon-button"
                  title="Stage All Changes"
                  aria-label="Stage All Changes"
                  data-testid="scm-stage-all"
                  onClick={() => void stage(changes.map((e) => e.path))}
                >
                  <Codicon name="add" />
                </button>
              </>
            }
          />
        )}
      </div>
    </div>
  );
}
