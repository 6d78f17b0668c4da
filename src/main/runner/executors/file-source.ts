import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { SyncConfig } from '../../../shared/model';
import { sqlIdent, sqlString, type DuckSession } from '../warehouse/duckdb';
import type { SourcePreview } from '../../../shared/runner-protocol';

/** The text-file options of a Data Sync source. */
export type FileSourceOptions = Pick<
  SyncConfig['source'],
  'delimiter' | 'encoding' | 'compression' | 'headerRows' | 'columns'
>;

/** A resolved file source: the files to read (already UTF-8 when `decoded`). */
export interface ResolvedFiles {
  files: string[];
  /** Paths relative to the connection folder, for messages. */
  display: string[];
}

/** Named delimiters (EnOS offers tab, comma, semicolon, space, other) and `\t` written as two characters. */
export function normalizeDelimiter(d: string): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', space: ' ' };
  return named[d.toLowerCase()] ?? d;
}

/**
 * The files of a source path inside a FILE connection folder: one file, every non-hidden file of
 * a directory (EnOS merges them), or a `*`/`?` pattern in the last segment. Refuses paths that
 * leave the folder.
 */
export async function resolveSourceFiles(folder: string, path: string): Promise<ResolvedFiles> {
  const base = resolve(folder);
  const full = resolve(base, path);
  if (full !== base && !full.startsWith(base + sep))
    throw new Error(`source path "${path}" leaves the connection folder`);
  let files: string[];
  if (/[*?]/.test(basename(full))) {
    const re = new RegExp(
      `^${basename(full)
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    const dir = dirname(full);
    files = (await readdir(dir).catch(() => [] as string[]))
      .filter((n) => re.test(n))
      .map((n) => join(dir, n));
    if (files.length === 0) throw new Error(`no file matches ${relative(base, full) || path} in ${folder}`);
  } else {
    const st = await stat(full).catch(() => undefined);
    if (!st) throw new Error(`source file ${path} does not exist in ${folder}`);
    if (st.isDirectory()) {
      files = (await readdir(full, { withFileTypes: true }))
        .filter((e) => e.isFile() && !e.name.startsWith('.'))
        .map((e) => join(full, e.name));
      if (files.length === 0) throw new Error(`source directory ${path} has no files`);
    } else files = [full];
  }
  files.sort();
  return { files, display: files.map((f) => relative(base, f)) };
}

/** GBK/GB2312 (and gzip) -> a UTF-8 copy DuckDB can read. GB2312 is decoded as GBK, its superset. */
export async function decodeToUtf8(
  file: string,
  out: string,
  options: { encoding: string; compression: string },
  signal?: AbortSignal,
): Promise<void> {
  const decoder = new TextDecoder(options.encoding === 'UTF-8' ? 'utf-8' : 'gbk');
  const transform = new Transform({
    transform(chunk: Buffer, _enc, cb): void {
      cb(null, decoder.decode(chunk, { stream: true }));
    },
    flush(cb): void {
      cb(null, decoder.decode());
    },
  });
  const stages: NodeJS.ReadWriteStream[] =
    options.compression === 'gzip' ? [createGunzip(), transform] : [transform];
  await pipeline([createReadStream(file), ...stages, createWriteStream(out)], { signal });
}

/** Whether the files need {@link decodeToUtf8} before DuckDB reads them. */
export function needsDecoding(options: FileSourceOptions): boolean {
  return options.encoding !== 'UTF-8';
}

/** `read_csv(...)` over files, every column VARCHAR, with the source's delimiter, header rows and compression. */
export function readCsvSql(
  files: string[],
  columns: string[],
  options: FileSourceOptions & { decoded: boolean },
  extra = '',
): string {
  const cols = columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ');
  const compression = options.decoded ? 'none' : options.compression === 'gzip' ? 'gzip' : 'none';
  return (
    `read_csv([${files.map(sqlString).join(', ')}], delim = ${sqlString(normalizeDelimiter(options.delimiter))}, header = false, ` +
    `skip = ${options.headerRows}, columns = {${cols}}, quote = '"', escape = '"', compression = '${compression}', auto_detect = false${extra})`
  );
}

/**
 * The source's column names: `columns` when given, else the last header row, else `column1..N`
 * (from the first data row). Reads one row with DuckDB.
 */
export async function sourceColumns(
  session: DuckSession,
  file: string,
  options: FileSourceOptions & { decoded: boolean },
): Promise<string[]> {
  if (options.columns && options.columns.length > 0) return options.columns;
  const compression = options.decoded ? 'none' : options.compression === 'gzip' ? 'gzip' : 'none';
  const skip = Math.max(0, options.headerRows - 1);
  const t = await session.table(
    `SELECT * FROM read_csv(${sqlString(file)}, delim = ${sqlString(normalizeDelimiter(options.delimiter))}, header = false, skip = ${skip}, all_varchar = true, quote = '"', escape = '"', compression = '${compression}') LIMIT 1`,
  );
  const first = t.rows[0];
  if (!first) throw new Error('the source file is empty');
  if (options.headerRows > 0) return first.map((v, i) => (v && v.trim() ? v.trim() : `column${i + 1}`));
  return first.map((_v, i) => `column${i + 1}`);
}

/** First rows of a file source, every value as text. */

/** Reads the first `limit` rows of resolved files (decoding them to `scratch` when needed). */
export async function previewFiles(
  session: DuckSession,
  resolved: ResolvedFiles,
  options: FileSourceOptions,
  scratch: string,
  limit: number,
): Promise<SourcePreview> {
  let files = resolved.files;
  const decoded = needsDecoding(options);
  if (decoded) {
    files = [];
    for (const [i, f] of resolved.files.entries()) {
      const out = join(scratch, `preview-${i}.csv`);
      await decodeToUtf8(f, out, options);
      files.push(out);
    }
  }
  const opts = { ...options, decoded };
  const columns = await sourceColumns(session, files[0], opts);
  const t = await session.table(
    `SELECT ${columns.map(sqlIdent).join(', ')} FROM ${readCsvSql(files, columns, opts)} LIMIT ${Math.max(0, Math.floor(limit))}`,
  );
  return { columns, rows: t.rows, files: resolved.display };
}
