import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../shared/contract';
import { countProblems, groupProblems, nextProblem } from './problem-model';

const p = (path: string, line: number, severity: Problem['severity'] = 'error'): Problem => ({
  path,
  line,
  column: 1,
  severity,
  message: 'm',
  source: 'dag',
});

describe('groupProblems', () => {
  it('groups by file, files with errors first, problems by line', () => {
    const groups = groupProblems([p('b.yaml', 9), p('a.yaml', 3, 'warning'), p('b.yaml', 2), p('c.yaml', 1)]);
    expect(groups.map((g) => g.path)).toEqual(['b.yaml', 'c.yaml', 'a.yaml']);
    expect(groups[0].problems.map((x) => x.line)).toEqual([2, 9]);
    expect(groups[0].errors).toBe(2);
    expect(groups[2].warnings).toBe(1);
  });
});

describe('countProblems', () => {
  it('counts by severity', () => {
    expect(countProblems([p('a', 1), p('a', 2, 'warning'), p('a', 3, 'info')])).toEqual({
      errors: 1,
      warnings: 1,
      infos: 1,
    });
  });
});

describe('nextProblem', () => {
  const list = [p('a.yaml', 3), p('a.yaml', 10), p('b.yaml', 1)];
  it('goes to the next problem after the cursor, then the next file, then wraps', () => {
    expect(nextProblem(list, null)?.line).toBe(3);
    expect(nextProblem(list, { path: 'a.yaml', line: 3 })?.line).toBe(10);
    expect(nextProblem(list, { path: 'a.yaml', line: 10 })?.path).toBe('b.yaml');
    expect(nextProblem(list, { path: 'b.yaml', line: 1 })).toMatchObject({ path: 'a.yaml', line: 3 });
  });
});
