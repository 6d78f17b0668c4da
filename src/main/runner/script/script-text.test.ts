import { describe, expect, it } from 'vitest';
import { bashMarkers, pythonMarkers, sqlErrorLine } from './error-markers';
import { dedent, splitArgs, statementAt, substituteScript } from './script-text';

describe('substituteScript', () => {
  it('resolves system variables for the business date and parameters; reports unknown ones', () => {
    const r = substituteScript('echo ${cal_dt} ${cal_dt8-1} ${region} ${nope}', 'shell', {
      businessDate: '2026-11-23',
      parameters: { region: 'eu' },
    });
    expect(r).toEqual({ text: 'echo 2026-11-23 20261122 eu ${nope}', unresolved: ['nope'] });
  });

  it('gives HQL the canaanhive ${env.YYYYMMDD} date and ${env.NAME} parameters', () => {
    const r = substituteScript(
      "insert into ${env.TARGET_DB}.t partition (dt='${env.YYYYMMDD}') select '${cal_dt}'",
      'hql',
      { businessDate: '2026-11-23', parameters: { TARGET_DB: 'dws' } },
    );
    expect(r.text).toBe("insert into dws.t partition (dt='2026-11-23') select '2026-11-23'");
  });
});

describe('dedent', () => {
  it('removes the common indentation of a selection, ignoring blank lines', () => {
    expect(dedent('    x = 1\n\n    if x:\n        y = 2\n')).toBe('x = 1\n\nif x:\n    y = 2\n');
    expect(dedent('x = 1\n  y\n')).toBe('x = 1\n  y\n');
  });
});

describe('statementAt', () => {
  const sql = '-- header\nselect 1;\n\nselect 2,\n  3;  -- end\nselect 4';
  it('picks the statement whose lines contain the cursor', () => {
    expect(statementAt(sql, 5)).toEqual({ text: 'select 2,\n  3', firstLine: 4 });
    expect(statementAt(sql, 1)).toEqual({ text: 'select 1', firstLine: 2 });
    expect(statementAt(sql, 6)).toEqual({ text: 'select 4', firstLine: 6 });
  });
});

describe('splitArgs', () => {
  it('splits like a POSIX shell without expansions', () => {
    expect(splitArgs(`--date 2026-11-23 "two words" 'single $x' a\\ b ""`)).toEqual([
      '--date',
      '2026-11-23',
      'two words',
      'single $x',
      'a b',
      '',
    ]);
    expect(() => splitArgs('"open')).toThrow(/unterminated double quote/);
  });
});

describe('error markers', () => {
  const map = { runFile: '/ws/.bdp/script-runs/r1/job.py', path: 'scripts/job.py', firstLine: 1 };
  it('marks the innermost frame of the run file with the exception', () => {
    const tb = [
      'Traceback (most recent call last):',
      '  File "/ws/resources/runner/python_main_shim.py", line 60, in run',
      '  File "/ws/.bdp/script-runs/r1/job.py", line 9, in main',
      '    helper()',
      '  File "/ws/.bdp/script-runs/r1/job.py", line 3, in helper',
      '    raise KeyError("x")',
      '  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads',
      "KeyError: 'x'",
      '[bdp] main() raised KeyError',
    ].join('\n');
    expect(pythonMarkers(tb, map)).toEqual([{ path: 'scripts/job.py', line: 3, message: "KeyError: 'x'" }]);
    expect(pythonMarkers(tb, { ...map, firstLine: 20 })[0].line).toBe(22);
  });

  it('reads bash `line N:` errors of the run file only', () => {
    const err = '/ws/.bdp/script-runs/r1/job.sh: line 4: foo: command not found\n/other.sh: line 1: x\n';
    expect(
      bashMarkers(err, { runFile: '/ws/.bdp/script-runs/r1/job.sh', path: 'scripts/job.sh', firstLine: 1 }),
    ).toEqual([{ path: 'scripts/job.sh', line: 4, message: 'foo: command not found' }]);
  });

  it('adds DuckDB LINE n to the statement line', () => {
    expect(sqlErrorLine('Catalog Error: Table with name nope does not exist!\nLINE 2: from nope\n', 10)).toBe(
      11,
    );
    expect(sqlErrorLine('Parser Error: syntax error', 7)).toBe(7);
  });
});
