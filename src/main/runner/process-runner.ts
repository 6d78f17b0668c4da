import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';

/** One batch of process output. `seq` starts at 0 and grows by one per chunk of one process. */
export interface OutputChunk {
  seq: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** What to run. Nothing is inherited implicitly: cwd and env are always explicit. */
export interface ProcessSpec {
  /** The executable, e.g. `bash` or `python3`. */
  file: string;
  args: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Kill the tree and report `timedOut` after this many ms; 0 or absent = no limit. */
  timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL when killing the tree (default 3000 ms). */
  killGraceMs?: number;
  /** Output batching period (default 50 ms); a batch is also flushed once it holds 64 KiB. */
  flushIntervalMs?: number;
  onOutput?: (chunk: OutputChunk) => void;
}

/** How a process ended. */
export interface ProcessResult {
  /** Exit code of the leader, null when it was killed by a signal or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** True when `timeoutMs` elapsed and the tree was killed. */
  timedOut: boolean;
  /** True when `kill()` was called (including by the timeout). */
  killed: boolean;
  durationMs: number;
  /** Set when the process could not be started (e.g. ENOENT). */
  error?: string;
}

/** A started process. */
export interface RunningProcess {
  readonly pid: number | undefined;
  /** Resolves once the leader exited and its output was delivered; never rejects. */
  readonly result: Promise<ProcessResult>;
  /**
   * Kills the whole process tree (SIGTERM to the group, SIGKILL after the grace period);
   * resolves once the leader exited and its output is closed.
   */
  kill(): Promise<void>;
}

const MAX_BATCH_CHARS = 64 * 1024;
const isWindows = process.platform === 'win32';

/**
 * Spawns one task process as the leader of its own process group (`detached: true`), so that
 * `kill()` reaches every descendant, including a grandchild that ignores SIGTERM. When the
 * leader exits, whatever it left running in its group is killed too: a finished task leaves
 * nothing behind.
 */
export function startProcess(spec: ProcessSpec): RunningProcess {
  const started = performance.now();
  const grace = spec.killGraceMs ?? 3000;
  let child: ChildProcess;
  let killed = false;
  let timedOut = false;
  let killPromise: Promise<void> | undefined;
  const output = new OutputBatcher(spec.onOutput, spec.flushIntervalMs ?? 50);

  try {
    child = spawn(spec.file, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env as NodeJS.ProcessEnv,
      detached: !isWindows,
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const result: ProcessResult = { exitCode: null, signal: null, timedOut: false, killed: false, durationMs: 0, error: String(error) };
    return { pid: undefined, result: Promise.resolve(result), kill: () => Promise.resolve() };
  }
  const pid = child.pid;

  const killTree = (): Promise<void> => {
    if (!killPromise) killPromise = killGroup(child, grace);
    return killPromise;
  };

  const result = new Promise<ProcessResult>((resolve) => {
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let spawnError: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      output.flush(true);
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        timedOut,
        killed,
        durationMs: performance.now() - started,
        ...(spawnError !== undefined ? { error: spawnError } : {}),
      });
    };
    if (spec.timeoutMs && spec.timeoutMs > 0) {
      timer = setTimeout(() => {
        timedOut = true;
        killed = true;
        void killTree();
      }, spec.timeoutMs);
    }
    child.stdout?.on('data', (b: Buffer) => output.push('stdout', b));
    child.stderr?.on('data', (b: Buffer) => output.push('stderr', b));
    child.on('error', (error) => {
      spawnError = error.message;
      if (pid === undefined) finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Orphans left in the group would keep the pipes open and the task "running" forever.
      if (!isWindows && pid !== undefined) void killGroup(child, grace);
    });
    child.on('close', () => {
      if (!exit) exit = { code: child.exitCode, signal: child.signalCode };
      finish();
    });
  });

  return {
    pid,
    result,
    kill: (): Promise<void> => {
      killed = true;
      // SIGKILL escalation goes on in the background; callers wait for the leader and the pipes.
      void killTree();
      return result.then(() => undefined);
    },
  };
}

/** SIGTERM to the group, then SIGKILL to whatever is still alive after `graceMs`. */
async function killGroup(child: ChildProcess, graceMs: number): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (isWindows) {
    await new Promise<void>((resolve) => {
      const k = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
      k.on('close', () => resolve());
      k.on('error', () => resolve());
    });
    return;
  }
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(Math.min(25, graceMs));
    if (!signalGroup(pid, 0)) return;
  }
  signalGroup(pid, 'SIGKILL');
}

/** Sends a signal to process group `pid`; false when the group no longer exists. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Collects output and delivers it in batches, merging consecutive pieces of the same stream. */
class OutputBatcher {
  private pending: Array<{ stream: 'stdout' | 'stderr'; text: string }> = [];
  private size = 0;
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };

  constructor(
    private readonly sink: ((chunk: OutputChunk) => void) | undefined,
    private readonly intervalMs: number,
  ) {}

  push(stream: 'stdout' | 'stderr', data: Buffer): void {
    if (!this.sink) return;
    const text = this.decoders[stream].write(data);
    if (text === '') return;
    const last = this.pending[this.pending.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.pending.push({ stream, text });
    this.size += text.length;
    if (this.size >= MAX_BATCH_CHARS) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Delivers what is pending; `final` also drains a multi-byte character cut at the end. */
  flush(final = false): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.sink) return;
    if (final) {
      for (const stream of ['stdout', 'stderr'] as const) {
        const rest = this.decoders[stream].end();
        if (rest) this.pending.push({ stream, text: rest });
      }
    }
    const batch = this.pending;
    this.pending = [];
    this.size = 0;
    for (const { stream, text } of batch) this.sink({ seq: this.seq++, stream, text });
  }
}
