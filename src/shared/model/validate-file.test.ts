import { describe, expect, it } from 'vitest';
import {
  classifyWorkspaceFile,
  parseWorkflow,
  validateWorkspace,
  validateWorkspaceFile,
} from './validate-file';

const WF = 'workflows/retail/daily.workflow.yaml';

const good = `name: daily
schedule:
  type: periodic
  cycle: D
  cron: "0 30 2 * * ? *"
  effectiveDate: 2026-01-01
tasks:
  - name: load
    type: SHELL
    command: echo \${cal_dt}
    config:
      allowReference: true
  - name: clean
    type: PYTHON
    script: scripts/clean.py
    runMode: { cpu: 0.5, memory: 1 }
relations:
  - { from: load, to: clean }
`;

function lines(text: string, edit: (ls: string[]) => void): string {
  const ls = text.split('\n');
  edit(ls);
  return ls.join('\n');
}

describe('classifyWorkspaceFile', () => {
  it('classifies by name', () => {
    expect(classifyWorkspaceFile('bdp.yaml')).toBe('workspace');
    expect(classifyWorkspaceFile('connections.yaml')).toBe('connections');
    expect(classifyWorkspaceFile('workflows/a/x.workflow.yaml')).toBe('workflow');
    expect(classifyWorkspaceFile('resources/x.resource.yaml')).toBe('resource');
    expect(classifyWorkspaceFile('sub/bdp.yaml')).toBe('other');
    expect(classifyWorkspaceFile('scripts/x.py')).toBe('other');
  });
});

