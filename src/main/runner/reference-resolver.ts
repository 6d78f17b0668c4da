import type { ReferenceMode } from '../../shared/contract/runner';
import type { Reference } from '../../shared/model';
import { isTerminalState } from '../../shared/model/run';
import { satisfyingInstance } from '../../shared/references';
import type { WorkflowInstance } from './types';

/** What a reference node (Flow Ref / Task Ref) resolved to. */
export interface ReferenceOutcome {
  state: 'SUCCESS' | 'FAIL' | 'SKIP';
  message?: string;
}

/** Context of the instance a reference belongs to. */
export interface ReferenceContext {
  workflow: string;
  instanceId: string;
  triggerTime: string;
}

/** Decides whether a reference is satisfied; may wait (until `signal` aborts). */
export interface ReferenceResolver {
  resolve(reference: Reference, context: ReferenceContext, signal: AbortSignal): Promise<ReferenceOutcome>;
}

/** The default for pre-runs: every reference counts as satisfied, and says so in its reason. */
export const satisfiedReferenceResolver: ReferenceResolver = {
  resolve: async (reference) => ({
    state: 'SUCCESS',
    message: `${reference.kind === 'flow' ? 'Flow' : 'Task'} Ref to ${reference.workflow}${reference.kind === 'task' ? `.${reference.task}` : ''} treated as satisfied (pre-run does not check references)`,
  }),
};

/** How a local resolver finds instances of the referenced workflow (stored and live). */
export interface InstanceLookup {
  instances(workflow: string): Promise<WorkflowInstance[]>;
}

/** Options of {@link localReferenceResolver}. */
export interface LocalReferenceOptions {
  /** `wait`: poll until satisfied or timeout. `run-first`: the referenced instances were started first; fail as soon as none is left that could succeed. */
  mode: Exclude<ReferenceMode, 'satisfied'>;
  /** Business date of the instance the references belong to. */
  calDt: string;
  timeoutMs: number;
  pollMs: number;
}

function describeRef(reference: Reference): string {
  return `${reference.kind === 'flow' ? 'Flow' : 'Task'} Ref to ${reference.workflow}${reference.kind === 'task' ? `.${reference.task}` : ''}`;
}

/**
 * References checked against the local instances: satisfied by a successful local instance of
 * the referenced workflow / task for the same business date. Polls every `pollMs` (the node stays
 * WAIT) until satisfied, the timeout passes (FAIL) or the pass stops.
 */
export function localReferenceResolver(lookup: InstanceLookup, o: LocalReferenceOptions): ReferenceResolver {
  return {
    resolve: async (reference, context, signal) => {
      const deadline = Date.now() + o.timeoutMs;
      for (;;) {
        const all = await lookup.instances(reference.workflow);
        const hit = satisfyingInstance(reference, all, o.calDt, context.instanceId);
        if (hit)
          return {
            state: 'SUCCESS',
            message: `${describeRef(reference)} satisfied by ${hit.instanceId} (business date ${o.calDt})`,
          };
        const sameDate = all.filter((i) => i.calDt === o.calDt && i.instanceId !== context.instanceId);
        if (o.mode === 'run-first' && !sameDate.some((i) => !isTerminalState(i.status))) {
          const latest = sameDate[0];
          return {
            state: 'FAIL',
            message: `${describeRef(reference)}: ${latest ? `${latest.instanceId} ended ${latest.status}` : 'no instance was run'} for business date ${o.calDt}`,
          };
        }
        if (Date.now() >= deadline) {
          return {
            state: 'FAIL',
            message: `${describeRef(reference)}: no successful instance for business date ${o.calDt} after waiting ${Math.round(o.timeoutMs / 1000)} s`,
          };
        }
        const aborted = await new Promise<boolean>((resolve) => {
          if (signal.aborted) return resolve(true);
          const timer = setTimeout(
            () => {
              signal.removeEventListener('abort', onAbort);
              resolve(false);
            },
            Math.min(o.pollMs, Math.max(0, deadline - Date.now())),
          );
          const onAbort = (): void => {
            clearTimeout(timer);
            resolve(true);
          };
          signal.addEventListener('abort', onAbort, { once: true });
        });
        if (aborted) return { state: 'FAIL', message: 'stopped' };
      }
    },
  };
}
