import { describe, expect, it } from 'vitest';
import {
  breakpointStore,
  paramsOf,
  parseParameters,
  patchParams,
  setBreakpoints,
  toggleBreakpoint,
} from './session-state';

describe('parameters', () => {
  it('parses key=value lines, skipping comments and blanks, and names bad lines', () => {
    expect(parseParameters('region = eu\n# note\n\npath=a=b\n')).toEqual({
      values: { region: 'eu', path: 'a=b' },
      errors: [],
    });
    expect(parseParameters('ok=1\nnot a pair\n9x=2').errors).toEqual([
      'line 2: expected key=value with a name of letters, digits, _ and . (got "not a pair")',
      'line 3: expected key=value with a name of letters, digits, _ and . (got "9x=2")',
    ]);
  });

  it('keeps parameters per file for the session', () => {
    patchParams('scripts/a.py', { args: '--date ${cal_dt}' });
    expect(paramsOf('scripts/a.py')).toEqual({ text: '', args: '--date ${cal_dt}', businessDate: '' });
    expect(JSON.parse(sessionStorage.getItem('bdp.script.params')!)['scripts/a.py'].args).toBe(
      '--date ${cal_dt}',
    );
  });
});

describe('breakpoints', () => {
  it('toggle on and off per file, sorted, persisted in sessionStorage', () => {
    toggleBreakpoint('scripts/a.py', 12);
    toggleBreakpoint('scripts/a.py', 3);
    expect(breakpointStore.get()['scripts/a.py']).toEqual([3, 12]);
    toggleBreakpoint('scripts/a.py', 12);
    expect(breakpointStore.get()['scripts/a.py']).toEqual([3]);
    setBreakpoints('scripts/a.py', [5, 5, 4]);
    expect(JSON.parse(sessionStorage.getItem('bdp.script.breakpoints')!)).toEqual({ 'scripts/a.py': [4, 5] });
  });
});