describe('validateWorkspaceFile', () => {
  it('accepts a good workflow and applies defaults', () => {
    const r = parseWorkflow(good, WF);
    expect(r.problems).toEqual([]);
    expect(r.workflow?.relations[0].rerun).toBe(true);
    expect(r.workflow?.tasks[0].config.successCode).toBe('0');
  });

  it('reports YAML syntax errors at their line', () => {
    const bad = lines(good, (ls) => (ls[9] = '    command: [unclosed'));
    const { problems } = validateWorkspaceFile(WF, bad);
    expect(problems[0]).toMatchObject({ severity: 'error', source: 'yaml' });
    expect(problems[0].line).toBeGreaterThanOrEqual(10);
  });

  it('reports duplicate keys', () => {
    const bad = lines(good, (ls) => ls.splice(1, 0, 'name: again'));
    const { problems } = validateWorkspaceFile(WF, bad);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, source: 'yaml' });
    expect(problems[0].message).toMatch(/unique/);
  });

  it('names an unknown key at the key', () => {
    const bad = lines(good, (ls) => (ls[11] = '      allowRefrence: true'));
    const { problems } = validateWorkspaceFile(WF, bad);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 12,
        column: 7,
        endColumn: 20,
        message: 'tasks[0].config: unknown key "allowRefrence"',
        source: 'schema',
      }),
    ]);
  });

  it('names the allowed task types for an unknown type', () => {
    const bad = lines(good, (ls) => (ls[8] = '    type: SPARK'));
    const { problems } = validateWorkspaceFile(WF, bad);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 9, column: 11 });
    expect(problems[0].message).toBe(
      'tasks[0].type: unknown task type "SPARK"; allowed task types: DATA_SYNC, SHELL, PYTHON, EXTERNAL_APP',
    );
  });

  it('points range errors at the value', () => {
    const bad = lines(good, (ls) => (ls[15] = '    runMode: { cpu: 3, memory: 1 }'));
    const { problems } = validateWorkspaceFile(WF, bad);
    expect(problems).toEqual([expect.objectContaining({ line: 16, column: 21, endColumn: 22 })]);
    expect(problems[0].message).toMatch(/^tasks\[1\]\.runMode\.cpu: Too big/);
  });

  it('reports a missing required key at its parent', () => {
    const bad = lines(good, (ls) => ls.splice(5, 1));
    const { problems } = validateWorkspaceFile(WF, bad);
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, message: 'schedule: missing required key "effectiveDate"' }),
    ]);
  });

  it('checks the cron and names the bad field', () => {
    const bad = lines(good, (ls) => (ls[4] = '  cron: "0 30 25 * * ? *"'));
    const { problems } = validateWorkspaceFile(WF, bad);
    expect(problems).toEqual([expect.objectContaining({ line: 5, column: 9 })]);
    expect(problems[0].message).toContain('hour field "25"');
  });

  it('puts a cycle at the relation that closes it', () => {
    const bad = `${good}  - { from: clean, to: load }\n`;
    const { problems } = validateWorkspaceFile(WF, bad);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 19,
        column: 5,
        source: 'dag',
        message: 'cycle: load -> clean -> load',
      }),
    ]);
  });

  it('puts a dangling endpoint at the endpoint', () => {
    const bad = `${good}  - { from: clean, to: publish }\n`;
    const { problems } = validateWorkspaceFile(WF, bad);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 19,
        column: 24,
        message: 'relation to "publish": no task or reference has that name',
      }),
    ]);
  });

  it('requires the name to equal the file name', () => {
    const { problems } = validateWorkspaceFile('workflows/other.workflow.yaml', good);
    expect(problems).toEqual([
      expect.objectContaining({ line: 1, message: 'name "daily" must equal the file name "other"' }),
    ]);
  });

  it('reports an empty file', () => {
    expect(validateWorkspaceFile(WF, '').problems[0]).toMatchObject({
      line: 1,
      message: 'the file is empty; expected a YAML mapping',
    });
  });

  it('parseWorkflow withholds the model when there are errors', () => {
    expect(parseWorkflow(`${good}  - { from: clean, to: load }\n`, WF).workflow).toBeUndefined();
  });

  it('validates resources, connections and bdp.yaml', () => {
    const res = validateWorkspaceFile(
      'resources/clean.resource.yaml',
      'name: clean\nformat: py\nversions:\n  - { version: v1.0.0, commit: abcdef1, path: a.py, sha256: x, size: 1, createdAt: 2026-01-01T00:00:00Z }\n',
    );
    expect(res.problems.map((p) => [p.line, p.message.split(':')[0]])).toEqual([
      [4, 'versions[0].version'],
      [4, 'versions[0].sha256'],
    ]);
    const conn = validateWorkspaceFile('connections.yaml', 'connections:\n  - name: x\n    type: ORACLE\n');
    expect(conn.problems[0]).toMatchObject({
      line: 3,
      message: expect.stringContaining(
        'unknown type "ORACLE"; allowed types: FILE, POSTGRESQL, MYSQL, WAREHOUSE',
      ),
    });
    const ws = validateWorkspaceFile(
      'bdp.yaml',
      'name: x\nenvironments:\n  - { name: p, kind: enos, url: "https://a", options: { password: x } }\n',
    );
    expect(ws.problems[0]).toMatchObject({ line: 3, message: expect.stringContaining('secure store') });
  });

  it('validates a 1,000-task workflow without problems (its cost is measured by scripts/bench-validate.mjs)', () => {
    const parts = ['name: big', 'schedule: { type: manual }', 'tasks:'];
    for (let i = 0; i < 1000; i++) {
      parts.push(`  - name: t${i}`, '    type: SHELL', `    command: echo \${cal_dt} ${i}`);
    }
    parts.push('relations:');
    for (let i = 1; i < 1000; i++) parts.push(`  - { from: t${Math.floor((i - 1) / 2)}, to: t${i} }`);
    expect(validateWorkspaceFile('big.workflow.yaml', parts.join('\n')).problems).toEqual([]);
  });
});

