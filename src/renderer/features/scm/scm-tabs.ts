import { openFile } from '../editor';
import { registerTabLabel } from '../../ui/tab-labels';

/**
 * One side of a comparison: a commit id, `HEAD`, `INDEX` (staged), `WORKTREE` (the file on
 * disk), `BUFFER` (the editor's unsaved text) or `EMPTY` (before the file existed).
 */
export type DiffSide = string;

const HISTORY = 'bdp:/history/';
const DIFF = 'bdp:/diff/';

export const historyTabPath = (path: string): string => `${HISTORY}${path}`;
export const diffTabPath = (path: string, left: DiffSide, right: DiffSide): string =>
  `${DIFF}${left}/${right}/${path}`;

export type ScmTab =
  { kind: 'history'; path: string } | { kind: 'diff'; path: string; left: DiffSide; right: DiffSide };

/** The history or diff tab a `bdp:/` path stands for, or null. */
export function parseScmTab(tab: string | null | undefined): ScmTab | null {
  if (!tab) return null;
  if (tab.startsWith(HISTORY)) return { kind: 'history', path: tab.slice(HISTORY.length) };
  if (tab.startsWith(DIFF)) {
    const m = /^([^/]+)\/([^/]+)\/(.+)$/.exec(tab.slice(DIFF.length));
    if (m) return { kind: 'diff', left: m[1], right: m[2], path: m[3] };
  }
  return null;
}

const SIDE_LABEL: Record<string, string> = {
  HEAD: 'HEAD',
  INDEX: 'Staged',
  WORKTREE: 'Working Tree',
  BUFFER: 'Unsaved',
  DISK: 'On Disk',
  EMPTY: 'Empty',
};

export function sideLabel(side: DiffSide): string {
  return SIDE_LABEL[side] ?? side.slice(0, 7);
}

const fileName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

registerTabLabel((tab) => {
  const parsed = parseScmTab(tab);
  if (!parsed) return null;
  if (parsed.kind === 'history') return `History: ${fileName(parsed.path)}`;
  return `${fileName(parsed.path)} (${sideLabel(parsed.left)} ↔ ${sideLabel(parsed.right)})`;
});

export function openHistory(path: string): void {
  openFile(historyTabPath(path), { preview: false });
}

export function openDiff(path: string, left: DiffSide, right: DiffSide): void {
  openFile(diffTabPath(path, left, right), { preview: true });
}
