import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleRunner,
  capturedRunIo,
  DEMO_WORKFLOW,
  FAILING_WORKFLOW,
  workspaceWith,
} from '../../../tests/support/runner-process-fixtures';
import { runCommand, RUN_EXIT, type RunCommandIo } from './run';

let bundle: { modulePath: string; dispose: () => void };
beforeAll(async () => {
  bundle = await bundleRunner();
});
afterAll(() => bundle.dispose());

const io = (): RunCommandIo & { out: string[]; err: string[] } =>
  capturedRunIo(bundle.modulePath, { killGraceMs: 300 });

describe('bdp run', () => {
  it('exits 0 on SUCCESS and prints the final instance with --json', async () => {
    const ws = workspaceWith({ 'workflows/demo.workflow.yaml': DEMO_WORKFLOW });
    try {
      const o = io();
      expect(await runCommand('demo', { date: '2026-11-05', json: true, workspace: ws.root }, o)).toBe(
        RUN_EXIT.success,
      );
      const json = JSON.parse(o.out.join('')) as {
        status: string;
        statusCode: number;
        businessDate: string;
        triggerTime: string;
        tasks: { name: string; status: string; runNum: number; log: string }[];
      };
      expect(json).toMatchObject({
        status: 'SUCCESS',
        statusCode: 1,
        businessDate: '2026-11-05',
        triggerTime: '2026-11-06 00:00:00',
      });
      expect(json.tasks.map((t) => [t.name, t.status, t.runNum])).toEqual([
        ['extract', 'SUCCESS', 1],
        ['load', 'SUCCESS', 1],
        ['report', 'SUCCESS', 1],
      ]);
      expect(json.tasks[0].log).toMatch(
        /\.bdp[/\\]runs[/\\]demo[/\\]demo-20261106000000[/\\]extract\.1\.log$/,
      );
      const err = o.err.join('');
      expect(err).toContain('[extract] extract 2026-11-05');
      expect(err).toContain('[load] SUCCESS run 1');
    } finally {
      ws.dispose();
    }
  });

  it('runs a node with its downstream, and a single node', async () => {
    const ws = workspaceWith({ 'workflows/demo.workflow.yaml': DEMO_WORKFLOW });
    try {
      const o = io();
      expect(
        await runCommand(
          'demo',
          { date: '2026-11-05', node: 'load', downstream: true, json: true, workspace: ws.root },
          o,
        ),
      ).toBe(0);
      const json = JSON.parse(o.out.join('')) as {
        scope: unknown;
        tasks: { name: string; status: string; runNum: number }[];
      };
      expect(json.scope).toEqual({ kind: 'downstream', node: 'load' });
      // extract is outside the pass; report sits behind a rerun:false relation and ends SKIP.
      expect(json.tasks.map((t) => [t.name, t.runNum])).toEqual([
        ['load', 1],
        ['report', 0],
      ]);
      expect(json.tasks[1].status).toBe('SKIP');
    } finally {
      ws.dispose();
    }
  });

  it('exits 1 when the instance fails or the workflow is unknown, 2 on usage errors', async () => {
    const ws = workspaceWith({ 'workflows/broken.workflow.yaml': FAILING_WORKFLOW });
    try {
      const o = io();
      expect(await runCommand('broken', { json: true, workspace: ws.root }, o)).toBe(RUN_EXIT.failed);
      expect(JSON.parse(o.out.join('')).status).toBe('FAIL');
      expect(o.err.join('')).toContain('[boom] failing');
      const u = io();
      expect(await runCommand('missing', { workspace: ws.root }, u)).toBe(RUN_EXIT.failed);
      expect(u.err.join('')).toMatch(/no workflow "missing"/);
      expect(await runCommand(undefined, {}, io())).toBe(RUN_EXIT.usage);
      expect(await runCommand('broken', { downstream: true, workspace: ws.root }, io())).toBe(RUN_EXIT.usage);
      expect(await runCommand('broken', { date: '11/05/2026', workspace: ws.root }, io())).toBe(
        RUN_EXIT.usage,
      );
    } finally {
      ws.dispose();
    }
  });

  it('--references run-first pre-runs the referenced workflow first; a bad mode is a usage error', async () => {
    const upstream =
      'name: upstream\nschedule: { type: manual }\ntasks:\n  - { name: produce, type: SHELL, command: echo produced }\n';
    const consumer =
      'name: consumer\nschedule: { type: manual }\nreferences:\n  - { name: wait_up, kind: flow, workflow: upstream }\ntasks:\n  - { name: use, type: SHELL, command: echo used }\nrelations:\n  - { from: wait_up, to: use }\n';
    const ws = workspaceWith({
      'workflows/upstream.workflow.yaml': upstream,
      'workflows/consumer.workflow.yaml': consumer,
    });
    try {
      const o = io();
      expect(
        await runCommand(
          'consumer',
          { date: '2026-11-05', json: true, references: 'run-first', workspace: ws.root },
          o,
        ),
      ).toBe(RUN_EXIT.success);
      const json = JSON.parse(o.out.join('')) as {
        tasks: { name: string; status: string; reason?: string }[];
      };
      expect(json.tasks[0]).toMatchObject({
        name: 'wait_up',
        status: 'SUCCESS',
        reason: 'Flow Ref to upstream satisfied by upstream-20261106000000 (business date 2026-11-05)',
      });
      expect(await runCommand('consumer', { references: 'later', workspace: ws.root }, io())).toBe(
        RUN_EXIT.usage,
      );
      expect(
        await runCommand('consumer', { references: 'wait', referenceTimeout: '0', workspace: ws.root }, io()),
      ).toBe(RUN_EXIT.usage);
    } finally {
      ws.dispose();
    }
  });
});
