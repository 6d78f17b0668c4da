import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../app/store';
import { workspaceStore, baseName, parentPath, validateName, type TreeRow } from '../workspace';
import { commitEdit, explorerStore, startEdit } from './explorer-store';
import type { FileEntry } from '../../../shared/contract';

function siblingsOf(tree: FileEntry[], parent: string): string[] {
  let list = tree;
  if (parent) {
    for (const part of parent.split('/')) {
      const next = list.find((e) => e.name === part && e.kind === 'dir');
      if (!next) return [];
      list = next.children ?? [];
    }
  }
  return list.map((e) => e.name);
}

/** The inline name box for New File / New Folder / Rename, with VS Code's validation message under it. */
export function NameBox({ row }: { row: TreeRow }) {
  const pending = useStore(explorerStore, (s) => s.pending);
  const tree = useStore(workspaceStore, (s) => s.tree);
  const isRename = pending?.kind === 'rename';
  const original = isRename ? baseName(pending.path) : '';
  const [value, setValue] = useState(original);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    // Select the name without its extension(s), as VS Code does.
    const dot = original.indexOf('.', 1);
    el.setSelectionRange(0, dot > 0 ? dot : original.length);
  }, [original]);

  if (!pending) return null;
  const parent = pending.kind === 'rename' ? parentPath(pending.path) : pending.parent;
  const siblings = siblingsOf(tree, parent).filter((n) => n !== original);
  const error = value === original && isRename ? null : validateName(value, siblings);

  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit && !error && value !== original) void commitEdit(value);
    else startEdit(null);
  };

  return (
    <span className="tree-namebox">
      <input
        ref={ref}
        className={`input${error && value ? ' invalid' : ''}`}
        data-testid="tree-name-input"
        value={value}
        spellCheck={false}
        aria-label={isRename ? `Rename ${row.name}` : 'Name'}
        onClick={(e) => e.stopPropagation()}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => finish(!error && !!value.trim())}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') {
            if (!error) finish(true);
          } else if (e.key === 'Escape') finish(false);
        }}
      />
      {error && value && <span className="tree-namebox-error">{error}</span>}
    </span>
  );
}
