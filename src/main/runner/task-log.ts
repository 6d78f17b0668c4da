import { open, type FileHandle } from 'node:fs/promises';

/** Fields of the log header (spec §4.3). */
export interface LogHeader {
  runNum: number;
  instanceId: string;
  taskInstId: string;
  commandLine: string;
  submitter: string;
  time: Date;
  unresolved?: string[];
  /** What the attempt found in its working directory. */
  notes?: string[];
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
    ...(h.notes ?? []).map((n) => `working directory: ${n}`),
  ];
  if (h.unresolved && h.unresolved.length > 0) {
    lines.push(
      `warning: not system variables or parameters, left as written: ${h.unresolved.map((u) => `\${${u}}`).join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n${'-'.repeat(60)}\n`;
}

/**
 * Writes one attempt's log. Text is buffered and appended in one write per flush (every
 * `flushMs`, at 64 KiB, and on `close()`), so a short task costs one file write, while a long
 * task's file still grows while it runs, and a runner killed mid-run loses at most the last
 * `flushMs` of output. Live output reaches the UI through events, not the file.
 */
export class TaskLogWriter {
  private buffer: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failed = false;
  /** Why the log could not be written (a full disk...), once it could not. */
  error: Error | undefined;
  // One handle per attempt: an open/append/close per flush cost half the throughput of a 100 MB log.
  private handle: Promise<FileHandle> | undefined;

  constructor(
    readonly path: string,
    private readonly flushMs = 100,
  ) {}

  write(text: string): void {
    if (this.failed) return;
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= 64 * 1024) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.flushMs);
  }

  /** Resolves once everything written so far is in the file. */
  close(): Promise<void> {
    this.flush();
    const handle = this.handle;
    this.handle = undefined;
    if (handle) this.chain = this.chain.then(() => handle.then((h) => h.close()).catch(() => undefined));
    return this.chain;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    // A full disk must not crash the runner; the task's own outcome still counts.
    if (!this.handle) {
      this.handle = open(this.path, 'a');
      this.handle.catch(() => undefined); // a failed open surfaces through the chain below
    }
    const handle = this.handle;
    this.chain = this.chain.then(() =>
      handle
        .then((h) => h.write(text))
        .then(
          () => undefined,
          (error: unknown) => {
            this.failed = true;
            this.error ??= error instanceof Error ? error : new Error(String(error));
          },
        ),
    );
  }
}
