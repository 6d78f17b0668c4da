import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

/** What to start: nothing is inherited implicitly. */
export interface LaunchSpec {
  file: string;
  args: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** Callbacks of one launched process, in this order: started|error, output..., exit, close. */
export interface LaunchHandlers {
  /** The process runs as the leader of its own process group `pid` (POSIX). */
  onStarted(pid: number): void;
  /** It could not be started; nothing else follows. */
  onError(message: string): void;
  onOutput(stream: 'stdout' | 'stderr', text: string): void;
  /** The leader exited; descendants may still hold the pipes. */
  onExit(code: number | null, signal: string | null): void;
  /** Both pipes are closed; nothing else follows. */
  onClose(): void;
  /** The process can no longer be followed (the launcher itself went away); nothing else follows. */
  onLost(reason: string): void;
}

/** Starts processes as group leaders with piped stdout/stderr and no stdin. */
export interface ProcessLauncher {
  launch(spec: LaunchSpec, handlers: LaunchHandlers): void;
  dispose(): void;
}

/** Starts processes with `child_process.spawn` (`detached: true` = own process group). */
export const nodeLauncher: ProcessLauncher = {
  launch(spec, h) {
    let child;
    try {
      child = spawn(spec.file, [...spec.args], {
        cwd: spec.cwd,
        env: spec.env as NodeJS.ProcessEnv,
        detached: process.platform !== 'win32',
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      h.onError(error instanceof Error ? error.message : String(error));
      return;
    }
    const c = child;
    let failed = false;
    c.on('error', (error) => {
      if (c.pid === undefined && !failed) {
        failed = true;
        h.onError(error.message);
      }
    });
    if (c.pid === undefined) return; // 'error' follows
    h.onStarted(c.pid);
    for (const stream of ['stdout', 'stderr'] as const) {
      const decoder = new StringDecoder('utf8');
      const pipe = c[stream]!;
      pipe.on('data', (b: Buffer) => {
        const text = decoder.write(b);
        if (text) h.onOutput(stream, text);
      });
      pipe.on('end', () => {
        const rest = decoder.end();
        if (rest) h.onOutput(stream, rest);
      });
    }
    c.on('exit', (code, signal) => h.onExit(code, signal));
    c.on('close', () => h.onClose());
  },
  dispose() {},
};
