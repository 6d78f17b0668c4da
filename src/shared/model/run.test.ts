import { describe, expect, it } from 'vitest';
import { canRerun, canStop, RUN_STATES, runStateOfCode, runStateSchema } from './run';

describe('run states', () => {
  it('uses the EnOS FlowInstanceStatus codes', () => {
    expect(Object.entries(RUN_STATES).map(([k, v]) => `${v} ${k}`)).toEqual([
      '-1 FAIL',
      '0 INIT',
      '1 SUCCESS',
      '2 RUNNING',
      '3 SUSPEND',
      '4 INTERNAL_ERROR',
      '5 WAIT',
      '6 READY',
      '7 TIMEOUT',
      '8 CANCEL',
      '9 RERUN',
      '10 SKIP',
    ]);
    expect(runStateOfCode(10)).toBe('SKIP');
    expect(runStateOfCode(11)).toBeUndefined();
    expect(runStateSchema.safeParse('NONE').success).toBe(false);
  });

  it('allows rerun from SUCCESS/FAIL/CANCEL/SKIP and stop from INIT/RUNNING only among those', () => {
    const all = Object.keys(RUN_STATES) as Array<keyof typeof RUN_STATES>;
    expect(all.filter(canRerun)).toEqual(['FAIL', 'SUCCESS', 'CANCEL', 'SKIP']);
    expect(all.filter(canStop)).toEqual(['INIT', 'RUNNING', 'WAIT', 'READY']);
  });
});
