import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ContextMenu, type MenuEntry } from '../../ui/ContextMenu';
import { useStore } from '../../app/store';
import { scrollRowIntoView, useVirtualRows } from '../../ui/use-virtual-rows';
import { editorStore, openFile } from '../editor';
import { workspaceStore, flattenTree, parentRowIndex, sortTree, type TreeRow } from '../workspace';
import {
  askDelete,
  explorerStore,
  newItemParent,
  revealInExplorer,
  select,
  startEdit,
  toggleExpanded,
} from './explorer-store';
import { ROW_HEIGHT, TreeItem } from './TreeItem';
import { useProblemSeverityByPath } from './use-problem-decorations';
import { useGitDecorations } from './use-git-decorations';
import { fileMenuEntries } from './file-menu-entries';
import './explorer.css';

interface MenuState {
  x: number;
  y: number;
  row: TreeRow | null;
}

/** The workspace file tree: virtualised rows, keyboard navigation, context menu, inline edits. */
export function ExplorerTree() {
  const tree = useStore(workspaceStore, (s) => s.tree);
  const { expanded, selected, pending } = useStore(explorerStore, (s) => s);
  const activePath = useStore(editorStore, (s) => s.active);
  const sorted = useMemo(() => sortTree(tree), [tree]);
  const rows = useMemo(() => flattenTree(sorted, expanded, pending), [sorted, expanded, pending]);
  const severities = useProblemSeverityByPath();
  const gitMarks = useGitDecorations();
  const ref = useRef<HTMLDivElement>(null);
  const { start, end } = useVirtualRows(ref, rows.length, ROW_HEIGHT);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [hasFocus, setHasFocus] = useState(false);
  const selectedIndex = rows.findIndex((r) => r.path === selected);

  // Follow the active editor, as VS Code's explorer.autoReveal does.
  useEffect(() => {
    if (activePath) revealInExplorer(activePath);
  }, [activePath]);

  useEffect(() => {
    if (selectedIndex >= 0 && ref.current) scrollRowIntoView(ref.current, selectedIndex, ROW_HEIGHT);
  }, [selectedIndex]);

  const onClick = useCallback((row: TreeRow, e: React.MouseEvent) => {
    select(row.path);
    if (row.kind === 'dir') toggleExpanded(row.path);
    else openFile(row.path, { preview: !(e.ctrlKey || e.metaKey) });
  }, []);

  const onDoubleClick = useCallback((row: TreeRow) => {
    if (row.kind === 'file') openFile(row.path, { preview: false });
  }, []);

  const onContextMenu = useCallback((row: TreeRow, e: React.MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
    select(row.path);
    setMenu({ x: e.clientX, y: e.clientY, row });
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (rows.length === 0 || pending) return;
    const i = selectedIndex;
    const row = rows[i];
    const move = (to: number) => {
      e.preventDefault();
      select(rows[Math.max(0, Math.min(rows.length - 1, to))].path);
    };
    switch (e.key) {
      case 'ArrowDown':
        return move(i + 1);
      case 'ArrowUp':
        return move(i < 0 ? rows.length - 1 : i - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(rows.length - 1);
      case 'PageDown':
        return move(i + Math.floor((ref.current?.clientHeight ?? 220) / ROW_HEIGHT));
      case 'PageUp':
        return move(i - Math.floor((ref.current?.clientHeight ?? 220) / ROW_HEIGHT));
      case 'ArrowRight':
        if (!row) return;
        e.preventDefault();
        if (row.kind === 'dir' && !row.expanded) toggleExpanded(row.path, true);
        else if (row.kind === 'dir' && rows[i + 1]?.depth > row.depth) select(rows[i + 1].path);
        return;
      case 'ArrowLeft': {
        if (!row) return;
        e.preventDefault();
        if (row.kind === 'dir' && row.expanded) toggleExpanded(row.path, false);
        else {
          const p = parentRowIndex(rows, i);
          if (p >= 0) select(rows[p].path);
        }
        return;
      }
      case 'Enter':
        if (!row) return;
        e.preventDefault();
        if (row.kind === 'dir') toggleExpanded(row.path);
        else openFile(row.path, { preview: false });
        return;
      case ' ':
        if (!row) return;
        e.preventDefault();
        if (row.kind === 'dir') toggleExpanded(row.path);
        else openFile(row.path, { preview: true });
        return;
      case 'F2':
        if (!row) return;
        e.preventDefault();
        startEdit({ kind: 'rename', path: row.path });
        return;
      case 'Delete':
        if (!row) return;
        e.preventDefault();
        askDelete(row.path);
        return;
    }
  };

  const menuItems = (row: TreeRow | null): MenuEntry[] => {
    const parent = newItemParent(row?.path ?? null, row?.kind ?? null);
    const items: MenuEntry[] = [
      { label: 'New File…', run: () => startEdit({ kind: 'new-file', parent }) },
      { label: 'New Folder…', run: () => startEdit({ kind: 'new-folder', parent }) },
    ];
    if (row) {
      items.push(
        'separator',
        { label: 'Copy Relative Path', run: () => void navigator.clipboard?.writeText(row.path) },
        ...(row.kind === 'file' ? fileMenuEntries(row.path) : []),
        'separator',
        { label: 'Rename…', keybinding: 'F2', run: () => startEdit({ kind: 'rename', path: row.path }) },
        { label: 'Delete', keybinding: 'Delete', run: () => askDelete(row.path) },
      );
    }
    return items;
  };

  return (
    <div
      ref={ref}
      className={`tree${hasFocus ? ' tree-focused' : ''}`}
      role="tree"
      aria-label="Files"
      tabIndex={0}
      data-testid="explorer-tree"
      aria-activedescendant={selectedIndex >= 0 ? `tree-row-${selectedIndex}` : undefined}
      onFocus={() => setHasFocus(true)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node) && setHasFocus(false)}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => {
        e.preventDefault();
        setMenu({ x: e.clientX, y: e.clientY, row: null });
      }}
    >
      <div className="tree-content" style={{ height: rows.length * ROW_HEIGHT }}>
        {rows.slice(start, end).map((row, k) => {
          const index = start + k;
          return (
            <TreeItem
              key={row.path}
              row={row}
              index={index}
              top={index * ROW_HEIGHT}
              selected={row.path === selected}
              focused={hasFocus && row.path === selected}
              active={row.path === activePath}
              problems={severities.get(row.path) ?? null}
              git={gitMarks.get(row.path) ?? null}
              onClick={onClick}
              onDoubleClick={onDoubleClick}
              onContextMenu={onContextMenu}
            />
          );
        })}
      </div>
      {rows.length === 0 && (
        <div className="empty-hint tree-empty">The workspace is empty. Right-click to create a file.</div>
      )}
      {menu && (
        <ContextMenu x={menu.x} y={menu.y} items={menuItems(menu.row)} onClose={() => setMenu(null)} />
      )}
    </div>
  );
}
