import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeLauncher, type ProcessLauncher } from './process-launcher';
import {
  startProcess as startWith,
  type OutputChunk,
  type ProcessSpec,
  type RunningProcess,
} from './process-runner';
import { SpawnHelperLauncher } from './spawn-helper';
import { isAlive } from '../../../tests/support/runner-fixtures';

const helperPath = join(__dirname, '..', '..', '..', 'resources', 'runner', 'spawn_helper.py');
let helper: SpawnHelperLauncher | undefined;
beforeAll(async () => {
  helper = await SpawnHelperLauncher.start('python3', helperPath);
});
afterAll(() => helper?.dispose());

const env = { ...process.env };

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each([
  ['node spawn', (): ProcessLauncher => nodeLauncher],
  ['spawn helper', (): ProcessLauncher => helper!],
])('startProcess via %s', (_name, launcher) => {
  const startProcess = (spec: ProcessSpec): RunningProcess => startWith(spec, launcher());

  it('has a launcher', () => {
    expect(launcher()).toBeDefined();
  });

  it('reports the exit code and delivers output in ordered batches', async () => {
    const chunks: OutputChunk[] = [];
    const p = startProcess({
      file: 'bash',
      args: ['-c', 'echo out; echo err >&2; exit 3'],
      cwd: process.cwd(),
      env,
      onOutput: (c) => chunks.push(c),
    });
    const r = await p.result;
    expect(r.exitCode).toBe(3);
    expect(r.timedOut).toBe(false);
    expect(r.durationMs).toBeGreaterThan(0);
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
    expect(
      chunks
        .filter((c) => c.stream === 'stdout')
        .map((c) => c.text)
        .join(''),
    ).toBe('out\n');
    expect(
      chunks
        .filter((c) => c.stream === 'stderr')
        .map((c) => c.text)
        .join(''),
    ).toBe('err\n');
  });

  it('uses the given cwd and env', async () => {
    let out = '';
    const p = startProcess({
      file: 'bash',
      args: ['-c', 'pwd; echo $BDP_X'],
      cwd: '/tmp',
      env: { ...env, BDP_X: 'hello' },
      onOutput: (c) => (out += c.text),
    });
    await p.result;
    expect(out).toMatch(/^\/(private\/)?tmp\nhello\n$/);
  });

  it('batches many small writes into few chunks', async () => {
    const chunks: OutputChunk[] = [];
    const p = startProcess({
      file: 'bash',
      args: ['-c', 'for i in $(seq 1 2000); do echo line$i; done'],
      cwd: process.cwd(),
      env,
      onOutput: (c) => chunks.push(c),
    });
    await p.result;
    const text = chunks.map((c) => c.text).join('');
    expect(text.split('\n').length).toBe(2001);
    expect(chunks.length).toBeLessThan(200);
  });

  it('kills the tree on timeout and says so', async () => {
    const p = startProcess({
      file: 'bash',
      args: ['-c', 'sleep 30'],
      cwd: process.cwd(),
      env,
      timeoutMs: 300,
      killGraceMs: 500,
    });
    const r = await p.result;
    expect(r.timedOut).toBe(true);
    expect(r.killed).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(r.durationMs).toBeLessThan(5000);
  });

  it('kill() reaches a grandchild that ignores SIGTERM', async () => {
    let out = '';
    // The subshell ignores SIGTERM and runs sleep in the background, printing its pid.
    const script = `(trap '' TERM; sleep 60 & echo $!; wait) ; sleep 60`;
    const p = startProcess({
      file: 'bash',
      args: ['-c', script],
      cwd: process.cwd(),
      env,
      killGraceMs: 300,
      flushIntervalMs: 5,
      onOutput: (c) => (out += c.text),
    });
    await waitUntil(() => /\d+\n/.test(out));
    const grandchild = Number(out.trim());
    expect(isAlive(grandchild)).toBe(true);
    await p.kill();
    const r = await p.result;
    expect(r.killed).toBe(true);
    await waitUntil(() => !isAlive(grandchild));
  });

  it('kills what a finished task left running in its group', async () => {
    let out = '';
    const p = startProcess({
      file: 'bash',
      args: ['-c', 'sleep 60 >/dev/null 2>&1 & echo $!'],
      cwd: process.cwd(),
      env,
      killGraceMs: 300,
      onOutput: (c) => (out += c.text),
    });
    const r = await p.result;
    expect(r.exitCode).toBe(0);
    const orphan = Number(out.trim());
    await waitUntil(() => !isAlive(orphan));
  });

  it('reports a program that cannot start', async () => {
    const p = startProcess({ file: 'definitely-not-a-program-bdp', args: [], cwd: process.cwd(), env });
    const r = await p.result;
    expect(r.exitCode).toBeNull();
    expect(r.error).toMatch(/ENOENT|No such file/);
  });
});

describe('SpawnHelperLauncher', () => {
  it('kills the task groups it started when the runner goes away (stdin closes)', async () => {
    const own = await SpawnHelperLauncher.start('python3', helperPath);
    expect(own).toBeDefined();
    let out = '';
    const p = startWith(
      {
        file: 'bash',
        args: ['-c', 'sleep 60 & echo $!; wait'],
        cwd: process.cwd(),
        env: process.env,
        flushIntervalMs: 5,
        onOutput: (c) => (out += c.text),
      },
      own!,
    );
    const deadline = Date.now() + 5000;
    while (!/\d+\n/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const sleeper = Number(out.trim());
    expect(isAlive(sleeper)).toBe(true);
    own!.dispose();
    const r = await p.result;
    expect(r.exitCode).toBeNull();
    const gone = Date.now() + 5000;
    while (isAlive(sleeper) && Date.now() < gone) await new Promise((res) => setTimeout(res, 20));
    expect(isAlive(sleeper)).toBe(false);
  });

  it('a helper that dies under a running task loses it with a reason, and its group is killed', async () => {
    const own = await SpawnHelperLauncher.start('python3', helperPath);
    let out = '';
    const p = startWith(
      {
        file: 'bash',
        args: ['-c', 'sleep 60 & echo $!; wait'],
        cwd: process.cwd(),
        env: process.env,
        killGraceMs: 200,
        flushIntervalMs: 5,
        onOutput: (c) => (out += c.text),
      },
      own!,
    );
    await waitUntil(() => /\d+\n/.test(out));
    const sleeper = Number(out.trim().split('\n')[0]);
    process.kill(own!.pid!, 'SIGKILL');
    const r = await p.result;
    expect(r.lost).toBe(
      "the spawn helper process exited (SIGKILL); the task's process was killed with its group",
    );
    await waitUntil(() => !isAlive(sleeper));
  });

  it('resolves undefined when the interpreter does not exist (callers fall back to node spawn)', async () => {
    expect(await SpawnHelperLauncher.start('no-such-python-bdp', helperPath)).toBeUndefined();
  });
});
