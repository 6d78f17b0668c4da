import { z } from 'zod';

/** EnOS instance and task states with their API codes (FlowInstanceStatus; spec §4.4). */
export const RUN_STATES = {
  FAIL: -1,
  INIT: 0,
  SUCCESS: 1,
  RUNNING: 2,
  SUSPEND: 3,
  INTERNAL_ERROR: 4,
  WAIT: 5,
  READY: 6,
  TIMEOUT: 7,
  CANCEL: 8,
  RERUN: 9,
  SKIP: 10,
} as const;

export type RunState = keyof typeof RUN_STATES;
export type RunStateCode = (typeof RUN_STATES)[RunState];

export const runStateSchema = z.enum(Object.keys(RUN_STATES) as [RunState, ...RunState[]]);

/** UI wording of each state. */
export const RUN_STATE_LABELS: Readonly<Record<RunState, string>> = {
  FAIL: 'Failed',
  INIT: 'Initializing',
  SUCCESS: 'Success',
  RUNNING: 'Running',
  SUSPEND: 'Suspended',
  INTERNAL_ERROR: 'Internal error',
  WAIT: 'Waiting',
  READY: 'Ready',
  TIMEOUT: 'Timed out',
  CANCEL: 'Cancelled',
  RERUN: 'Rerun',
  SKIP: 'Skipped',
};

const BY_CODE = new Map<number, RunState>(Object.entries(RUN_STATES).map(([k, v]) => [v, k as RunState]));

/** The state for an API code, or undefined for an unknown code. */
export function runStateOfCode(code: number): RunState | undefined {
  return BY_CODE.get(code);
}

/** States after which nothing more happens to an instance unless the user reruns it. */
export const TERMINAL_STATES: readonly RunState[] = ['SUCCESS', 'FAIL', 'CANCEL', 'SKIP', 'INTERNAL_ERROR'];

/** True for SUCCESS, FAIL, CANCEL, SKIP and INTERNAL_ERROR. */
export function isTerminalState(state: RunState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** Rerun is allowed from SUCCESS, FAIL, CANCEL and SKIP (spec §4.2). */
export function canRerun(state: RunState): boolean {
  return state === 'SUCCESS' || state === 'FAIL' || state === 'CANCEL' || state === 'SKIP';
}

/** Stop is allowed from INIT and RUNNING (2.1 text), and from WAIT/READY which precede RUNNING locally. */
export function canStop(state: RunState): boolean {
  return state === 'INIT' || state === 'RUNNING' || state === 'WAIT' || state === 'READY';
}
