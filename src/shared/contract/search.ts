import { z } from 'zod';
import { defineService } from './types';
import { relativePath } from './workspace';

export interface SearchQuery {
  /** Text or regular expression (JavaScript syntax) to find. */
  pattern: string;
  isRegex: boolean;
  matchCase: boolean;
  wholeWord: boolean;
  /** Comma-separated globs a file must match, e.g. `*.sql, scripts/**`; empty = every file. */
  include: string;
  /** Comma-separated globs of files to skip; `.git`, `.bdp` and `node_modules` are always skipped. */
  exclude: string;
}

export interface SearchMatch {
  /** 1-based line and column of the match start; `length` in UTF-16 units, on that line. */
  line: number;
  column: number;
  length: number;
  /** The line's text around the match (at most ~200 characters), and where the match starts in it. */
  preview: string;
  previewColumn: number;
}

export interface FileMatches {
  path: string;
  matches: SearchMatch[];
}

export interface SearchResult {
  files: FileMatches[];
  matchCount: number;
  /** Text files read. */
  searchedFiles: number;
  /** Files skipped as binary or larger than `MAX_SEARCHED_BYTES`. */
  skippedFiles: number;
  /** True when `MAX_SEARCH_MATCHES` stopped the search early. */
  limitHit: boolean;
}

export const MAX_SEARCH_MATCHES = 20_000;
export const MAX_SEARCHED_BYTES = 5 * 1024 * 1024;

/**
 * Find in Files. Searches run off the thread that answers the UI (a worker thread, stopped when a
 * newer search starts or after a time limit, so a runaway regular expression cannot hang the app).
 * Errors: `INVALID_ARGUMENT` (bad regular expression or glob), `NO_WORKSPACE`, `UNAVAILABLE` (stopped).
 */
export interface SearchService {
  find(args: SearchQuery): Promise<SearchResult>;
  /**
   * Replaces every match of the query in `paths` (files found by `find`) and saves them. `replacement`
   * may use `$1`… and `$&` when `isRegex`. Files are rewritten atomically; the count is what changed.
   */
  replace(
    args: SearchQuery & { replacement: string; paths: string[] },
  ): Promise<{ files: number; replacements: number }>;
}

const query = {
  pattern: z.string().min(1).max(2000),
  isRegex: z.boolean(),
  matchCase: z.boolean(),
  wholeWord: z.boolean(),
  include: z.string().max(2000),
  exclude: z.string().max(2000),
};

export const searchDescriptor = defineService({
  methods: {
    find: z.object(query),
    replace: z.object({
      ...query,
      replacement: z.string().max(100_000),
      paths: z.array(relativePath).max(100_000),
    }),
  },
  events: [],
});
