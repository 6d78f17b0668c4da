import { describe, expect, it } from 'vitest';
import type { RemoteInstanceDetail } from '../../../shared/contract';
import { parseWorkflow } from '../../../shared/model';
import { remoteWorkflow } from './remote-workflow';

const detail: RemoteInstanceDetail = {
  id: 'i1',
  workflowId: 'w1',
  workflowName: 'daily',
  state: 'RUNNING',
  triggerTime: 0,
  tasks: [
    { id: 't1', taskId: '11', taskName: 'extract', state: 'SUCCESS' },
    { id: '', taskId: '12', taskName: 'load', state: 'INIT' },
  ],
  relations: [
    { source: '11', target: '12' },
    { source: '99', target: '12' },
  ],
  parameters: {},
};

describe('remoteWorkflow', () => {
  it('maps task ids of relations to names and drops edges to unknown tasks', () => {
    const wf = remoteWorkflow(detail);
    expect(wf.tasks.map((t) => [t.name, t.type])).toEqual([
      ['extract', 'SHELL'],
      ['load', 'SHELL'],
    ]);
    expect(wf.relations).toEqual([{ from: 'extract', to: 'load', rerun: true }]);
  });

  it('takes type and detail from the local task of the same name, without its position', () => {
    const yaml = [
      'name: daily',
      'schedule: { type: manual }',
      'tasks:',
      '  - { name: extract, type: PYTHON, command: "print(1)", position: { x: 5, y: 5 } }',
    ].join('\n');
    const local = parseWorkflow(yaml, 'workflows/daily.workflow.yaml').workflow;
    expect(local).toBeDefined();
    const task = remoteWorkflow(detail, local).tasks[0];
    expect(task).toMatchObject({ name: 'extract', type: 'PYTHON', command: 'print(1)' });
    expect(task.position).toBeUndefined();
  });
});
