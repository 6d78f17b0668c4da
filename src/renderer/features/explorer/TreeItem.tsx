import { memo } from 'react';
import { Codicon } from '../../ui/Codicon';
import { fileIcon } from '../../ui/file-icons';
import type { TreeRow } from '../workspace';
import { NameBox } from './NameBox';
import type { GitDecoration } from './use-git-decorations';

export interface TreeItemProps {
  row: TreeRow;
  index: number;
  top: number;
  selected: boolean;
  focused: boolean;
  active: boolean;
  problems: 'error' | 'warning' | null;
  /** Git status letter/colour (folders: colour only). */
  git?: GitDecoration | null;
  onClick(row: TreeRow, e: React.MouseEvent): void;
  onDoubleClick(row: TreeRow): void;
  onContextMenu(row: TreeRow, e: React.MouseEvent): void;
}

export const ROW_HEIGHT = 22;
const INDENT = 12;

/** One explorer row; memoised, so scrolling a 5,000-file tree re-renders only the rows that changed. */
export const TreeItem = memo(function TreeItem({
  row,
  index,
  top,
  selected,
  focused,
  active,
  problems,
  git,
  onClick,
  onDoubleClick,
  onContextMenu,
}: TreeItemProps) {
  const icon = fileIcon(row.name, row.kind, row.expanded);
  const editing = row.edit !== undefined;
  return (
    <div
      id={`tree-row-${index}`}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={row.kind === 'dir' ? row.expanded : undefined}
      aria-selected={selected}
      className={`tree-item${selected ? ' selected' : ''}${focused ? ' focused' : ''}${active ? ' active-file' : ''}${problems ? ' has-' + problems : ''}`}
      data-testid={editing && row.edit !== 'rename' ? 'tree-new-item' : 'tree-item'}
      data-path={editing && row.edit !== 'rename' ? undefined : row.path}
      data-kind={row.kind}
      data-git={git?.letter}
      style={{ top, paddingLeft: 8 + row.depth * INDENT }}
      onClick={(e) => !editing && onClick(row, e)}
      onDoubleClick={() => !editing && onDoubleClick(row)}
      onContextMenu={(e) => onContextMenu(row, e)}
    >
      {Array.from({ length: row.depth }, (_, i) => (
        <span key={i} className="tree-guide" style={{ left: 8 + i * INDENT + 7 }} />
      ))}
      <span className="tree-twistie">
        {row.kind === 'dir' && <Codicon name={row.expanded ? 'chevron-down' : 'chevron-right'} />}
      </span>
      <Codicon name={icon.icon} className={`file-icon tone-${icon.tone}`} />
      {editing ? (
        <NameBox row={row} />
      ) : (
        <>
          <span className={`tree-label${git ? ` git-${git.letter}` : ''}`}>{row.name}</span>
          {problems && (
            <span className={`tree-decoration sev-${problems}`}>{problems === 'error' ? '●' : '●'}</span>
          )}
          {git && !git.folder && (
            <span className={`tree-git-letter git-${git.letter}`} data-testid="tree-git-letter">
              {git.letter}
            </span>
          )}
        </>
      )}
    </div>
  );
});
