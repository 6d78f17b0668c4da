import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunnerClient } from './runner-client';
import { bundleRunner } from '../../../../tests/support/runner-process-fixtures';
import { makeWorkflow, taskOf, tempWorkspace, waitForEnd } from '../../../../tests/support/runner-fixtures';
import type { LogChunk } from '../../runner/types';
import type { InstanceChange } from '../../../shared/runner-protocol';

let bundle: { modulePath: string; dispose: () => void };
let modulePath: string;

beforeAll(async () => {
  bundle = await bundleRunner();
  modulePath = bundle.modulePath;
});
afterAll(() => bundle.dispose());

describe('RunnerClient <-> runner process', () => {
  it('runs instances in the child process and forwards calls, events and errors', async () => {
    const ws = tempWorkspace();
    const client = await RunnerClient.start({
      modulePath,
      service: { workspaceRoot: ws.root, parallelism: 2, submitter: 'ipc-user', killGraceMs: 300 },
    });
    try {
      const changes: InstanceChange[] = [];
      const logs: LogChunk[] = [];
      client.onDidChangeInstance((c) => changes.push(c));
      client.onDidAppendLog((l) => logs.push(l));
      const wf = makeWorkflow({
        tasks: [
          {
            name: 'sh',
            type: 'SHELL',
            command: 'echo parent=$PPID grandparent=$(ps -o ppid= -p $PPID | tr -d " ")',
          },
          { name: 'py', type: 'PYTHON', command: 'def main():\n    print("py ok")\n    return 0\n' },
        ],
        relations: [{ from: 'sh', to: 'py' }],
      });
      const started = await client.start({ workflow: wf, triggerTime: '2026-11-24 08:00:00' });
      expect(started.instanceId).toBe('wf-20261124080000');
      const done = await waitForEnd(client, started.instanceId);
      expect(done.status).toBe('SUCCESS');
      expect(taskOf(done, 'py').status).toBe('SUCCESS');
      // Task processes descend from the runner process (through its spawn helper), never from main.
      const shLog = (await client.readLog(started.instanceId, 'sh')) ?? '';
      expect(shLog.includes(`parent=${client.pid} `) || shLog.includes(`grandparent=${client.pid}\n`)).toBe(
        true,
      );
      expect(shLog).not.toContain(`parent=${process.pid} `);
      expect(logs.some((l) => l.task === 'py' && l.text.includes('py ok'))).toBe(true);
      expect(logs.find((l) => l.task === 'sh' && l.seq === 0)?.text).toContain('submitter: ipc-user');
      // The final change event follows the final write, so it may arrive just after get() shows it.
      const until = Date.now() + 5000;
      while (!changes.some((c) => c.instance.status === 'SUCCESS') && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      expect(changes.some((c) => c.instance.status === 'SUCCESS')).toBe(true);
      expect((await client.list()).length).toBe(1);
      await expect(client.stop(started.instanceId)).rejects.toMatchObject({ code: 'CONFLICT' });
      const diag = await client.diagnostics();
      expect(diag.pid).toBe(client.pid);
      expect(diag.maxRssBytes).toBeGreaterThan(0);
    } finally {
      await client.dispose();
      ws.dispose();
    }
  });

  it('stops running instances when disposed, and recovers them on the next start after a crash', async () => {
    const ws = tempWorkspace();
    const wf = makeWorkflow({ tasks: [{ name: 'long', type: 'SHELL', command: 'sleep 30' }] });
    const client = await RunnerClient.start({
      modulePath,
      service: { workspaceRoot: ws.root, killGraceMs: 300 },
    });
    const started = await client.start({ workflow: wf, triggerTime: '2026-11-24' });
    await new Promise((r) => setTimeout(r, 600)); // let the throttled RUNNING state reach disk
    process.kill(client.pid!, 'SIGKILL');
    await expect(client.get(started.instanceId)).rejects.toBeDefined();
    const again = await RunnerClient.start({ modulePath, service: { workspaceRoot: ws.root } });
    try {
      const inst = await again.get(started.instanceId);
      expect(inst).toMatchObject({
        status: 'FAIL',
        reason: 'BDP Studio stopped while this instance was running',
      });
      expect(taskOf(inst!, 'long').status).toBe('FAIL');
      const second = await again.start({
        workflow: makeWorkflow({ tasks: [{ name: 'long', type: 'SHELL', command: 'sleep 30' }] }),
        triggerTime: '2026-11-25',
      });
      await again.dispose();
      const reopened = await RunnerClient.start({ modulePath, service: { workspaceRoot: ws.root } });
      expect(await reopened.get(second.instanceId)).toMatchObject({
        status: 'FAIL',
        reason: 'BDP Studio was closed while this instance was running',
      });
      await reopened.dispose();
    } finally {
      await again.dispose();
      ws.dispose();
    }
  });
});
