import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { nodeLauncher, type ProcessLauncher } from './process-launcher';

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
  /** Set when the process was lost: its launcher died under it. */
  lost?: string;
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
 * Starts one task process as the leader of its own process group, so that `kill()` reaches
 * every descendant, including a grandchild that ignores SIGTERM. When the leader exits,
 * whatever it left running in its group is killed too: a finished task leaves nothing behind.
 * `launcher` decides how the process is started (default: Node's `spawn`).
 */
export function startProcess(spec: ProcessSpec, launcher: ProcessLauncher = nodeLauncher): RunningProcess {
  const started = performance.now();
  const grace = spec.killGraceMs ?? 3000;
  let pid: number | undefined;
  let killed = false;
  let timedOut = false;
  let killRequested = false;
  let killPromise: Promise<void> | undefined;
  const output = new OutputBatcher(spec.onOutput, spec.flushIntervalMs ?? 50);

  const killTree = (): void => {
    killRequested = true;
    if (pid !== undefined && !killPromise) killPromise = killGroup(pid, grace);
  };

  const result = new Promise<ProcessResult>((resolve) => {
    let exit: { code: number | null; signal: string | null } | undefined;
    let spawnError: string | undefined;
    let lost: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      output.flush();
      resolve({
        exitCode: exit?.code ?? null,
        signal: (exit?.signal ?? null) as NodeJS.Signals | null,
        timedOut,
        killed,
        durationMs: performance.now() - started,
        ...(spawnError !== undefined ? { error: spawnError } : {}),
        ...(lost !== undefined ? { lost } : {}),
      });
    };
    if (spec.timeoutMs && spec.timeoutMs > 0) {
      timer = setTimeout(() => {
        timedOut = true;
        killed = true;
        killTree();
      }, spec.timeoutMs);
    }
    launcher.launch(
      { file: spec.file, args: spec.args, cwd: spec.cwd, env: spec.env },
      {
        onStarted: (p) => {
          pid = p;
          if (killRequested) killTree();
        },
        onError: (message) => {
          spawnError = message;
          finish();
        },
        onOutput: (stream, text) => output.push(stream, text),
        onExit: (code, signal) => {
          exit = { code, signal };
          // Orphans left in the group would keep the pipes open and the task "running" forever.
          if (pid !== undefined && !isWindows) void killGroup(pid, grace);
        },
        onClose: finish,
        onLost: (reason) => {
          lost = reason;
          // Nobody follows the group any more: it must not outlive the task.
          if (pid !== undefined && !isWindows) void killGroup(pid, grace);
          finish();
        },
      },
    );
  });

  return {
    get pid(): number | undefined {
      return pid;
    },
    result,
    kill: (): Promise<void> => {
      killed = true;
      // SIGKILL escalation goes on in the background; callers wait for the leader and the pipes.
      killTree();
      return result.then(() => undefined);
    },
  };
}

/** SIGTERM to the group, then SIGKILL to whatever is still alive after `graceMs`. */
export async function killGroup(pid: number, graceMs: number): Promise<void> {
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

  constructor(
    private readonly sink: ((chunk: OutputChunk) => void) | undefined,
    private readonly intervalMs: number,
  ) {}

  push(stream: 'stdout' | 'stderr', text: string): void {
    if (!this.sink || text === '') return;
    const last = this.pending[this.pending.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.pending.push({ stream, text });
    this.size += text.length;
    if (this.size >= MAX_BATCH_CHARS) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Delivers what is pending. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.sink) return;
    const batch = this.pending;
    this.pending = [];
    this.size = 0;
    for (const { stream, text } of batch) this.sink({ seq: this.seq++, stream, text });
  }
}
