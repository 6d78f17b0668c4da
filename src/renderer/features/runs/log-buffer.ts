import { stripAnsi } from './ansi';

/**
 * The lines of a log as it grows: text is appended in any chunking, complete lines are kept as
 * separate strings (so rendering a window of a 100 MB log touches only those rows), the
 * unterminated tail stays pending until its newline arrives or the log ends.
 */
export class LogBuffer {
  private readonly complete: string[] = [];
  private pending = '';
  private bytes = 0;

  /** Adds text; returns the number of lines now available. */
  append(text: string): number {
    if (!text) return this.lineCount;
    this.bytes += text.length;
    const parts = (this.pending + text).split('\n');
    this.pending = parts.pop() ?? '';
    for (const p of parts) this.complete.push(p.endsWith('\r') ? p.slice(0, -1) : p);
    return this.lineCount;
  }

  /** Lines including the unterminated last one. */
  get lineCount(): number {
    return this.complete.length + (this.pending ? 1 : 0);
  }

  /** Characters appended so far. */
  get length(): number {
    return this.bytes;
  }

  line(i: number): string {
    return i < this.complete.length ? this.complete[i] : i === this.complete.length ? this.pending : '';
  }

  /** Lines [start, end). */
  slice(start: number, end: number): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, this.lineCount); i++) out.push(this.line(i));
    return out;
  }

  /** Indices of lines containing `query` (case-insensitive, escape codes ignored), at most `limit`. */
  search(query: string, limit = 10_000): number[] {
    if (!query) return [];
    const re = searchPattern(query);
    const hits: number[] = [];
    for (let i = 0; i < this.lineCount && hits.length < limit; i++) {
      if (re.test(this.line(i))) hits.push(i);
    }
    return hits;
  }

  /** The whole text without escape codes (for download). */
  plainText(): string {
    const n = this.lineCount;
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = stripAnsi(this.line(i));
    return out.join('\n');
  }
}

// Escape sequences (CSI, OSC, charset) and CR may sit between any two characters of a match.
const SKIP =
  '(?:\\x1b\\[[0-9;?]*[A-Za-z]|\\x1b\\][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\)|\\x1b[()][A-Za-z0-9]|\\r)*';

/**
 * A case-insensitive pattern for `query` that also matches across escape codes, so a search runs
 * on the raw lines: no per-line copy without escapes (a 100 MB log is ~1M lines).
 */
export function searchPattern(query: string): RegExp {
  const chars = [...stripAnsi(query)].map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(chars.join(SKIP), 'i');
}

/** Whether a scroll container is at (or within `slack` px of) its bottom: follow mode stays on. */
export function isAtBottom(
  scrollTop: number,
  clientHeight: number,
  scrollHeight: number,
  slack = 4,
): boolean {
  return scrollTop + clientHeight >= scrollHeight - slack;
}
