import type { ApplyOptions, ApplyProgress, ApplyResult, PlanStep } from './backend';

/** What one backend's apply does per step; `applySteps` owns order, progress and stopping. */
export interface StepRunner<S extends PlanStep> {
  /** Remote ids of created items so far (`kind:name`). */
  readonly remoteIds: Record<string, string>;
  /** Why a step is skipped (unchanged, a conflict without force, ...), or undefined to run it. */
  skipReason(step: S, options: ApplyOptions): string | undefined;
  /** Keep the sync cache in step with an unchanged item. */
  recordUnchanged(step: S): Promise<void>;
  execute(step: S): Promise<void>;
}

/**
 * Run plan steps in order with `start` then `done` / `skipped` / `failed` progress, stopping at
 * the first failure. Nothing runs while any step is `blocked`; a set `options.signal` stops
 * before the next step.
 */
export async function applySteps<S extends PlanStep & { readonly blocked?: string }>(
  steps: readonly S[],
  runner: StepRunner<S>,
  onProgress: (p: ApplyProgress) => void,
  options: ApplyOptions,
  describeBlocked: (step: S) => string,
): Promise<ApplyResult> {
  const applied: PlanStep[] = [];
  const skipped: PlanStep[] = [];
  const total = steps.length;
  const fail = (index: number, step: S, error: Error): ApplyResult => {
    onProgress({ index, total, step, phase: 'failed', message: error.message });
    return { ok: false, applied, skipped, failed: { step, error }, remoteIds: runner.remoteIds };
  };
  const blockedAt = steps.findIndex((s) => s.blocked);
  if (blockedAt >= 0) {
    const step = steps[blockedAt];
    onProgress({ index: blockedAt, total, step, phase: 'start' });
    return fail(blockedAt, step, new Error(describeBlocked(step)));
  }
  for (const [index, step] of steps.entries()) {
    onProgress({ index, total, step, phase: 'start' });
    if (options.signal?.aborted) return fail(index, step, new Error('publish cancelled'));
    const skip = runner.skipReason(step, options);
    try {
      if (skip) {
        if (step.action === 'unchanged') await runner.recordUnchanged(step);
        skipped.push(step);
        onProgress({ index, total, step, phase: 'skipped', message: skip });
        continue;
      }
      await runner.execute(step);
      applied.push(step);
      onProgress({ index, total, step, phase: 'done' });
    } catch (e) {
      return fail(index, step, e instanceof Error ? e : new Error(String(e)));
    }
  }
  return { ok: true, applied, skipped, remoteIds: runner.remoteIds };
}
