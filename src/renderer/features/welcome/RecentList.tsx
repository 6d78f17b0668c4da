import { Codicon } from '../../ui/Codicon';
import { openWorkspace } from '../workspace';
import { useRecent } from './use-recent';

/** Shortens a path under the home folder to `~/…` for display. */
function displayPath(root: string): string {
  return root.replace(/^\/(home|Users)\/[^/]+/, '~');
}

export function RecentList({ disabled }: { disabled: boolean }) {
  const recent = useRecent();
  if (recent === null) return <div className="empty-hint">Loading…</div>;
  if (recent.length === 0)
    return (
      <div className="empty-hint">No recent workspaces. Open a folder or the sample to get started.</div>
    );
  return (
    <ul className="welcome-list">
      {recent.slice(0, 8).map((r) => (
        <li key={r.root}>
          <button
            className="welcome-link recent-item"
            data-testid="recent-item"
            data-root={r.root}
            disabled={disabled}
            title={r.root}
            onClick={() => void openWorkspace(r.root)}
          >
            <Codicon name="root-folder" />
            <span className="recent-name">{r.name}</span>
            <span className="recent-path">{displayPath(r.root)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
