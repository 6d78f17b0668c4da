import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import type { Writable } from 'node:stream';
import { killGroup, type ProcessResult, type ProcessSpec } from '../process-runner';

/** A process with a third pipe (fd 3): the debugger's JSON channel or bash's xtrace output. */
export interface ControlledProcess {
  readonly pid: number | undefined;
  readonly result: Promise<ProcessResult>;
  /** Writes to fd 3 (ignored once the process is gone). */
  send(line: string): void;
  kill(): Promise<void>;
}

const FLUSH_MS = 30;

/**
 * Starts a process leading its own group, with stdout/stderr batched like {@link startProcess}
 * and fd 3 delivered line by line to `onControl`. The spawn helper only pipes stdout/stderr, so
 * debug and trace runs use Node's spawn (still inside the runner process, never main).
 */
export function startControlledProcess(
  spec: ProcessSpec,
  onControl: (line: string) => void,
): ControlledProcess {
  const started = performance.now();
  const grace = spec.killGraceMs ?? 3000;
  let killed = false;
  let control: Writable | undefined;
  let child;
  try {
    child = spawn(spec.file, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env as NodeJS.ProcessEnv,
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      pid: undefined,
      result: Promise.resolve({
        exitCode: null,
        signal: null,
        timedOut: false,
        killed: false,
        durationMs: 0,
        error: message,
      }),
      send: () => {},
      kill: () => Promise.resolve(),
    };
  }
  const c = child;
  let seq = 0;
  let pending: { stream: 'stdout' | 'stderr'; text: string } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending && spec.onOutput) spec.onOutput({ seq: seq++, ...pending });
    pending = undefined;
  };
  const push = (stream: 'stdout' | 'stderr', text: string): void => {
    if (!text) return;
    if (pending && pending.stream !== stream) flush();
    pending = pending ? { stream, text: pending.text + text } : { stream, text };
    if (pending.text.length > 64 * 1024) flush();
    else timer ??= setTimeout(flush, spec.flushIntervalMs ?? FLUSH_MS);
  };
  for (const stream of ['stdout', 'stderr'] as const) {
    const decoder = new StringDecoder('utf8');
    c[stream]!.on('data', (b: Buffer) => push(stream, decoder.write(b)));
    c[stream]!.on('end', () => push(stream, decoder.end()));
  }
  const fd3 = c.stdio[3] as (NodeJS.ReadableStream & Writable) | null;
  if (fd3) {
    control = fd3;
    fd3.on('error', () => {});
    createInterface({ input: fd3 }).on('line', onControl);
  }

  const result = new Promise<ProcessResult>((resolve) => {
    let spawnError: string | undefined;
    c.once('error', (error) => {
      if (c.pid === undefined) spawnError = error.message;
    });
    c.once('close', (code, signal) => {
      flush();
      resolve({
        exitCode: spawnError ? null : code,
        signal: signal ?? null,
        timedOut: false,
        killed,
        durationMs: performance.now() - started,
        ...(spawnError !== undefined ? { error: spawnError } : {}),
      });
    });
    c.once('exit', () => {
      // Whatever the script left in its group would keep the pipes open.
      if (c.pid !== undefined && process.platform !== 'win32') void killGroup(c.pid, grace);
    });
  });

  return {
    pid: c.pid,
    result,
    send(line: string): void {
      if (control && !control.destroyed && c.exitCode === null)
        control.write(line.endsWith('\n') ? line : `${line}\n`);
    },
    kill(): Promise<void> {
      killed = true;
      if (c.pid !== undefined) void killGroup(c.pid, grace);
      return result.then(() => undefined);
    },
  };
}
