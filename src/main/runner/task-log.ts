import { createWriteStream, type WriteStream } from 'node:fs';

/** Fields of the log header (spec §4.3). */
export interface LogHeader {
  runNum: number;
  instanceId: string;
  taskInstId: string;
  commandLine: string;
  submitter: string;
  time: Date;
  unresolved?: string[];
}

/** `YYYY-MM-DD HH:mm:ss` in the host's local time. */
export function formatLocalTime(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The header written at the top of every attempt's log: run number, ids, command, submitter, time. */
export function formatLogHeader(h: LogHeader): string {
  const lines = [
    `run number: ${h.runNum}`,
    `instance id: ${h.instanceId}`,
    `task instance id: ${h.taskInstId}`,
    `command: ${h.commandLine.includes('\n') ? `\n${h.commandLine.replace(/\n$/, '')}` : h.commandLine}`,
    `submitter: ${h.submitter}`,
    `time: ${formatLocalTime(h.time)}`,
  ];
  if (h.unresolved && h.unresolved.length > 0) {
    lines.push(`warning: left as written (nothing defines them): ${h.unresolved.map((u) => `\${${u}}`).join(', ')}`);
  }
  return `${lines.join('\n')}\n${'-'.repeat(60)}\n`;
}

/** Appends one attempt's log to its file; `close()` resolves once everything is on disk. */
export class TaskLogWriter {
  private readonly stream: WriteStream;
  private failed: Error | undefined;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: 'a' });
    // A full disk must not crash the runner; the task's own outcome still counts.
    this.stream.on('error', (e) => {
      this.failed = e;
    });
  }

  write(text: string): void {
    if (!this.failed) this.stream.write(text);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.failed) {
        resolve();
        return;
      }
      this.stream.end(() => resolve());
    });
  }
}
