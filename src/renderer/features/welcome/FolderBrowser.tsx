import { useCallback, useEffect, useState } from 'react';
import type { DirectoryListing } from '../../../shared/contract';
import { Codicon } from '../../ui/Codicon';
import { client } from '../../platform/services';

export interface FolderBrowserProps {
  /** Start folder; the host's home when omitted. */
  initialPath?: string;
  /** The folder the user is in (what "Open"/"Select" would use). */
  onChange(path: string): void;
  /** Double-click on a workspace, or Enter on the path input when it is a workspace. */
  onAccept?(path: string): void;
}

/** Browses host folders through `nativeHost.listDirectories`: breadcrumb, up, path input, folders marked when they are workspaces. */
export function FolderBrowser({ initialPath, onChange, onAccept }: FolderBrowserProps) {
  const [listing, setListing] = useState<DirectoryListing | null>(null);
  const [input, setInput] = useState(initialPath ?? '');
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const go = useCallback(
    async (path?: string) => {
      try {
        const next = await client.nativeHost.listDirectories(path ? { path } : undefined);
        setListing(next);
        setInput(next.path);
        setSelected(null);
        setError(null);
        onChange(next.path);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [onChange],
  );

  useEffect(() => {
    void go(initialPath || undefined);
    // Only the first path: later navigation is the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const crumbs = listing ? breadcrumbs(listing.path) : [];

  return (
    <div className="folder-browser" data-testid="folder-browser">
      <div className="folder-browser-bar">
        <button
          className="icon-button"
          title="Up one folder"
          aria-label="Up one folder"
          disabled={!listing?.parent}
          onClick={() => listing?.parent && void go(listing.parent)}
        >
          <Codicon name="arrow-up" />
        </button>
        <input
          className="input"
          data-testid="folder-browser-path"
          value={input}
          spellCheck={false}
          aria-label="Folder path"
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              e.stopPropagation();
              void go(input.trim());
            }
          }}
        />
      </div>
      <div className="breadcrumbs folder-browser-crumbs">
        {crumbs.map((c, i) => (
          <span key={c.path} className="breadcrumb">
            {i > 0 && <Codicon name="chevron-right" className="breadcrumb-sep" />}
            <button className="link-button" onClick={() => void go(c.path)}>
              {c.label}
            </button>
          </span>
        ))}
      </div>
      {error && <div className="form-error">{error}</div>}
      <div className="folder-browser-list" role="listbox" aria-label="Folders">
        {listing && listing.entries.length === 0 && <div className="empty-hint">No subfolders</div>}
        {listing?.entries.map((e) => (
          <div
            key={e.path}
            role="option"
            aria-selected={selected === e.path}
            tabIndex={0}
            className={`folder-browser-item${selected === e.path ? ' selected' : ''}`}
            data-testid="folder-browser-item"
            data-path={e.path}
            onClick={() => setSelected(e.path)}
            onDoubleClick={() => (e.isWorkspace && onAccept ? onAccept(e.path) : void go(e.path))}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter') {
                ev.stopPropagation();
                void go(e.path);
              }
            }}
          >
            <Codicon
              name={e.isWorkspace ? 'root-folder' : 'folder'}
              className={e.isWorkspace ? 'tone-workflow' : 'tone-folder'}
            />
            <span className="folder-browser-name">{e.name}</span>
            {e.isWorkspace && <span className="badge">workspace</span>}
          </div>
        ))}
      </div>
    </div>
  );
}

/** `/home/ana/work` -> `/`, `home`, `ana`, `work` with their paths; handles `C:\` roots too. */
export function breadcrumbs(path: string): { label: string; path: string }[] {
  const sep = path.includes('\\') && !path.includes('/') ? '\\' : '/';
  const parts = path.split(sep).filter(Boolean);
  const out: { label: string; path: string }[] = [];
  const absolute = path.startsWith(sep);
  if (absolute) out.push({ label: sep, path: sep });
  let acc = absolute ? '' : undefined;
  for (const part of parts) {
    acc =
      acc === undefined
        ? part + (/^[A-Za-z]:$/.test(part) ? sep : '')
        : acc.endsWith(sep)
          ? acc + part
          : acc + sep + part;
    out.push({ label: part, path: acc });
  }
  return out;
}
