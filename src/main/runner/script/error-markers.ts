import type { ScriptMarker } from '../../../shared/contract/runner';

/** How the file that ran maps back to the editor's file. */
export interface RunFileMap {
  /** Absolute path of the file the process executed. */
  runFile: string;
  /** Workspace-relative path shown in the editor. */
  path: string;
  /** Line of the editor file where the executed text starts (selection runs). */
  firstLine: number;
}

const FRAME = /^\s*File "(.+)", line (\d+)(?:, in .*)?$/;
const EXCEPTION =
  /^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Iteration)|[A-Za-z_][\w.]*Error)(?::\s?(.*))?$/;

/**
 * Python tracebacks: the innermost frame in the run file gets a marker with the exception line
 * (`ValueError: bad input`). A SyntaxError's `File ..., line N` (no `in`) counts as a frame.
 */
export function pythonMarkers(stderr: string, map: RunFileMap): ScriptMarker[] {
  const markers: ScriptMarker[] = [];
  const lines = stderr.split(/\r?\n/);
  let frameLine: number | undefined;
  let inTraceback = false;
  for (const line of lines) {
    if (line.startsWith('Traceback (most recent call last)')) {
      inTraceback = true;
      frameLine = undefined;
      continue;
    }
    const frame = FRAME.exec(line);
    if (frame) {
      if (frame[1] === map.runFile) frameLine = Number(frame[2]);
      continue;
    }
    if (!inTraceback && frameLine === undefined) continue;
    if (/^\S/.test(line) && EXCEPTION.test(line.trim())) {
      if (frameLine !== undefined)
        markers.push({ path: map.path, line: frameLine + map.firstLine - 1, message: line.trim() });
      inTraceback = false;
      frameLine = undefined;
    }
  }
  return dedupe(markers);
}

/** Bash errors: `<file>: line N: message` (also `<file>: line N: syntax error ...`). */
export function bashMarkers(stderr: string, map: RunFileMap): ScriptMarker[] {
  const markers: ScriptMarker[] = [];
  const prefix = `${map.runFile}: line `;
  for (const line of stderr.split(/\r?\n/)) {
    const at = line.indexOf(prefix);
    if (at < 0) continue;
    const m = /^(\d+): (.*)$/.exec(line.slice(at + prefix.length));
    if (m) markers.push({ path: map.path, line: Number(m[1]) + map.firstLine - 1, message: m[2] });
  }
  return dedupe(markers);
}

/** DuckDB reports `LINE n:` relative to the statement; the marker goes on the file line. */
export function sqlErrorLine(message: string, statementLine: number): number {
  const m = /LINE (\d+):/.exec(message);
  return m ? statementLine + Number(m[1]) - 1 : statementLine;
}

function dedupe(markers: ScriptMarker[]): ScriptMarker[] {
  const seen = new Set<string>();
  return markers.filter((m) => {
    const key = `${m.line}\u0000${m.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
