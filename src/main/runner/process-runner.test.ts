import { describe, expect, it } from 'vitest';
import { startProcess, type OutputChunk } from './process-runner';
import { isAlive } from './test-support';

const env = { ...process.env };

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('startProcess', () => {
  it('reports the exit code and delivers output in ordered batches', async () => {
    const chunks: OutputChunk[] = [];
    const p = startProcess({ file: 'bash', args: ['-c', 'echo out; echo err >&2; exit 3'], cwd: process.cwd(), env, onOutput: (c) => chunks.push(c) });
    const r = await p.result;
    expect(r.exitCode).toBe(3);
    expect(r.timedOut).toBe(false);
    expect(r.durationMs).toBeGreaterThan(0);
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
    expect(chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join('')).toBe('out\n');
    expect(chunks.filter((c) => c.stream === 'stderr').map((c) => c.text).join('')).toBe('err\n');
  });

  it('uses the given cwd and env', async () => {
    let out = '';
    const p = startProcess({ file: 'bash', args: ['-c', 'pwd; echo $BDP_X'], cwd: '/tmp', env: { ...env, BDP_X: 'hello' }, onOutput: (c) => (out += c.text) });
    await p.result;
    expect(out).toMatch(/^\/(private\/)?tmp\nhello\n$/);
  });

  it('batches many small writes into few chunks', async () => {
    const chunks: OutputChunk[] = [];
    const p = startProcess({ file: 'bash', args: ['-c', 'for i in $(seq 1 2000); do echo line$i; done'], cwd: process.cwd(), env, onOutput: (c) => chunks.push(c) });
    await p.result;
    const text = chunks.map((c) => c.text).join('');
    expect(text.split('\n').length).toBe(2001);
    expect(chunks.length).toBeLessThan(200);
  });

  it('kills the tree on timeout and says so', async () => {
    const p = startProcess({ file: 'bash', args: ['-c', 'sleep 30'], cwd: process.cwd(), env, timeoutMs: 300, killGraceMs: 500 });
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
    const p = startProcess({ file: 'bash', args: ['-c', script], cwd: process.cwd(), env, killGraceMs: 300, flushIntervalMs: 5, onOutput: (c) => (out += c.text) });
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
    const p = startProcess({ file: 'bash', args: ['-c', 'sleep 60 >/dev/null 2>&1 & echo $!'], cwd: process.cwd(), env, killGraceMs: 300, onOutput: (c) => (out += c.text) });
    const r = await p.result;
    expect(r.exitCode).toBe(0);
    const orphan = Number(out.trim());
    await waitUntil(() => !isAlive(orphan));
  });

  it('reports a program that cannot start', async () => {
    const p = startProcess({ file: 'definitely-not-a-program-bdp', args: [], cwd: process.cwd(), env });
    const r = await p.result;
    expect(r.exitCode).toBeNull();
    expect(r.error).toMatch(/ENOENT/);
  });
});
