import { createHash } from 'node:crypto';
import {
  INLINE_MARKER as MARKER,
  decodeInlineCommand,
  type DecodedInline,
  type InlineSource,
} from '../../../shared/enos-portable';

export { decodeInlineCommand, type DecodedInline, type InlineSource };

/**
 * Inline scripts (docs/decisions.md "EnOS publish"): the EnOS API cannot upload resources, so a
 * text script travels inside the task command. The command starts with a marker comment naming
 * what was embedded, then a quoted heredoc that writes the file into the task's working
 * directory, then the original command. PYTHON tasks without a command get the script text
 * itself (EnOS runs it and calls `main()`), after the same marker line.
 */

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
