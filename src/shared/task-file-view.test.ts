import { describe, expect, it } from 'vitest';
import { parseWorkflow } from './model/validate-file';
import type { Resource } from './model';
import {
  passInFix,
  taskFileView,
  tasksUsingFile,
  unsubstitutedInFile,
  type TaskFileUse,
} from './task-file-view';

const WF = `name: daily
schedule: { type: manual }
parameters: { region: cn1 }
tasks:
  - name: agg
    type: SHELL
    command: canaanhive -f agg.hql -d \${cal_dt} -E DB=ods
    resource: { name: agg, version: V1.0.0 }
  - name: gate
    type: PYTHON
    command: python3 gate.py --date \${cal_dt}
    resource: { name: gate, version: V1.0.0 }
  - name: ping
    type: SHELL
    command: sh scripts/ping.sh "hello world"
    script: scripts/ping.sh
`;
const workflow = parseWorkflow(WF, 'workflows/daily.workflow.yaml').workflow!;
const res = (name: string, source: string, format: Resource['format']): Resource => ({
  name,
  format,
  source,
  versions: [],
});
const resources = new Map([
  ['agg', res('agg', 'scripts/agg.hql', 'hql')],
  ['gate', res('gate', 'scripts/gate.py', 'py')],
]);
const uses = (path: string): TaskFileUse[] =>
  tasksUsingFile(path, [{ path: 'workflows/daily.workflow.yaml', workflow }], resources);
const context = { triggerTime: '2026-11-24 02:30:00', utcOffsetMinutes: 480 };

describe('tasksUsingFile', () => {
  it('finds tasks by resource source and by script path', () => {
    expect(uses('scripts/agg.hql').map((u) => [u.task.name, u.via])).toEqual([['agg', 'resource']]);
    expect(uses('scripts/ping.sh').map((u) => [u.task.name, u.via])).toEqual([['ping', 'script']]);
    expect(uses('scripts/other.py')).toEqual([]);
  });
});

describe('taskFileView / unsubstitutedInFile', () => {
  it('HQL under canaanhive gets -d and -E, and nothing else', () => {
    const hql =
      "INSERT INTO ${env.DB}.t SELECT * FROM x WHERE dt = '${env.YYYYMMDD}' AND region = '${region}' AND d2 = '${cal_dt}'";
    const view = taskFileView(hql, 'hql', uses('scripts/agg.hql')[0], context);
    expect(view.command).toBe('canaanhive -f agg.hql -d 2026-11-23 -E DB=ods');
    expect(view.text).toBe(
      "INSERT INTO ods.t SELECT * FROM x WHERE dt = '2026-11-23' AND region = '${region}' AND d2 = '${cal_dt}'",
    );
    expect(view.unsubstituted.map((u) => u.name)).toEqual(['region', 'cal_dt']);
    expect(
      unsubstitutedInFile(hql, 'hql', uses('scripts/agg.hql')[0]).map((u) => [
        u.name,
        hql.slice(u.offset, u.offset + u.length),
      ]),
    ).toEqual([
      ['region', '${region}'],
      ['cal_dt', '${cal_dt}'],
    ]);
  });

  it('comments and docstrings are prose: their ${...} are not flagged', () => {
    const py =
      '"""Run as: python3 gate.py --date ${cal_dt}"""\n# uses ${region}\nD = "${cal_dt}"  # ${cal_dt}\n';
    expect(unsubstitutedInFile(py, 'python', uses('scripts/gate.py')[0]).map((u) => u.offset)).toEqual([
      py.indexOf('"${cal_dt}"') + 1,
    ]);
    const hql = "-- canaanhive -f agg.hql -d ${cal_dt}\n/* ${region} */ SELECT '${region}'";
    expect(unsubstitutedInFile(hql, 'hql', uses('scripts/agg.hql')[0]).map((u) => u.offset)).toEqual([
      hql.lastIndexOf('${region}'),
    ]);
    const sh = 'echo ${#region} "${region}" # ${cal_dt}\n';
    expect(unsubstitutedInFile(sh, 'shell', uses('scripts/ping.sh')[0]).map((u) => u.name)).toEqual([
      'region',
    ]);
  });

  it('a Python file is read as written: F5 would fill ${cal_dt}, the task will not', () => {
    const py = 'D = "${cal_dt}"\nHOME = "${HOME}"\n';
    const view = taskFileView(py, 'python', uses('scripts/gate.py')[0], context);
    expect(view.text).toBe(py);
    expect(view.command).toBe('python3 gate.py --date 2026-11-23');
    expect(view.unsubstituted.map((u) => u.name)).toEqual(['cal_dt']);
  });
});

describe('passInFix', () => {
  it('HQL: ${cal_dt} becomes the -d token; a parameter gets an -E', () => {
    const use = uses('scripts/agg.hql')[0];
    const hql = "SELECT '${cal_dt}', '${region}'";
    const [d, r] = unsubstitutedInFile(hql, 'hql', use);
    expect(passInFix(hql, d, 'hql', use)).toMatchObject({
      edit: { text: '${env.YYYYMMDD}' },
      command: use.task.command,
    });
    expect(passInFix(hql, r, 'hql', use)).toMatchObject({
      edit: { text: '${env.REGION}' },
      command: 'canaanhive -f agg.hql -d ${cal_dt} -E DB=ods -E REGION=${region}',
    });
  });

  it('shell: the next positional argument; Python: a literal that is only the placeholder becomes sys.argv[n]', () => {
    const sh = 'echo "${region}"';
    const shUse = uses('scripts/ping.sh')[0];
    expect(passInFix(sh, unsubstitutedInFile(sh, 'shell', shUse)[0], 'shell', shUse)).toMatchObject({
      edit: { text: '$2' },
      command: 'sh scripts/ping.sh "hello world" "${region}"',
    });
    const pyUse = uses('scripts/gate.py')[0];
    const py = 'd = "${cal_dt}"\nlabel = "day ${cal_dt}"\n';
    const [whole, inside] = unsubstitutedInFile(py, 'python', pyUse);
    expect(passInFix(py, whole, 'python', pyUse)).toMatchObject({
      edit: { offset: 4, length: 11, text: 'sys.argv[3]' },
      command: 'python3 gate.py --date ${cal_dt} "${cal_dt}"',
    });
    expect(passInFix(py, inside, 'python', pyUse)).toBeUndefined();
  });
});
