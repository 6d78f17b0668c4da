import { fuzzyMatch, type FuzzyMatch } from './fuzzy';

export interface FilePick {
  path: string;
  name: string;
  dir: string;
  /** Matched indexes in `name` (empty when the match was in the folder part). */
  nameMatch: number[];
  /** Matched indexes in `dir`. */
  dirMatch: number[];
  score: number;
}

const NAME_BONUS = 1000;

/**
 * Ranks workspace files for Ctrl+P: a match in the file name beats a match spread over the
 * path, as in VS Code. With an empty query, `recent` (most recent first) lead, then the rest in order.
 */
export function rankFiles(
  query: string,
  paths: readonly string[],
  recent: readonly string[] = [],
  limit = 200,
): FilePick[] {
  const q = query.trim();
  const split = (path: string) => {
    const i = path.lastIndexOf('/');
    return { name: path.slice(i + 1), dir: i < 0 ? '' : path.slice(0, i) };
  };
  if (!q) {
    const seen = new Set<string>();
    const ordered = [...recent.filter((p) => paths.includes(p)), ...paths].filter(
      (p) => !seen.has(p) && seen.add(p),
    );
    return ordered
      .slice(0, limit)
      .map((path) => ({ path, ...split(path), nameMatch: [], dirMatch: [], score: 0 }));
  }
  const picks: FilePick[] = [];
  for (const path of paths) {
    const { name, dir } = split(path);
    const inName = fuzzyMatch(q, name);
    if (inName) {
      picks.push({
        path,
        name,
        dir,
        nameMatch: inName.indexes,
        dirMatch: [],
        score: inName.score + NAME_BONUS - path.length * 0.01,
      });
      continue;
    }
    const inPath: FuzzyMatch | null = fuzzyMatch(q, path);
    if (inPath) {
      const offset = dir.length + 1;
      picks.push({
        path,
        name,
        dir,
        nameMatch: inPath.indexes.filter((i) => i >= offset).map((i) => i - offset),
        dirMatch: inPath.indexes.filter((i) => i < dir.length),
        score: inPath.score - path.length * 0.01,
      });
    }
  }
  picks.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  return picks.slice(0, limit);
}
