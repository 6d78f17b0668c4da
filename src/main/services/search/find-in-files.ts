import { closeSync, fstatSync, openSync, readSync, readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import {
  MAX_SEARCHED_BYTES,
  MAX_SEARCH_MATCHES,
  type FileMatches,
  type SearchQuery,
  type SearchResult,
} from '../../../shared/contract';
import { SKIPPED_DIRS, TEMP_MARKER } from '../workspace/ignored-paths';
import { resolveInside } from '../workspace/path-guard';
import { globMatcher } from './globs';
import { compileQuery, findMatches, replaceMatches } from './text-search';

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Synchronous on purpose: this runs in the search worker thread, where blocking costs nothing and
// sync reads of many small files are ~4x faster than libuv's thread pool (see scripts/bench-search.mjs).

/** Workspace-relative paths of the files Find in Files looks at, sorted; symlinks and skipped folders left out. */
export function listSearchableFiles(root: string, query: Pick<SearchQuery, 'include' | 'exclude'>): string[] {
  const include = globMatcher(query.include);
  const exclude = globMatcher(query.exclude);
  const files: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relative = prefix + entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !exclude?.(relative))
          walk(path.join(dir, entry.name), `${relative}/`);
      } else if (
        entry.isFile() &&
        !entry.name.includes(TEMP_MARKER) &&
        !exclude?.(relative) &&
        (!include || include(relative))
      ) {
        files.push(relative);
      }
    }
  };
  walk(root, '');
  return files.sort();
}

/** The text of a file, or undefined when it is binary (not UTF-8, or holding NUL bytes), too large or unreadable. */
function readSearchable(abs: string): string | undefined {
  let bytes: Buffer;
  try {
    const fd = openSync(abs, 'r');
    try {
      const { size } = fstatSync(fd);
      if (size > MAX_SEARCHED_BYTES) return undefined;
      bytes = Buffer.allocUnsafe(size);
      bytes = bytes.subarray(0, readSync(fd, bytes, 0, size, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Searches the workspace's text files. Errors: `INVALID_ARGUMENT` for a bad regular expression. */
export function findInFiles(root: string, query: SearchQuery): SearchResult {
  const regex = compileQuery(query);
  const files: FileMatches[] = [];
  let matchCount = 0;
  let searchedFiles = 0;
  let skippedFiles = 0;
  for (const relative of listSearchableFiles(root, query)) {
    if (matchCount >= MAX_SEARCH_MATCHES) break;
    const text = readSearchable(path.join(root, relative));
    if (text === undefined) {
      skippedFiles++;
      continue;
    }
    searchedFiles++;
    const matches = findMatches(text, regex, MAX_SEARCH_MATCHES - matchCount);
    if (matches.length === 0) continue;
    matchCount += matches.length;
    files.push({ path: relative, matches });
  }
  return { files, matchCount, searchedFiles, skippedFiles, limitHit: matchCount >= MAX_SEARCH_MATCHES };
}

/** The new text of each listed file that has matches (nothing is written here). Errors: `OUTSIDE_WORKSPACE`. */
export async function replaceInFiles(
  root: string,
  query: SearchQuery & { replacement: string; paths: readonly string[] },
): Promise<{ path: string; text: string; count: number }[]> {
  const regex = compileQuery(query);
  const edits: { path: string; text: string; count: number }[] = [];
  for (const relative of query.paths) {
    const text = readSearchable(await resolveInside(root, relative));
    if (text === undefined) continue;
    const replaced = replaceMatches(text, regex, query.replacement, query.isRegex);
    if (replaced.count > 0) edits.push({ path: relative, text: replaced.text, count: replaced.count });
  }
  return edits;
}

/** One search-worker job: a search, or the new texts of a replace. */
export type SearchJob =
  | { op: 'find'; root: string; query: SearchQuery }
  | { op: 'replace'; root: string; query: SearchQuery & { replacement: string; paths: string[] } };

/** Runs a job where it is called (the search worker; in-process without one). */
export function runSearchJob(
  job: SearchJob,
): Promise<SearchResult | Awaited<ReturnType<typeof replaceInFiles>>> {
  return job.op === 'find'
    ? Promise.resolve().then(() => findInFiles(job.root, job.query))
    : replaceInFiles(job.root, job.query);
}
