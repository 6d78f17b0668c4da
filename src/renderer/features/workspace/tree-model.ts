import type { FileEntry } from '../../../shared/contract';

/** An inline edit shown in the tree: a name box for a new file/folder, or a rename. */
export type PendingEdit =
  { kind: 'new-file' | 'new-folder'; parent: string } | { kind: 'rename'; path: string };

export interface TreeRow {
  /** The entry's path; for a new-item row `<parent>/` + a marker. */
  path: string;
  name: string;
  kind: 'file' | 'dir';
  depth: number;
  expanded: boolean;
  /** Set on the row that shows a name box. */
  edit?: PendingEdit['kind'];
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Folders first, then by name, natural order (file2 before file10), case-insensitive. */
export function compareEntries(
  a: Pick<FileEntry, 'kind' | 'name'>,
  b: Pick<FileEntry, 'kind' | 'name'>,
): number {
  if (a.kind !== b.kind) return a.kind === 'dir' ? -1 : 1;
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export function sortTree(entries: readonly FileEntry[]): FileEntry[] {
  return [...entries]
    .sort(compareEntries)
    .map((e) => (e.children ? { ...e, children: sortTree(e.children) } : e));
}

export const NEW_ITEM_MARKER = '\u0000new';

/**
 * The visible rows of a sorted tree: children of expanded folders follow their parent.
 * A pending new file/folder appears first among its parent's children (the parent is treated as expanded).
 */
export function flattenTree(
  entries: readonly FileEntry[],
  expanded: ReadonlySet<string>,
  pending: PendingEdit | null = null,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const pendingNew = pending && pending.kind !== 'rename' ? pending : null;
  const newRow = (parent: string, depth: number): TreeRow => ({
    path: (parent ? parent + '/' : '') + NEW_ITEM_MARKER,
    name: '',
    kind: pendingNew!.kind === 'new-folder' ? 'dir' : 'file',
    depth,
    expanded: false,
    edit: pendingNew!.kind,
  });
  const walk = (list: readonly FileEntry[], depth: number, parent: string): void => {
    if (pendingNew && pendingNew.parent === parent) rows.push(newRow(parent, depth));
    for (const e of list) {
      const isOpen =
        e.kind === 'dir' &&
        (expanded.has(e.path) ||
          pendingNew?.parent === e.path ||
          (pendingNew?.parent.startsWith(e.path + '/') ?? false));
      const row: TreeRow = { path: e.path, name: e.name, kind: e.kind, depth, expanded: isOpen };
      if (pending?.kind === 'rename' && pending.path === e.path) row.edit = 'rename';
      rows.push(row);
      if (isOpen) walk(e.children ?? [], depth + 1, e.path);
    }
  };
  walk(entries, 0, '');
  return rows;
}

/** Every file path in the tree, depth-first in display order. */
export function collectFiles(entries: readonly FileEntry[], out: string[] = []): string[] {
  for (const e of entries) {
    if (e.kind === 'file') out.push(e.path);
    else if (e.children) collectFiles(e.children, out);
  }
  return out;
}

export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(parent: string, name: string): string {
  return parent ? `${parent}/${name}` : name;
}

/** Index of the row's parent folder in `rows`, or -1 at the top level. */
export function parentRowIndex(rows: readonly TreeRow[], index: number): number {
  const depth = rows[index]?.depth ?? 0;
  for (let i = index - 1; i >= 0; i--) if (rows[i].depth < depth) return i;
  return -1;
}

/** All folder paths on the way to `path` (to reveal a file in the tree). */
export function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Why a new name is not acceptable, or null when it is. */
export function validateName(name: string, siblings: readonly string[]): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'A file or folder name must be provided.';
  if (/[\\:*?"<>|\0]/.test(trimmed)) return 'The name contains characters that are not allowed.';
  if (trimmed.split('/').some((p) => p === '..' || p === '.' || p === ''))
    return 'The name is not a valid path.';
  if (siblings.some((s) => s.toLowerCase() === trimmed.toLowerCase()))
    return `A file or folder ${trimmed} already exists at this location.`;
  return null;
}

/** The entry at `path`, or undefined. */
export function findEntry(entries: readonly FileEntry[], path: string): FileEntry | undefined {
  let list = entries;
  let found: FileEntry | undefined;
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) {
    const want = parts.slice(0, i + 1).join('/');
    found = list.find((e) => e.path === want);
    if (!found) return undefined;
    list = found.children ?? [];
  }
  return found;
}
