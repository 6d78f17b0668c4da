/**
 * The console's text, kept outside the terminal so the Output tab can be closed and reopened
 * (the terminal is rebuilt from it). Bounded: the oldest text goes first.
 */
const MAX_CHARS = 4 * 1024 * 1024;

let chunks: string[] = [];
let size = 0;
const listeners = new Set<(text: string | null) => void>();

/** Appends terminal text (ANSI allowed; `\n` line ends). */
export function appendOutput(text: string): void {
  if (!text) return;
  chunks.push(text);
  size += text.length;
  while (size > MAX_CHARS && chunks.length > 1) size -= chunks.shift()!.length;
  for (const l of [...listeners]) l(text);
}

export function clearOutput(): void {
  chunks = [];
  size = 0;
  for (const l of [...listeners]) l(null);
}

export function outputText(): string {
  return chunks.join('');
}

/** `text` is the appended piece, or null when the output was cleared. */
export function onOutput(listener: (text: string | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Output without ANSI escapes (tests, copy as text). */
export function plainOutput(): string {
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC
  return outputText().replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
