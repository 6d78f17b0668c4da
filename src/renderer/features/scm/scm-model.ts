import type { GitFileStatus } from '../../../shared/contract/git';

/** VS Code's letters: Modified, Added, Untracked, Deleted. */
export type GitLetter = 'M' | 'A' | 'U' | 'D';

export interface ScmEntry {
  path: string;
  letter: GitLetter;
  /** Which group the row sits in; a file with staged and unstaged changes appears in both. */
  group: 'staged' | 'changes';
}

const LETTER_TITLE: Record<GitLetter, string> = {
  M: 'Modified',
  A: 'Index Added',
  U: 'Untracked',
  D: 'Deleted',
};

export function letterTitle(letter: GitLetter): string {
  return LETTER_TITLE[letter];
}

/** Staged rows (index vs HEAD) and Changes rows (working tree vs index), each sorted by path. */
export function groupChanges(files: readonly GitFileStatus[]): { staged: ScmEntry[]; changes: ScmEntry[] } {
  const staged: ScmEntry[] = [];
  const changes: ScmEntry[] = [];
  for (const f of files) {
    if (f.index !== 'unmodified') {
      staged.push({
        path: f.path,
        group: 'staged',
        letter: f.index === 'added' ? 'A' : f.index === 'deleted' ? 'D' : 'M',
      });
    }
    if (f.worktree !== 'unmodified') {
      const letter: GitLetter =
        f.worktree === 'untracked' || f.worktree === 'added' ? 'U' : f.worktree === 'deleted' ? 'D' : 'M';
      changes.push({ path: f.path, group: 'changes', letter });
    }
  }
  const byPath = (a: ScmEntry, b: ScmEntry) => a.path.localeCompare(b.path);
  return { staged: staged.sort(byPath), changes: changes.sort(byPath) };
}

/**
 * The number on the Source Control activity icon: every row the view lists, as VS Code counts
 * its resource groups (a file staged and changed again counts twice).
 */
export function changeCount(files: readonly GitFileStatus[]): number {
  let n = 0;
  for (const f of files) n += (f.index !== 'unmodified' ? 1 : 0) + (f.worktree !== 'unmodified' ? 1 : 0);
  return n;
}

/** What the explorer shows for a file: the working tree state wins over the staged one (what is on disk now). */
export function fileLetter(f: GitFileStatus): GitLetter | null {
  if (f.worktree === 'untracked' || f.worktree === 'added') return 'U';
  if (f.worktree === 'deleted') return 'D';
  if (f.worktree === 'modified') return 'M';
  if (f.index === 'added') return 'A';
  if (f.index === 'deleted') return 'D';
  if (f.index === 'modified') return 'M';
  return null;
}

/** Precedence when a folder holds several kinds of changes (VS Code colours a folder like its "worst" child). */
const FOLDER_RANK: Record<GitLetter, number> = { D: 1, U: 2, A: 3, M: 4 };

/**
 * Letters per file and, for folders above changed files, the highest-ranked letter among
 * their descendants (folders show only the colour, not the letter).
 */
export function gitDecorations(
  files: readonly GitFileStatus[],
): Map<string, { letter: GitLetter; folder: boolean }> {
  const map = new Map<string, { letter: GitLetter; folder: boolean }>();
  for (const f of files) {
    const letter = fileLetter(f);
    if (!letter) continue;
    map.set(f.path, { letter, folder: false });
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const prev = map.get(dir);
      if (!prev || FOLDER_RANK[letter] > FOLDER_RANK[prev.letter]) map.set(dir, { letter, folder: true });
    }
  }
  return map;
}

/** "just now", "5 minutes ago", "3 days ago", then a date. `now` and `seconds` are epoch seconds / ms as named. */
export function relativeTime(seconds: number, nowMs: number = Date.now()): string {
  const diff = Math.max(0, Math.round(nowMs / 1000 - seconds));
  const units: [number, string][] = [
    [60 * 60 * 24 * 365, 'year'],
    [60 * 60 * 24 * 30, 'month'],
    [60 * 60 * 24 * 7, 'week'],
    [60 * 60 * 24, 'day'],
    [60 * 60, 'hour'],
    [60, 'minute'],
  ];
  if (diff < 45) return 'just now';
  for (const [size, name] of units) {
    const n = Math.floor(diff / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'} ago`;
  }
  return `${diff} seconds ago`;
}

/** The first line of a commit message. */
export function subjectOf(message: string): string {
  const nl = message.indexOf('\n');
  return nl < 0 ? message : message.slice(0, nl);
}

export const shortSha = (oid: string): string => oid.slice(0, 7);
