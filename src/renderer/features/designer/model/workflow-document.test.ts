import { describe, expect, it } from 'vitest';
import { parseWorkflow } from '../../../../shared/model/validate-file';
import { SAMPLE_WORKFLOWS, sampleWorkflow } from '../../../test-support/sample-workflows';
import { newWorkflow, workflowYaml } from '../../../../shared/workflow-files';
import { WorkflowDocument } from './workflow-document';

const DAILY = sampleWorkflow('daily_orders');
const WEEKLY = sampleWorkflow('weekly_report');

function edit(text: string, fn: (d: WorkflowDocument) => unknown): string {
  const d = new WorkflowDocument(text);
  const r = fn(d) as { ok: boolean; reason?: string };
  expect(r, r.reason).toMatchObject({ ok: true });
  return d.toString();
}

function valid(text: string, file = 'workflows/retail/daily_orders.workflow.yaml') {
  const { workflow, problems } = parseWorkflow(text, file);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return workflow!;
}

describe('WorkflowDocument round trip', () => {
  it('finds the sample workflows', () =>
    expect(Object.keys(SAMPLE_WORKFLOWS).length).toBeGreaterThanOrEqual(2));
  for (const [file, text] of Object.entries(SAMPLE_WORKFLOWS)) {
    it(`keeps ${file.split('/').pop()} byte-identical without edits`, () => {
      expect(new WorkflowDocument(text).toString()).toBe(text);
    });
  }

  it('keeps CRLF files byte-identical and in CRLF after an edit', () => {
    const crlf = DAILY.replace(/\n/g, '\r\n');
    expect(new WorkflowDocument(crlf).toString()).toBe(crlf);
    const out = edit(crlf, (d) => d.setRelationRerun('sync_orders', 'clean_orders', false));
    expect(out).toContain('\r\n  - { from: sync_orders, to: clean_orders, rerun: false }\r\n');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('preserves comments and their alignment outside the edited lines', () => {
    const out = edit(DAILY, (d) => d.addTask('SHELL', 'shell_1', { x: 10.4, y: 20.6 }));
    const before = DAILY.split('\n');
    const after = out.split('\n');
    // Everything before the end of the tasks list is untouched, comments and alignment included.
    const relationsAt = before.indexOf('relations:');
    expect(after.slice(0, relationsAt - 1)).toEqual(before.slice(0, relationsAt - 1));
    expect(out).toContain(
      'parameters:                           # workflow parameters, visible to every task as ${name}',
    );
    expect(out).toContain(
      '  # rerun: false -> re-running the pipeline from an upstream node does not notify BI again;',
    );
    expect(out).toContain(
      '\n  - name: shell_1\n    type: SHELL\n    position: { x: 10, y: 21 }\n    command: echo "business date ${cal_dt}"\n',
    );
    expect(valid(out).tasks.map((t) => t.name)).toContain('shell_1');
  });
});

describe('WorkflowDocument operations', () => {
  it('adds a task of every type, each valid', () => {
    const out = edit(DAILY, (d) => {
      for (const t of ['DATA_SYNC', 'SHELL', 'PYTHON', 'EXTERNAL_APP'] as const) d.addTask(t);
      return { ok: true };
    });
    const wf = valid(out);
    expect(wf.tasks.map((t) => t.name).slice(4)).toEqual([
      'data_sync_1',
      'shell_1',
      'python_1',
      'external_app_1',
    ]);
  });

  it('names new nodes uniquely', () => {
    const d = new WorkflowDocument(DAILY);
    d.addTask('SHELL');
    expect(d.uniqueName('shell')).toBe('shell_2');
  });

  it('refuses a duplicate or invalid name', () => {
    const d = new WorkflowDocument(WEEKLY);
    expect(d.addTask('SHELL', 'build_report')).toEqual({
      ok: false,
      reason: 'The name "build_report" is already used by a task',
    });
    expect(d.addTask('SHELL', 'wait_daily_orders')).toEqual({
      ok: false,
      reason: 'The name "wait_daily_orders" is already used by a reference',
    });
    expect(d.renameNode('build_report', 'send_report')).toEqual({
      ok: false,
      reason: 'The name "send_report" is already used by a task',
    });
    expect(d.addTask('SHELL', 'bad name')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a valid name'),
    });
    expect(d.toString()).toBe(WEEKLY);
  });

  it('adds Flow and Task references, creating the list where it belongs', () => {
    const out = edit(DAILY, (d) => {
      d.addReference('flow', 'weekly_report', undefined, undefined, { x: 0, y: 0 });
      return d.addReference('task', 'other_flow', 'other_task');
    });
    const wf = valid(out);
    expect(wf.references).toEqual([
      { name: 'flow_ref_1', kind: 'flow', workflow: 'weekly_report', position: { x: 0, y: 0 } },
      { name: 'task_ref_1', kind: 'task', workflow: 'other_flow', task: 'other_task' },
    ]);
    expect(out.indexOf('references:')).toBeLessThan(out.indexOf('tasks:'));
  });

  it('removes nodes with their relations', () => {
    const wf = valid(edit(DAILY, (d) => d.removeNodes(['clean_orders'])));
    expect(wf.tasks.map((t) => t.name)).toEqual(['sync_orders', 'aggregate_sales', 'notify_bi']);
    expect(wf.relations).toEqual([{ from: 'aggregate_sales', to: 'notify_bi', rerun: false }]);
    expect(new WorkflowDocument(DAILY).removeNodes(['nope'])).toEqual({
      ok: false,
      reason: 'No task or reference named "nope"',
    });
  });

  it('renames a node and its relations', () => {
    const out = edit(DAILY, (d) => d.renameNode('clean_orders', 'check_orders'));
    const wf = valid(out);
    expect(wf.relations.slice(0, 2)).toEqual([
      { from: 'sync_orders', to: 'check_orders', rerun: true },
      { from: 'check_orders', to: 'aggregate_sales', rerun: true },
    ]);
    expect(out).not.toContain('clean_orders\n');
  });

  it('adds a relation and refuses cycles, self-loops, duplicates and edges into references', () => {
    const d = new WorkflowDocument(WEEKLY);
    expect(d.addRelation('send_report', 'build_report')).toEqual({
      ok: false,
      reason: 'This relation would close a cycle: send_report -> build_report -> send_report',
    });
    expect(d.addRelation('build_report', 'build_report')).toEqual({
      ok: false,
      reason: 'A relation cannot connect "build_report" to itself',
    });
    expect(d.addRelation('build_report', 'send_report')).toEqual({
      ok: false,
      reason: 'The relation build_report -> send_report already exists',
    });
    expect(d.addRelation('build_report', 'wait_daily_orders')).toEqual({
      ok: false,
      reason: '"wait_daily_orders" is a reference: references are root nodes and cannot have an upstream',
    });
    expect(d.addRelation('build_report', 'ghost')).toEqual({
      ok: false,
      reason: 'No task or reference named "ghost"',
    });
    expect(d.addRelation('wait_daily_orders', 'send_report')).toEqual({ ok: true });
    expect(d.toString()).toContain(
      '  - { from: build_report, to: send_report }\n  - { from: wait_daily_orders, to: send_report }\n',
    );
  });

  it('names the whole cycle path', () => {
    const d = new WorkflowDocument(DAILY);
    expect(d.addRelation('notify_bi', 'sync_orders')).toEqual({
      ok: false,
      reason:
        'This relation would close a cycle: notify_bi -> sync_orders -> clean_orders -> aggregate_sales -> notify_bi',
    });
  });

  it('removes a relation and toggles its rerun flag', () => {
    const removed = valid(edit(DAILY, (d) => d.removeRelation('sync_orders', 'clean_orders')));
    expect(removed.relations).toHaveLength(2);
    const toggled = edit(DAILY, (d) => d.setRelationRerun('aggregate_sales', 'notify_bi', true));
    expect(toggled).toContain('  - { from: aggregate_sales, to: notify_bi }\n');
    expect(toggled).toContain('  # notify_bi ends SKIP in such a pre-run.');
    expect(new WorkflowDocument(DAILY).removeRelation('a', 'b')).toEqual({
      ok: false,
      reason: 'No relation a -> b',
    });
  });

  it('writes positions right after the identity keys, and updates them in place', () => {
    const once = edit(DAILY, (d) => d.setPositions(new Map([['sync_orders', { x: 1, y: 2 }]])));
    expect(once).toContain('  - name: sync_orders\n    type: DATA_SYNC\n    description: Copy the day');
    expect(once).toContain('dt=<business date>\n    position: { x: 1, y: 2 }\n    config:');
    const twice = edit(once, (d) => d.setPositions(new Map([['sync_orders', { x: 5, y: 6 }]])));
    expect(twice).toContain('    position: { x: 5, y: 6 }\n');
    expect(twice.split('\n')).toHaveLength(once.split('\n').length);
  });

  it('updates task fields, config and parameters', () => {
    const out = edit(DAILY, (d) =>
      d.updateTask('clean_orders', {
        description: 'Gate',
        command: 'python3 x.py',
        config: { timeout: 30, retryTimes: null, allowReference: true },
        parameters: { dt: '${cal_dt}', limit: '10' },
      }),
    );
    const t = valid(out).tasks.find((x) => x.name === 'clean_orders')!;
    expect(t.description).toBe('Gate');
    expect(t).toMatchObject({ command: 'python3 x.py', parameters: { dt: '${cal_dt}', limit: '10' } });
    expect(t.config).toMatchObject({ timeout: 30, retryTimes: 0, allowReference: true });
    // The comment on the kept parameter survives.
    expect(out).toContain(
      '      dt: ${cal_dt}                   # a parameter whose value is a system variable',
    );
    expect(new WorkflowDocument(DAILY).updateTask('clean_orders', { config: { timeout: -1 } })).toEqual({
      ok: false,
      reason: 'timeout must be a whole number of 0 or more',
    });
    expect(
      new WorkflowDocument(DAILY).updateTask('clean_orders', { parameters: { '1x': 'a' } }),
    ).toMatchObject({ ok: false });
  });

  it('updates workflow settings', () => {
    const out = edit(DAILY, (d) =>
      d.updateWorkflow({ description: 'New', cron: '0 0 3 * * ? *', parameters: { region: 'cn2' } }),
    );
    const wf = valid(out);
    expect(wf).toMatchObject({
      description: 'New',
      schedule: { cron: '0 0 3 * * ? *' },
      parameters: { region: 'cn2' },
    });
    expect(out).toContain('  cron: "0 0 3 * * ? *"               # every day at 02:30:00');
    expect(out).toContain('owners: [alice, bob]\n');
  });

  it("fills a new workflow's empty lists and parameters in block style, the description below the name", () => {
    const fresh = workflowYaml(newWorkflow('fresh', 'periodic', '2026-11-01'));
    expect(fresh).toContain('parameters: {}\nreferences: []\ntasks: []\nrelations: []\n');
    const out = edit(fresh, (d) => {
      d.updateWorkflow({ description: 'Fresh flow', parameters: { region: 'cn1' } });
      d.addTask('SHELL', 'a');
      d.addTask('SHELL', 'b');
      return d.addRelation('a', 'b');
    });
    expect(out).toMatch(/^name: fresh\ndescription: Fresh flow\nschedule:\n/);
    expect(out).toContain('parameters:\n  region: cn1\n');
    expect(out).toContain('tasks:\n  - name: a\n    type: SHELL\n');
    expect(out).toContain('relations:\n  - { from: a, to: b }\n');
    expect(valid(out, 'workflows/retail/fresh.workflow.yaml')).toMatchObject({
      description: 'Fresh flow',
      tasks: [{ name: 'a' }, { name: 'b' }],
      relations: [{ from: 'a', to: 'b' }],
    });
  });

  it('copies and pastes nodes with their inner relations under fresh names', () => {
    const d = new WorkflowDocument(DAILY);
    const clip = d.copyNodes(['clean_orders', 'aggregate_sales']);
    expect(clip.relations).toHaveLength(1);
    const r = d.pasteNodes(clip);
    expect(r).toEqual({ ok: true, names: ['clean_orders_copy', 'aggregate_sales_copy'] });
    const wf = valid(d.toString());
    expect(wf.relations.at(-1)).toMatchObject({ from: 'clean_orders_copy', to: 'aggregate_sales_copy' });
    expect(d.pasteNodes(clip)).toEqual({
      ok: true,
      names: ['clean_orders_copy_2', 'aggregate_sales_copy_2'],
    });
  });

  it('reports YAML syntax errors', () => {
    expect(new WorkflowDocument('name: "broken\n').errors.length).toBeGreaterThan(0);
  });
});

describe('mergeLines', () => {
  it('keeps the original text around a re-printed line', async () => {
    const { mergeLines } = await import('./line-merge');
    const original = 'a: [x, y]   # c\nb: 1\n';
    expect(mergeLines(original, 'a: [ x, y ] # c\nb: 1\n', 'a: [ x, y ] # c\nb: 2\n')).toBe(
      'a: [x, y]   # c\nb: 2\n',
    );
    expect(mergeLines(original, 'same', 'same')).toBe(original);
  });
});
