import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowSchema, type Workflow } from '../../../shared/model';
import { readWorkspaceSnapshot } from '../workspace-snapshot';
import { decodeInlineCommand, encodeInlineCommand } from './inline-script';
import {
  fromPortableFlow,
  projectWorkflow,
  toFlowGraph,
  toPortableFlow,
  type MappingContext,
} from './mapping';
import { startClientAndEmulator } from '../../../../tests/support/enos-fixtures';

const SAMPLE = path.resolve(__dirname, '../../../../resources/sample-workspace');

/** The documented lossy fields of SHELL / PYTHON tasks: description dropped, task parameters inlined. */
function withoutLossyFields(wf: Workflow): Workflow {
  return {
    ...wf,
    tasks: wf.tasks.map((t) => {
      if (t.type !== 'SHELL' && t.type !== 'PYTHON') return t;
      const { description: _d, ...rest } = t;
      const command = t.command?.replace(/\$\{(\w+)\}/g, (all, k: string) => t.parameters[k] ?? all);
      return { ...rest, parameters: {}, ...(command !== undefined ? { command } : {}) };
    }),
  };
}

describe('EnOS mapping', () => {
  it('round-trips every sample workflow through Import / Export on the emulator', async () => {
    const snap = await readWorkspaceSnapshot(SAMPLE);
    const ctx: MappingContext = { scripts: snap.scripts, resourceTexts: snap.resourceTexts };
    const env = await startClientAndEmulator();
    try {
      // weekly_report references daily_orders: import in dependency order.
      const ordered = [...snap.workflows].sort((a) => (a.workflow.references.length ? 1 : -1));
      expect(ordered.length).toBe(2);
      for (const { workflow } of ordered) {
        const { flowId } = await env.client.importFlow({
          flowName: workflow.name,
          desc: workflow.description,
          dirId: env.rootDirId,
          flowJson: toPortableFlow(workflow, ctx),
        });
        const back = fromPortableFlow(await env.client.exportFlow(flowId));
        expect(back).toEqual(withoutLossyFields(workflow));
      }
    } finally {
      await env.close();
    }
  });

  it('keeps positions, cycle gaps and references through the graph form (Save Flow, Get Flow)', async () => {
    const wf = workflowSchema.parse({
      name: 'layout',
      owners: ['demo'], // EnOS adds the creator to an empty owner list
      schedule: { type: 'periodic', cycle: 'H', cron: '0 0 * * * ? *', effectiveDate: '2026-01-01' },
      references: [{ name: 'wait_up', kind: 'flow', workflow: 'up', position: { x: 10, y: 20 } }],
      tasks: [
        { name: 'a', type: 'SHELL', command: 'echo a', position: { x: 240, y: 0 } },
        {
          name: 'b',
          type: 'PYTHON',
          command: 'print(1)',
          position: { x: 480.5, y: 120 },
          runMode: { mode: 'multiple', maxParallel: 3, keySource: { type: 'custom', keys: ['k1', 'k2'] } },
        },
      ],
      relations: [
        { from: 'wait_up', to: 'a' },
        { from: 'a', to: 'b', rerun: false, cycleGap: 'H1' },
      ],
    });
    const up = workflowSchema.parse({
      name: 'up',
      schedule: wf.schedule,
      tasks: [{ name: 'x', type: 'SHELL', command: 'true' }],
    });
    const env = await startClientAndEmulator();
    try {
      await env.client.importFlow({ flowName: 'up', dirId: env.rootDirId, flowJson: toPortableFlow(up) });
      const { flowId } = await env.client.importFlow({
        flowName: 'layout',
        dirId: env.rootDirId,
        flowJson: toPortableFlow(wf),
      });
      const current = JSON.parse((await env.client.getFlow(flowId)).graph);
      const taskIds = new Map<string, string>(
        current.tasks.map((t: { taskName: string; taskId: string }) => [t.taskName, String(t.taskId)]),
      );
      const refNodes = new Map([
        ['wait_up', { flowId: String(current.flows[0].flowId), flowName: 'up', isVirtual: false }],
      ]);
      await env.client.saveFlow(toFlowGraph(wf, { flowId, active: 0, taskIds, refNodes, current }));
      const back = fromPortableFlow(
        await env.client.exportFlow(flowId),
        JSON.parse((await env.client.getFlow(flowId)).graph),
      );
      expect(back).toEqual(projectWorkflow(wf));
      expect(back).toEqual(wf);
    } finally {
      await env.close();
    }
  });

  it('encodes inline scripts as a heredoc that decodes back', () => {
    const cmd = encodeInlineCommand(
      { kind: 'script', path: "scripts/it's.sh" },
      'echo "$1"\nBDP_EOF\n',
      "sh scripts/it's.sh x",
    );
    expect(cmd).toContain("cat > 'scripts/it'\\''s.sh' <<'BDP_EOF_");
    expect(decodeInlineCommand(cmd)).toEqual({
      source: { kind: 'script', path: "scripts/it's.sh" },
      command: "sh scripts/it's.sh x",
    });
    expect(decodeInlineCommand('echo plain')).toBeUndefined();
  });

  it('uses the chosen task type codes and carries DATA_SYNC / EXTERNAL_APP configs as JSON', async () => {
    const snap = await readWorkspaceSnapshot(SAMPLE);
    const daily = snap.workflows.find((w) => w.workflow.name === 'daily_orders')!.workflow;
    const p = toPortableFlow(daily, { inlineScripts: false });
    expect(p.tasks.map((t) => t.type)).toEqual(['DATA_INTEGRATION', 'PYTHON', 'COMMAND', 'EXTERNAL_APP']);
    expect(JSON.parse(p.tasks[0].cmd).sync.target.table).toBe('ods.orders');
    expect(JSON.parse(p.tasks[3].cmd).app.command).toBe('/notify');
    // inline off: the resource version is a console prerequisite and the command runs as written
    expect([p.tasks[1].cmd, p.tasks[1].resource, p.tasks[1].filePackage]).toEqual([
      'python3 clean_orders.py --date ${cal_dt} --max-reject-pct ${max_reject_pct}',
      'clean_orders',
      'V1.0.0',
    ]);
    expect(p).toMatchObject({
      type: 1,
      cycle: 'D',
      cron: '0 30 2 * * ? *',
      startTime: '2026-11-01',
      alertMode: 1,
      owners: ';alice;bob;',
    });
  });
});
