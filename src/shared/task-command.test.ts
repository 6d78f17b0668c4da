import { describe, expect, it } from 'vitest';
import { pythonTaskSchema, shellTaskSchema, type Resource } from './model';
import {
  bashAcceptsExpansion,
  commandPathIssues,
  proposeCommand,
  taskLayout,
  undefinedPlaceholders,
} from './task-command';

const resource = (name: string, path: string, format: Resource['format'] = 'py'): Resource => ({
  name,
  format,
  source: path,
  versions: [
    {
      version: 'V1.0.0',
      commit: 'abcdef1',
      path,
      sha256: 'a'.repeat(64),
      size: 1,
      createdAt: '2026-11-01T00:00:00Z',
    },
  ],
});
const resources = new Map([
  ['daily_kpi', resource('daily_kpi', 'scripts/daily_kpi.py')],
  ['model', resource('model', 'models/model.zip', 'zip')],
]);
const files = new Set(['scripts/daily_kpi.py', 'scripts/other.py', 'models/model.zip', 'data/orders.csv']);

const py = (extra: Record<string, unknown>) =>
  pythonTaskSchema.parse({ name: 'kpi', type: 'PYTHON', ...extra });
const sh = (extra: Record<string, unknown>) =>
  shellTaskSchema.parse({ name: 'load', type: 'SHELL', ...extra });

describe('taskLayout', () => {
  it('a resource-bound task gets the version file under its name; a script task its path', () => {
    expect(
      taskLayout(
        py({ command: 'python3 daily_kpi.py', resource: { name: 'daily_kpi', version: 'V1.0.0' } }),
        resources,
      ),
    ).toEqual({ files: ['daily_kpi.py'], archive: false, origin: 'resource daily_kpi V1.0.0' });
    expect(taskLayout(py({ script: 'scripts/other.py' }), resources)?.files).toEqual(['scripts/other.py']);
    expect(
      taskLayout(sh({ command: 'sh run.sh', resource: { name: 'model', version: 'V1.0.0' } }), resources)
        ?.archive,
    ).toBe(true);
  });
});

describe('commandPathIssues', () => {
  it('flags the workspace path of a resource file and proposes its file name', () => {
    const [issue] = commandPathIssues(
      py({
        command: 'python3 scripts/daily_kpi.py ${cal_dt}',
        resource: { name: 'daily_kpi', version: 'V1.0.0' },
      }),
      resources,
      files,
    );
    expect(issue.path).toBe('scripts/daily_kpi.py');
    expect(issue.message).toContain('it gets daily_kpi.py from resource daily_kpi V1.0.0');
    expect(issue.fixedCommand).toBe('python3 daily_kpi.py ${cal_dt}');
  });

  it('flags workspace files nothing ships, and says how to ship them', () => {
    const issues = commandPathIssues(
      sh({ command: 'cat data/orders.csv | wc -l && python3 ./scripts/other.py' }),
      resources,
      files,
    );
    expect(issues.map((i) => i.path)).toEqual(['data/orders.csv', 'scripts/other.py']);
    expect(issues[0].message).toContain('bind the task to a resource');
    expect(issues[0].fixedCommand).toBeUndefined();
  });

  it('accepts the portable forms, script: paths, inline code and archives', () => {
    expect(
      commandPathIssues(
        py({ command: 'python3 daily_kpi.py', resource: { name: 'daily_kpi', version: 'V1.0.0' } }),
        resources,
        files,
      ),
    ).toEqual([]);
    expect(
      commandPathIssues(
        py({ command: 'python3 scripts/other.py', script: 'scripts/other.py' }),
        resources,
        files,
      ),
    ).toEqual([]);
    expect(commandPathIssues(py({ command: 'open("data/orders.csv")\n' }), resources, files)).toEqual([]);
    expect(
      commandPathIssues(
        sh({ command: 'sh models/model.zip', resource: { name: 'model', version: 'V1.0.0' } }),
        resources,
        files,
      ),
    ).toEqual([]);
  });
});

describe('undefined placeholders', () => {
  it('tells bash-fatal names from likely typos and leaves bash syntax alone', () => {
    const t = sh({
      command:
        'echo ${env.APP_REGION} ${cal_dtt} ${cal_dt} ${region} ${HOME} ${x:-1} ${#arr[@]} ${env.APP_ID}',
      parameters: { region: 'cn' },
    });
    expect(undefinedPlaceholders(t, {}).map((u) => [u.name, u.fatal])).toEqual([
      ['env.APP_REGION', true],
      ['cal_dtt', false],
    ]);
  });

  it('knows what bash expands', () => {
    for (const ok of ['x', 'HOME', '1', '@', 'x:-d', 'x%.*', 'arr[0]', '#x', '!ref', 'cal_dt-1'])
      expect(bashAcceptsExpansion(ok)).toBe(true);
    for (const bad of ['env.APP_ID', 'a.b', 'x y', '9x']) expect(bashAcceptsExpansion(bad)).toBe(false);
  });

  it('says nothing about inline Python code', () => {
    expect(undefinedPlaceholders(py({ command: 'print("${env.nope}")\n' }), {})).toEqual([]);
  });
});

describe('proposeCommand', () => {
  it('runs the version file by format, under its file name', () => {
    expect(proposeCommand('PYTHON', resource('k', 'scripts/daily_kpi.py'), 'V1.0.0')).toBe(
      'python3 daily_kpi.py',
    );
    expect(proposeCommand('SHELL', resource('a', 'scripts/agg.hql', 'hql'), 'V1.0.0')).toBe(
      'canaanhive -f agg.hql -d ${cal_dt}',
    );
    expect(proposeCommand('SHELL', resource('n', 'scripts/utils/notify.sh', 'sh'), 'V1.0.0')).toBe(
      'sh notify.sh',
    );
    expect(proposeCommand('SHELL', resource('j', 'lib/etl.jar', 'jar'), 'V1.0.0')).toBe('java -jar etl.jar');
    expect(proposeCommand('SHELL', resource('m', 'models/model.zip', 'zip'), 'V1.0.0')).toBeUndefined();
    expect(proposeCommand('PYTHON', resource('a', 'scripts/agg.hql', 'hql'), 'V1.0.0')).toBeUndefined();
  });
});
