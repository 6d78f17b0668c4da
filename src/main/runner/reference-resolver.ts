import type { Reference } from '../../shared/model';

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
