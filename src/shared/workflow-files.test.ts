import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { workflowSchema } from './model';
import {
  cloneWorkflow,
  importPortableFlow,
  newWorkflow,
  referencingWorkflows,
  workflowDirs,
  workflowNameError,
  workflowYaml,
} from './workflow-files';

// the EnOS API specification §4.3, with a second task so the task relation has both ends.
const SAMPLE = {
  name: 'nFlow',
  cycle: 'D',
  cron: '0 0 0 * * ? *',
  parameters: '[]',
  alertMode: 3,
  submitter: 'yourSubmitter',
  owners: 'yourOwners',
  visitors: ';yourVisitors;',
  type: 1,
  syncType: 1,
  desc: 'ga',
  startTime: '2019-07-24',
  tasks: [
    {
      name: 'tass',
      resource: 'default',
      type: 'COMMAND',
      syncType: 1,
      cmd: "echo 'hello'",
      submitter: '',
      filePackage: '',
      cron: '',
      priorityLevel: 0,
      timeout: 300,
      retryLimit: 3,
      retryInterval: 0,
      successCode: '0',
      asLink: false,
      runMode:
        '{"taskMode":1,"cpu":0.5,"memory":1,"maxParallel":0,"keyType":0,"datasourceId":0,"path":"","content":""}',
    },
    {
      name: 'rf',
      resource: 'default',
      type: 'COMMAND',
      syncType: 1,
      cmd: 'echo rf',
      submitter: '',
      filePackage: '',
      cron: '',
      priorityLevel: 0,
      timeout: 0,
      retryLimit: 0,
      retryInterval: 0,
      successCode: '0',
      asLink: false,
      runMode: '',
    },
  ],
  flowLinks: [{ linkId: '0', sourceFlowName: 'jin' }],
  taskLinks: [{ linkId: '1', sourceFlowName: 'dw', sourceTaskName: 'tass' }],
  relations: [{ sourceTaskName: 'tass', targetTaskName: 'rf', rerun: true }],
  linkRelations: [{ linkId: '0', targetTaskName: 'tass', rerun: false }],
};

describe('importPortableFlow', () => {
  it('converts the spec sample: tasks, flow and task links, relations and link relations', () => {
    const r = importPortableFlow(JSON.stringify(SAMPLE), 'imported');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const wf = r.value;
    expect(wf.name).toBe('imported');
    expect(wf.description).toBe('ga');
    expect(wf.schedule).toEqual({
      type: 'periodic',
      cycle: 'D',
      cron: '0 0 0 * * ? *',
      effectiveDate: '2019-07-24',
    });
    expect(wf.alertMode).toBe('email+sms');
    expect(wf.tasks.map((t) => [t.name, t.type])).toEqual([
      ['tass', 'SHELL'],
      ['rf', 'SHELL'],
    ]);
    expect(wf.tasks[0]).toMatchObject({ command: "echo 'hello'", config: { timeout: 300, retryTimes: 3 } });
    expect(wf.references).toEqual([
      { name: 'wait_jin', kind: 'flow', workflow: 'jin' },
      { name: 'wait_dw_tass', kind: 'task', workflow: 'dw', task: 'tass' },
    ]);
    expect(wf.relations).toEqual([
      { from: 'wait_jin', to: 'tass', rerun: false },
      { from: 'tass', to: 'rf', rerun: true },
    ]);
  });

  it('accepts the Export Flow envelope and keeps the exported name by default', () => {
    const r = importPortableFlow(JSON.stringify({ code: 0, msg: 'OK', data: SAMPLE }));
    expect(r.ok && r.value.name).toBe('nFlow');
  });

  it('explains invalid JSON and a wrong shape', () => {
    expect(importPortableFlow('{nope')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Not valid JSON'),
    });
    expect(importPortableFlow('[1]')).toMatchObject({
      ok: false,
      error: expect.stringContaining('JSON object'),
    });
    expect(importPortableFlow('{"name":"x"}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('"tasks"'),
    });
    expect(importPortableFlow('{"name":"x","tasks":[],"flowLinks":3}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('"flowLinks"'),
    });
    expect(importPortableFlow('{"name":"bad name!","tasks":[]}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('name'),
    });
  });
});

describe('cloneWorkflow', () => {
  it('copies tasks, relations, positions and (upstream) references under the new name', () => {
    const r = importPortableFlow(JSON.stringify(SAMPLE));
    if (!r.ok) throw new Error(r.error);
    const src = {
      ...r.value,
      tasks: r.value.tasks.map((t, i) => ({ ...t, position: { x: i * 200, y: 0 } })),
    };
    const copy = cloneWorkflow(src, 'nFlow_copy');
    expect(copy.name).toBe('nFlow_copy');
    expect(copy.tasks).toEqual(src.tasks);
    expect(copy.relations).toEqual(src.relations);
    expect(copy.references).toEqual(src.references);
    expect(copy.tasks).not.toBe(src.tasks);
    expect(src.name).toBe('nFlow');
  });
});

describe('workflow files', () => {
  it('validates names against the rule and existing workflows', () => {
    expect(workflowNameError('', [])).toMatch(/Enter/);
    expect(workflowNameError('a b', [])).toMatch(/letters/);
    expect(workflowNameError('daily', ['daily'])).toMatch(/already exists/);
    expect(workflowNameError('daily_2', ['daily'])).toBeNull();
  });

  it('lists directories under workflows/', () => {
    expect(
      workflowDirs(['workflows/retail/a.workflow.yaml', 'workflows/b/c.workflow.yaml', 'scripts/x.py']),
    ).toEqual(['b', 'retail']);
  });

  it('builds manual and periodic workflows', () => {
    expect(newWorkflow('a', 'manual', '2026-01-02').schedule).toEqual({ type: 'manual' });
    expect(newWorkflow('a', 'periodic', '2026-01-02').schedule).toEqual({
      type: 'periodic',
      cycle: 'D',
      cron: '0 0 1 * * ? *',
      effectiveDate: '2026-01-02',
    });
  });

  it('serialises in the documented key order and reads back equal', () => {
    const r = importPortableFlow(JSON.stringify(SAMPLE));
    if (!r.ok) throw new Error(r.error);
    const text = workflowYaml(r.value);
    expect(text.startsWith('name: nFlow\ndescription: ga\nschedule:\n')).toBe(true);
    expect(text.indexOf('references:')).toBeLessThan(text.indexOf('tasks:'));
    expect(text).toContain('  - { from: wait_jin, to: tass, rerun: false }');
    expect(workflowSchema.parse(parse(text))).toEqual(r.value);
  });

  it('finds workflows referencing a name', () => {
    const others = [
      { path: 'workflows/a.workflow.yaml', workflow: { references: [{ workflow: 'x' }] } },
      { path: 'workflows/b.workflow.yaml', workflow: { references: [{ workflow: 'y' }] } },
      { path: 'workflows/c.workflow.yaml', workflow: null },
    ];
    expect(referencingWorkflows('x', others)).toEqual(['workflows/a.workflow.yaml']);
  });
});
