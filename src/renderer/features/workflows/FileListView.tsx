import { useMemo, useState, type ReactNode } from 'react';
import { Codicon } from '../../ui/Codicon';
import { ContextMenu, type MenuEntry } from '../../ui/ContextMenu';
import { Highlighted } from '../../ui/Highlighted';
import { useStore } from '../../app/store';
import { fuzzyFilter } from '../../app/fuzzy';
import { editorStore, openFile, useProblems } from '../editor';
import { collectFiles, workspaceStore } from '../workspace';
import { EmptyState } from '../../ui/EmptyState';

export interface FileListViewProps {
  /** e.g. `.workflow.yaml`; the suffix is dropped from the displayed name. */
  suffix: string;
  icon: string;
  tone: string;
  noun: string;
  testId: string;
  emptyDetail: string;
  /** Shown above the list (also when it is empty), e.g. a New button. */
  toolbar?: ReactNode;
  /** Context menu entries and inline buttons for one file. */
  itemMenu?(path: string): MenuEntry[];
  itemActions?(path: string): ReactNode;
}

/** A filterable list of the workspace files with one suffix, each with its folder and problem count. */
export function FileListView({
  suffix,
  icon,
  tone,
  noun,
  testId,
  emptyDetail,
  toolbar,
  itemMenu,
  itemActions,
}: FileListViewProps) {
  const [menu, setMenu] = useState<{ x: number; y: number; path: string } | null>(null);
  const tree = useStore(workspaceStore, (s) => s.tree);
  const problems = useProblems();
  const active = useStore(editorStore, (s) => s.active);
  const [filter, setFilter] = useState('');
  const items = useMemo(
    () =>
      collectFiles(tree)
        .filter((p) => p.endsWith(suffix))
        .map((path) => {
          const i = path.lastIndexOf('/');
          return {
            path,
            name: path.slice(i + 1, path.length - suffix.length),
            dir: i < 0 ? '' : path.slice(0, i),
          };
        }),
    [tree, suffix],
  );
  const errors = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of problems) if (p.severity === 'error') m.set(p.path, (m.get(p.path) ?? 0) + 1);
    return m;
  }, [problems]);
  const shown = fuzzyFilter(filter, items, (it) => it.name);

  if (items.length === 0)
    return (
      <>
        {toolbar}
        <EmptyState icon={icon} title={`No ${noun}s yet`} detail={emptyDetail} />
      </>
    );
  return (
    <div className="view file-list-view" data-testid={testId}>
      {toolbar}
      <div className="view-filter">
        <input
          className="input"
          placeholder={`Filter ${noun}s`}
          value={filter}
          spellCheck={false}
          onChange={(e) => setFilter(e.target.value)}
          aria-label={`Filter ${noun}s`}
        />
      </div>
      <div className="list" role="list">
        {shown.map(({ item, match }) => {
          const count = errors.get(item.path) ?? 0;
          return (
            <div
              key={item.path}
              role="listitem"
              tabIndex={0}
              className={`list-item${item.path === active ? ' selected' : ''}`}
              data-testid={`${testId}-item`}
              data-path={item.path}
              title={item.path}
              onClick={() => openFile(item.path, { preview: true })}
              onDoubleClick={() => openFile(item.path, { preview: false })}
              onKeyDown={(e) => e.key === 'Enter' && openFile(item.path, { preview: false })}
              onContextMenu={
                itemMenu &&
                ((e) => {
                  e.preventDefault();
                  setMenu({ x: e.clientX, y: e.clientY, path: item.path });
                })
              }
            >
              <Codicon name={icon} className={`file-icon tone-${tone}`} />
              <span className="list-label">
                <Highlighted text={item.name} indexes={match.indexes} />
              </span>
              <span className="list-description">{item.dir}</span>
              {itemActions?.(item.path)}
              {count > 0 && (
                <span className="list-badge sev-error" title={`${count} error${count === 1 ? '' : 's'}`}>
                  {count}
                </span>
              )}
            </div>
          );
        })}
        {shown.length === 0 && (
          <div className="empty-hint">
            No {noun}s match “{filter}”.
          </div>
        )}
      </div>
      {menu && itemMenu && (
        <ContextMenu x={menu.x} y={menu.y} items={itemMenu(menu.path)} onClose={() => setMenu(null)} />
      )}
    </div>
  );
}
