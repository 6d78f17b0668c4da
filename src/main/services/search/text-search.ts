import type { SearchMatch, SearchQuery } from '../../../shared/contract';
import { AppError } from '../../../shared/rpc/errors';

const PREVIEW_CHARS = 200;
const PREVIEW_BEFORE = 40;

/** The regular expression of a query (global, multiline). Errors: `INVALID_ARGUMENT` with the engine's reason. */
export function compileQuery(
  query: Pick<SearchQuery, 'pattern' | 'isRegex' | 'matchCase' | 'wholeWord'>,
): RegExp {
  let source = query.isRegex ? query.pattern : query.pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  if (query.wholeWord) source = `\\b(?:${source})\\b`;
  try {
    return new RegExp(source, `gm${query.matchCase ? '' : 'i'}`);
  } catch (error) {
    throw new AppError('INVALID_ARGUMENT', `not a valid regular expression: ${(error as Error).message}`);
  }
}

/** Every non-empty match in `text`, with 1-based line/column and a preview of its line. */
export function findMatches(text: string, regex: RegExp, limit: number): SearchMatch[] {
  const matches: SearchMatch[] = [];
  const lineStarts = [0];
  let scanned = 0;
  const lineOf = (offset: number): number => {
    // Line starts are collected lazily up to the offset, so a file with one match early stays cheap.
    while (scanned < offset) {
      const nl = text.indexOf('\n', scanned);
      if (nl < 0 || nl >= offset) {
        scanned = offset;
        break;
      }
      lineStarts.push(nl + 1);
      scanned = nl + 1;
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null && matches.length < limit; m = regex.exec(text)) {
    if (m[0] === '') {
      regex.lastIndex++;
      continue;
    }
    const line = lineOf(m.index);
    const start = lineStarts[line];
    const nl = text.indexOf('\n', start);
    const lineText = text.slice(start, nl < 0 ? text.length : nl).replace(/\r$/, '');
    const column = m.index - start;
    const length = Math.max(1, Math.min(m[0].length, lineText.length - column));
    const from =
      lineText.length <= PREVIEW_CHARS
        ? 0
        : Math.max(0, Math.min(column - PREVIEW_BEFORE, lineText.length - PREVIEW_CHARS));
    matches.push({
      line: line + 1,
      column: column + 1,
      length,
      preview: lineText.slice(from, from + PREVIEW_CHARS),
      previewColumn: column - from,
    });
  }
  return matches;
}

/** `text` with every match replaced; `$1`, `$&`… work for regular expressions, a plain query replaces literally. */
export function replaceMatches(
  text: string,
  regex: RegExp,
  replacement: string,
  isRegex: boolean,
): { text: string; count: number } {
  let count = 0;
  regex.lastIndex = 0;
  const next = text.replace(regex, (...args: unknown[]) => {
    const matched = args[0] as string;
    if (matched === '') return matched;
    count++;
    if (!isRegex) return replacement;
    // Captures come before the match offset (the first number); named groups may follow it.
    const groups = args.slice(
      1,
      args.findIndex((a, i) => i > 0 && typeof a === 'number'),
    ) as (string | undefined)[];
    return replacement.replace(/\$(\$|&|\d{1,2})/g, (token, ref: string) => {
      if (ref === '$') return '$';
      if (ref === '&') return matched;
      const n = Number(ref);
      return n >= 1 && n <= groups.length ? (groups[n - 1] ?? '') : token;
    });
  });
  return { text: next, count };
}
