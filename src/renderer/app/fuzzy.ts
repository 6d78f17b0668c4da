/** Result of a fuzzy match: a score (higher is better) and the matched character indexes of the target. */
export interface FuzzyMatch {
  score: number;
  indexes: number[];
}

const isWordStart = (text: string, i: number): boolean => {
  if (i === 0) return true;
  const prev = text[i - 1];
  const cur = text[i];
  if (/[\s/\\._\-:]/.test(prev)) return true;
  return prev.toLowerCase() === prev && cur.toUpperCase() === cur && cur.toLowerCase() !== cur;
};

/**
 * Matches `query` as an in-order subsequence of `target`, case-insensitively (spaces in the
 * query are ignored). Prefers contiguous runs, word starts and early matches, like VS Code's
 * quick open. Returns null when not every query character is found.
 */
export function fuzzyMatch(query: string, target: string): FuzzyMatch | null {
  const q = query.replace(/\s+/g, '').toLowerCase();
  if (q.length === 0) return { score: 0, indexes: [] };
  const t = target.toLowerCase();
  // Cheap rejection first.
  let k = 0;
  for (let i = 0; i < t.length && k < q.length; i++) if (t[i] === q[k]) k++;
  if (k < q.length) return null;

  // Greedy from each possible start of the first character, keep the best.
  let best: FuzzyMatch | null = null;
  for (let start = t.indexOf(q[0]); start !== -1; start = t.indexOf(q[0], start + 1)) {
    const indexes: number[] = [];
    let score = 0;
    let ti = start;
    let ok = true;
    for (let qi = 0; qi < q.length; qi++) {
      // Prefer a word-start occurrence over the next plain one when the run is broken.
      let found = t.indexOf(q[qi], ti);
      if (found === -1) {
        ok = false;
        break;
      }
      if (qi > 0 && found !== indexes[qi - 1] + 1) {
        for (let j = found; j < t.length; j++) {
          if (t[j] === q[qi] && isWordStart(target, j)) {
            found = j;
            break;
          }
        }
      }
      indexes.push(found);
      score += 1;
      if (qi > 0 && found === indexes[qi - 1] + 1) score += 5;
      if (isWordStart(target, found)) score += 8;
      if (target[found] === query.replace(/\s+/g, '')[qi]) score += 1;
      ti = found + 1;
    }
    if (!ok) continue;
    score -= start * 0.1 + (indexes[indexes.length - 1] - start) * 0.05;
    if (!best || score > best.score) best = { score, indexes };
  }
  return best;
}

export interface Ranked<T> {
  item: T;
  match: FuzzyMatch;
}

/** Filters and sorts items by fuzzy score; ties keep the input order. */
export function fuzzyFilter<T>(query: string, items: readonly T[], text: (item: T) => string): Ranked<T>[] {
  const out: (Ranked<T> & { i: number })[] = [];
  items.forEach((item, i) => {
    const match = fuzzyMatch(query, text(item));
    if (match) out.push({ item, match, i });
  });
  out.sort((a, b) => b.match.score - a.match.score || a.i - b.i);
  return out.map(({ item, match }) => ({ item, match }));
}
