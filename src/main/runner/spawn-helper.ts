import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { LaunchHandlers, LaunchSpec, ProcessLauncher } from './process-launcher';

type HelperEvent =
  | { ev: 'ready' }
  | { ev: 'started'; id: number; pid: number }
  | { ev: 'error'; id: number; message: string }
  | { ev: 'out'; id: number; s: 1 | 2; d: string }
  | { ev: 'exit'; id: number; code: number | null; signal: string | null }
  | { ev: 'close'; id: number };

/**
 * Starts task processes through `resources/runner/spawn_helper.py`, a small long-lived Python
 * process. A Node spawn blocks the event loop for milliseconds on Linux (the whole process is
 * forked); the helper spawns with vfork, and when the runner dies its stdin closes and it kills
 * every task group it started.
 */
export class SpawnHelperLauncher implements ProcessLauncher {
  private readonly handlers = new Map<number, LaunchHandlers>();
  private nextId = 1;
  private dead = false;

  private constructor(private readonly child: ChildProcess) {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => this.receive(JSON.parse(line) as HelperEvent));
    child.on('exit', (code, signal) =>
      this.fail(
        `the spawn helper process exited (${signal ?? `code ${code}`}); the task's process was killed with its group`,
      ),
    );
    child.stdin!.on('error', () => this.fail('the spawn helper is not reachable'));
  }

  /** Starts the helper; resolves once it is ready, or with undefined when it cannot run. */
  static start(
    python: string,
    helperPath: string,
    timeoutMs = 5000,
  ): Promise<SpawnHelperLauncher | undefined> {
    return new Promise((resolve) => {
      let child: ChildProcess;
      try {
        child = spawn(python, ['-u', helperPath], { stdio: ['pipe', 'pipe', 'inherit'], windowsHide: true });
      } catch {
        resolve(undefined);
        return;
      }
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(undefined);
      }, timeoutMs);
      child.once('error', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', (line) => {
        lines.close();
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        if (line.includes('"ready"')) resolve(new SpawnHelperLauncher(child));
        else {
          child.kill('SIGKILL');
          resolve(undefined);
        }
      });
    });
  }

  /** Process id of the helper. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  launch(spec: LaunchSpec, handlers: LaunchHandlers): void {
    if (this.dead) {
      handlers.onError('the spawn helper is not running');
      return;
    }
    const id = this.nextId++;
    this.handlers.set(id, handlers);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec.env)) if (v !== undefined) env[k] = v;
    this.child.stdin!.write(
      `${JSON.stringify({ op: 'spawn', id, file: spec.file, args: spec.args, cwd: spec.cwd, env })}\n`,
    );
  }

  dispose(): void {
    this.dead = true;
    this.child.stdin?.end();
  }

  private receive(e: HelperEvent): void {
    if (e.ev === 'ready') return;
    const h = this.handlers.get(e.id);
    if (!h) return;
    switch (e.ev) {
      case 'started':
        h.onStarted(e.pid);
        break;
      case 'error':
        this.handlers.delete(e.id);
        h.onError(e.message);
        break;
      case 'out':
        h.onOutput(e.s === 1 ? 'stdout' : 'stderr', e.d);
        break;
      case 'exit':
        h.onExit(e.code, e.signal);
        break;
      case 'close':
        this.handlers.delete(e.id);
        h.onClose();
        break;
    }
  }

  /** Processes in flight cannot be followed any more: report them closed (their groups get killed by the helper). */
  private fail(reason: string): void {
    if (this.dead && this.handlers.size === 0) return;
    this.dead = true;
    for (const h of this.handlers.values()) {
      h.onOutput('stderr', `${reason}\n`);
      h.onLost(reason);
    }
    this.handlers.clear();
  }
}
