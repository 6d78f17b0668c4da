import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../shared/model';
import { monacoLanguageOf } from '../../ui/language-of';
import { parametersFor } from './parameter-sources';

const wf = (name: string, tasks: unknown[], parameters: Record<string, string>): Workflow =>
  ({ name, parameters, tasks }) as unknown as Workflow;

describe('parametersFor', () => {
  const workflows = [
    {
      path: 'w/a.workflow.yaml',
      workflow: wf('a', [{ name: 't', type: 'PYTHON', script: 's/x.py', parameters: { dt: '${cal_dt}' } }], {
        region: 'cn1',
      }),
    },
    {
      path: 'w/b.workflow.yaml',
      workflow: wf('b', [{ name: 'u', type: 'SHELL', command: 'canaanhive -f s/y.hql', parameters: {} }], {
        db: 'ods',
      }),
    },
    { path: 'w/c.workflow.yaml', workflow: wf('c', [], { other: '1' }) },
  ];

  it('takes the workflow referencing the script, with the task parameters', () => {
    expect(parametersFor('s/x.py', workflows, [])).toEqual([
      { name: 'dt', value: '${cal_dt}', source: 'a › t' },
      { name: 'region', value: 'cn1', source: 'a' },
    ]);
    expect(parametersFor('s/y.hql', workflows, []).map((p) => p.name)).toEqual(['db']);
  });

  it("adds open workflows and a workflow file's own parameters", () => {
    expect(parametersFor('s/z.sh', workflows, ['w/c.workflow.yaml']).map((p) => p.name)).toEqual(['other']);
    expect(parametersFor('w/c.workflow.yaml', workflows, [])[0]).toMatchObject({
      name: 'other',
      source: 'c',
    });
  });
});

describe('monacoLanguageOf', () => {
  it('maps extensions to Monaco languages', () => {
    expect(monacoLanguageOf('a/b.HQL')).toBe('hql');
    expect(monacoLanguageOf('a.sql')).toBe('sql');
    expect(monacoLanguageOf('x.workflow.yaml')).toBe('yaml');
    expect(monacoLanguageOf('run.sh')).toBe('shell');
    expect(monacoLanguageOf('README.md')).toBe('markdown');
    expect(monacoLanguageOf('data.csv')).toBe('plaintext');
  });
});