describe('hostile files are a problem of that file only', () => {
  const bomb = [
    'name: daily',
    'a: &a [x,x,x,x,x,x,x,x,x,x]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    '',
  ].join('\n');
  const cases: Array<[string, string, RegExp, number]> = [
    ['an alias bomb', bomb, /aliases here expand to more than 1000 nodes/, 3],
    [
      'nesting 2,000 deep',
      `name: daily\nx: ${'['.repeat(2000)}${']'.repeat(2000)}\n`,
      /nesting 2000 levels deep is not read/,
      2,
    ],
    ['a merge of an undefined anchor', 'name: daily\n<<: *undefined\n', /Unresolved alias/, 2],
    ['bytes that are not UTF-8', `name: daily\ndescription: caf\uFFFD\n`, /not valid UTF-8/, 2],
  ];
  it.each(cases)(
    '%s: one problem at its line, and the other files are still checked',
    (_what, text, message, line) => {
      const problems = validateWorkspace(
        new Map([
          [WF, text],
          [
            'workflows/other.workflow.yaml',
            'name: other\nschedule: { type: manual }\ntasks: []\nrelations: [}\n',
          ],
        ]),
      );
      const mine = problems.filter((p) => p.path === WF);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ severity: 'error', line });
      expect(mine[0].message).toMatch(message);
      expect(problems.some((p) => p.path === 'workflows/other.workflow.yaml' && p.severity === 'error')).toBe(
        true,
      );
    },
  );

  it('a cron that never fires is a warning', () => {
    const { problems } = parseWorkflow(good.replace('"0 30 2 * * ? *"', '"0 0 0 30 2 ?"'), WF);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 5,
        message: expect.stringContaining('never fires'),
      }),
    ]);
  });
});

describe('validateWorkspace cross-file checks', () => {
  const other = `name: weekly
schedule: { type: manual }
references:
  - { name: wait_daily, kind: flow, workflow: daily }
  - { name: wait_load, kind: task, workflow: daily, task: clean }
  - { name: wait_x, kind: flow, workflow: missing }
tasks:
  - name: sync
    type: DATA_SYNC
    sync:
      source: { connection: nowhere, path: a.csv }
      target: { table: ods.a, writeRule: append }
  - name: run
    type: SHELL
    command: sh x.sh
    resource: { name: tools, version: V1.0.0 }
relations:
  - { from: wait_daily, to: sync }
  - { from: wait_load, to: sync }
  - { from: wait_x, to: run }
`;

  it('finds unknown targets, refs without allowReference, missing resources, connections and scripts', () => {
    const files = new Map([
      ['bdp.yaml', 'name: x\n'],
      ['connections.yaml', 'connections:\n  - { name: files, type: FILE, path: data }\n'],
      [WF, good],
      ['workflows/weekly.workflow.yaml', other],
    ]);
    const problems = validateWorkspace(files);
    expect(problems.map((p) => `${p.path}:${p.line} ${p.severity} ${p.message}`)).toEqual([
      `${WF}:15 warning task "clean": script "scripts/clean.py" does not exist`,
      'workflows/weekly.workflow.yaml:5 error reference "wait_load": task "daily.clean" does not allow references (set config.allowReference: true)',
      'workflows/weekly.workflow.yaml:6 warning reference "wait_x": no workflow named "missing" in this workspace',
      'workflows/weekly.workflow.yaml:11 warning task "sync": connection "nowhere" is not in connections.yaml',
      'workflows/weekly.workflow.yaml:16 warning task "run": no resource named "tools" in resources/',
    ]);
  });

  it('refuses references to manual workflows and duplicate workflow names', () => {
    const manual = good
      .replace(/schedule:\n( {2}.*\n){4}/, 'schedule: { type: manual }\n')
      .replace('      allowReference: true\n', '      timeout: 1\n');
    const files = new Map([
      [WF, manual],
      ['workflows/other/daily.workflow.yaml', manual],
      ['workflows/weekly.workflow.yaml', other],
      ['scripts/clean.py', ''],
    ]);
    const msgs = validateWorkspace(files)
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.path}:${p.line} ${p.message}`);
    expect(msgs).toContain(
      'workflows/other/daily.workflow.yaml:1 workflow name "daily" is also used by workflows/retail/daily.workflow.yaml',
    );
    expect(msgs).toContain(
      'workflows/weekly.workflow.yaml:4 reference "wait_daily": workflow "daily" is manual; only periodic workflows and their tasks can be referenced',
    );
  });
});

describe('YAML 1.2 pitfalls', () => {
  it('explains that yes/no are not booleans', () => {
    const { problems } = validateWorkspaceFile(
      WF,
      good.replace('{ from: load, to: clean }', '{ from: load, to: clean, rerun: no }'),
    );
    expect(problems).toEqual([
      expect.objectContaining({ line: 18, message: 'relations[0].rerun: expected true or false, got "no"' }),
    ]);
  });
});
