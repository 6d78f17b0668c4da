import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, RUN_EXIT } from '../../src/main/cli/run';
import { bundleRunner } from '../support/runner-process-fixtures';

// A workspace on a 2 MiB tmpfs: a task that writes more than fits fills the disk mid-run.
const mountPoint = mkdtempSync(join(tmpdir(), 'bdp-full-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  mounted = true;
} catch (error) {
  // Loud, not silent: the drill needs a file system that can fill up.
  console.warn(
    `SKIPPED disk-full drill: cannot mount a small tmpfs here (${String(error).split('\n')[0]}); run as root to include it`,
  );
}

let bundle: { modulePath: string; dispose: () => void };
beforeAll(async () => {
  bundle = await bundleRunner();
});
afterAll(() => {
  bundle.dispose();
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

describe.skipIf(!mounted)('a full disk during a pre-run (2 MiB tmpfs)', () => {
  it('ends the instance FAIL with "no space left on device", keeps its record, leaves no temp files, and bdp run exits 1', async () => {
    const ws = join(mountPoint, 'ws');
    mkdirSync(join(ws, 'workflows'), { recursive: true });
    writeFileSync(join(ws, 'bdp.yaml'), 'name: full\n');
    writeFileSync(
      join(ws, 'workflows', 'flood.workflow.yaml'),
      'name: flood\nschedule: { type: manual }\ntasks:\n  - name: flood\n    type: SHELL\n    command: yes "a line of a log that does not fit on this disk" | head -n 100000\n',
    );
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCommand(
      'flood',
      { date: '2026-11-01', json: true, workspace: ws },
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t), runnerModulePath: bundle.modulePath },
    );
    expect(code, err.join('')).toBe(RUN_EXIT.failed);
    const final = JSON.parse(out.join('')) as {
      status: string;
      reason: string;
      tasks: { status: string; reason: string }[];
    };
    expect(final).toMatchObject({ status: 'FAIL', reason: 'no space left on device (task "flood")' });
    expect(final.tasks[0].status).toBe('FAIL');
    expect(final.tasks[0].reason).toMatch(/its log could not be written: ENOSPC: no space left on device/);
    const files = walk(join(ws, '.bdp', 'runs'));
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
    const record = JSON.parse(
      readFileSync(join(ws, '.bdp', 'runs', 'flood', 'flood-20261102000000', 'instance.json'), 'utf8'),
    ) as { status: string };
    expect(record.status).toBe('FAIL');
  }, 60_000);
});

describe.skipIf(!mounted)('a read-only workspace', () => {
  it('lists its runs and refuses a pre-run with a clear reason, not ENOENT', async () => {
    const { RunnerServiceAdapter } = await import('../../src/main/services/runner/runner-service-adapter');
    const ro = mkdtempSync(join(tmpdir(), 'bdp-ro-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', ro]);
    try {
      mkdirSync(join(ro, 'workflows'));
      writeFileSync(join(ro, 'bdp.yaml'), 'name: ro\n');
      writeFileSync(
        join(ro, 'workflows', 'hello.workflow.yaml'),
        'name: hello\nschedule: { type: manual }\ntasks:\n  - { name: hi, type: SHELL, command: echo hi }\n',
      );
      execFileSync('mount', ['-o', 'remount,ro', ro]);
      const adapter = new RunnerServiceAdapter({ runnerModulePath: bundle.modulePath });
      await adapter.setRoot(ro);
      try {
        expect(await adapter.list({})).toEqual([]);
        await expect(adapter.start({ workflow: 'hello', businessDate: '2026-11-01' })).rejects.toMatchObject({
          code: 'UNAVAILABLE',
          message: expect.stringMatching(
            /cannot be written \(EROFS\): the workspace is read-only, so its runs can be viewed but no pre-run can start/,
          ),
        });
      } finally {
        await adapter.dispose();
      }
    } finally {
      execFileSync('umount', [ro]);
      rmSync(ro, { recursive: true, force: true });
    }
  });
});
