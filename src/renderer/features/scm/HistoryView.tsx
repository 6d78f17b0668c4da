import { useEffect, useState } from 'react';
import { formatDateTime } from '../../ui/format-time';
import type { GitCommitInfo } from '../../../shared/contract/git';
import { notify, notifyError } from '../../app/notifications';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { client } from '../../platform/services';
import { openFile } from '../editor';
import { DiffPane } from './DiffPane';
import { refreshScm, scmStore } from './scm-store';
import { relativeTime, shortSha, subjectOf } from './scm-model';
import type { DiffSide } from './scm-tabs';

const LOG_LIMIT = 500;

/** The comparison a click on a commit shows: what that commit changed in the file. */
function changeOf(commits: GitCommitInfo[], index: number): { left: DiffSide; right: DiffSide } {
  return { left: commits[index + 1]?.oid ?? 'EMPTY', right: commits[index].oid };
}

/**
 * A file's history: the commits that touched it (newest first) beside a diff. Picking a commit
 * shows its change; the Left/Right pickers compare any two of working copy, HEAD and the commits.
 */
export function HistoryView({ path }: { path: string }) {
  const head = useStore(scmStore, (s) => s.status?.head ?? null);
  const [commits, setCommits] = useState<GitCommitInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sides, setSides] = useState<{ left: DiffSide; right: DiffSide }>({
    left: 'HEAD',
    right: 'WORKTREE',
  });
  const [restoring, setRestoring] = useState<GitCommitInfo | null>(null);

  useEffect(() => {
    let live = true;
    client.git.log({ path, limit: LOG_LIMIT }).then(
      (list) => {
        if (!live) return;
        setCommits(list);
        setError(null);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [path, head]);

  const options: { value: DiffSide; label: string }[] = [
    { value: 'WORKTREE', label: 'Working copy' },
    { value: 'HEAD', label: 'HEAD' },
    ...(commits ?? []).map((c) => ({ value: c.oid, label: `${shortSha(c.oid)} ${subjectOf(c.message)}` })),
    { value: 'EMPTY', label: 'Empty' },
  ];
  const rowClass = (oid: string): string =>
    sides.right === oid ? ' selected' : sides.left === oid ? ' base' : '';

  return (
    <div className="history-view" data-testid="history-view" data-path={path}>
      <div className="history-list-pane">
        <div className="history-header">
          <Codicon name="history" />
          <span className="history-title" title={path}>
            {path}
          </span>
          <button
            className="icon-button"
            title="Open File"
            aria-label="Open File"
            onClick={() => openFile(path, { preview: false })}
          >
            <Codicon name="go-to-file" />
          </button>
        </div>
        <div
          className={`history-row working${sides.left === 'HEAD' && sides.right === 'WORKTREE' ? ' selected' : ''}`}
          role="button"
          tabIndex={0}
          data-testid="history-working-copy"
          onClick={() => setSides({ left: 'HEAD', right: 'WORKTREE' })}
        >
          <Codicon name="edit" />
          <span className="history-subject">Working copy vs HEAD</span>
        </div>
        {error && <div className="form-error history-error">{error}</div>}
        {commits && commits.length === 0 && <div className="empty-hint">No commits touch this file yet.</div>}
        <div className="history-list" role="list">
          {commits?.map((c, i) => (
            <div
              key={c.oid}
              role="listitem"
              tabIndex={0}
              className={`history-row${rowClass(c.oid)}`}
              data-testid="history-commit"
              data-oid={c.oid}
              title={`${c.message}\n\n${c.author.name} <${c.author.email}>\n${formatDateTime(c.author.timestamp * 1000)}`}
              onClick={() => setSides(changeOf(commits, i))}
              onKeyDown={(e) => e.key === 'Enter' && setSides(changeOf(commits, i))}
            >
              <div className="history-line1">
                <span className="history-subject">{subjectOf(c.message)}</span>
                <span className="history-sha">{shortSha(c.oid)}</span>
              </div>
              <div className="history-line2">
                <span>{c.author.name}</span>
                <span className="history-date">{relativeTime(c.author.timestamp)}</span>
                <span className="history-actions">
                  <button
                    className="icon-button"
                    title="Compare with Working Copy"
                    aria-label="Compare with Working Copy"
                    data-testid="history-compare-working"
                    onClick={(e) => {
                      e.stopPropagation();
                      setSides({ left: c.oid, right: 'WORKTREE' });
                    }}
                  >
                    <Codicon name="compare-changes" />
                  </button>
                  <button
                    className="icon-button"
                    title="Restore this version…"
                    aria-label="Restore this version"
                    data-testid="history-restore"
                    onClick={(e) => {
                      e.stopPropagation();
                      setRestoring(c);
                    }}
                  >
                    <Codicon name="discard" />
                  </button>
                </span>
              </div>
            </div>
          ))}
        </div>
      </div>
      <div className="history-diff-pane">
        <div className="history-pickers">
          <SidePicker
            label="Left"
            testId="history-left"
            value={sides.left}
            options={options}
            onChange={(left) => setSides((s) => ({ ...s, left }))}
          />
          <button
            className="icon-button"
            title="Swap sides"
            aria-label="Swap sides"
            onClick={() => setSides((s) => ({ left: s.right, right: s.left }))}
          >
            <Codicon name="arrow-swap" />
          </button>
          <SidePicker
            label="Right"
            testId="history-right"
            value={sides.right}
            options={options}
            onChange={(right) => setSides((s) => ({ ...s, right }))}
          />
        </div>
        <DiffPane path={path} left={sides.left} right={sides.right} />
      </div>
      {restoring && <RestoreDialog path={path} commit={restoring} onClose={() => setRestoring(null)} />}
    </div>
  );
}

function SidePicker(props: {
  label: string;
  testId: string;
  value: DiffSide;
  options: { value: DiffSide; label: string }[];
  onChange(side: DiffSide): void;
}) {
  return (
    <label>
      {props.label}
      <select
        className="input select small"
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function RestoreDialog({ path, commit, onClose }: { path: string; commit: GitCommitInfo; onClose(): void }) {
  const restore = async (): Promise<boolean> => {
    try {
      await client.git.restore({ path, ref: commit.oid });
      notify(
        'info',
        `Restored ${path} from ${shortSha(commit.oid)}; it now shows as modified in Source Control.`,
      );
      void refreshScm();
      return true;
    } catch (error) {
      notifyError(error, `Could not restore ${path}`);
      return false;
    }
  };
  return (
    <ConfirmDialog
      title="Restore this version"
      confirmLabel="Restore"
      testId="restore-dialog"
      confirmTestId="restore-confirm"
      onConfirm={restore}
      onClose={onClose}
    >
      <p>
        Replace the working copy of <code>{path}</code> with its content at{' '}
        <code>{shortSha(commit.oid)}</code> ({subjectOf(commit.message)})?
      </p>
      <p className="form-hint">
        Nothing is committed: the file then shows as modified in Source Control. Uncommitted edits to it are
        overwritten.
      </p>
    </ConfirmDialog>
  );
}
