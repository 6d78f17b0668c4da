import { createHash } from 'node:crypto';

/**
 * Inline scripts (docs/decisions.md "EnOS publish"): the EnOS API cannot upload resources, so a
 * text script travels inside the task command. The command starts with a marker comment naming
 * what was embedded, then a quoted heredoc that writes the file into the task's working
 * directory, then the original command. PYTHON tasks without a command get the script text
 * itself (EnOS runs it and calls `main()`), after the same marker line.
 */

/** What an inline command embeds: a working-tree script or a resource version. */
export type InlineSource =
  | { readonly kind: 'script'; readonly path: string }
  | { readonly kind: 'resource'; readonly name: string; readonly version: string; readonly file: string };

export interface DecodedInline {
  readonly source: InlineSource;
  /** The command after the embedded file; undefined for a PYTHON code body. */
  readonly command?: string;
}

const MARKER = '# bdp:inline ';

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function header(source: InlineSource): string {
  return source.kind === 'script'
    ? `${MARKER}script=${source.path}`
    : `${MARKER}resource=${source.name}@${source.version} file=${source.file}`;
}

function targetPath(source: InlineSource): string {
  return source.kind === 'script' ? source.path : source.file;
}

/** Shell command that writes `text` to the source's path, then runs `command`. */
export function encodeInlineCommand(source: InlineSource, text: string, command: string): string {
  const tag = `BDP_EOF_${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
  const path = targetPath(source);
  const slash = path.lastIndexOf('/');
  const mkdir = slash > 0 ? `mkdir -p ${quote(path.slice(0, slash))} && ` : '';
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${header(source)}\n${mkdir}cat > ${quote(path)} <<'${tag}'\n${body}${tag}\n${command}`;
}

/** A PYTHON code body: the marker line, then the script text. */
export function encodeInlinePython(source: InlineSource, text: string): string {
  return `${header(source)}\n${text}`;
}

function parseHeader(line: string): InlineSource | undefined {
  if (!line.startsWith(MARKER)) return undefined;
  const rest = line.slice(MARKER.length);
  const script = /^script=(\S+)$/.exec(rest);
  if (script) return { kind: 'script', path: script[1] };
  const res = /^resource=([^@\s]+)@(\S+) file=(\S+)$/.exec(rest);
  return res ? { kind: 'resource', name: res[1], version: res[2], file: res[3] } : undefined;
}

/** Reverse of the two encoders; undefined for a plain command. */
export function decodeInlineCommand(cmd: string): DecodedInline | undefined {
  const nl = cmd.indexOf('\n');
  if (nl < 0) return undefined;
  const source = parseHeader(cmd.slice(0, nl));
  if (!source) return undefined;
  const rest = cmd.slice(nl + 1);
  const m = /^(?:mkdir -p '(?:[^']|'\\'')*' && )?cat > '(?:[^']|'\\'')*' <<'(BDP_EOF_[0-9a-f]{8})'\n/.exec(
    rest,
  );
  if (!m) return { source };
  const end = rest.indexOf(`\n${m[1]}\n`, m[0].length - 1);
  if (end < 0) return { source };
  return { source, command: rest.slice(end + m[1].length + 2) };
}
