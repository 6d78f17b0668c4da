import type { RunPreviewSourceArgs, SourcePreviewResult } from '../../../shared/contract/runner';
import type { SyncConfig } from '../../../shared/model';
import { AppError } from '../../../shared/rpc/errors';
import { triggerTimeOfBusinessDate, yesterday } from '../../../shared/run-dates';
import type { RunnerApi } from '../../../shared/runner-protocol';
import { utcOffsetAt } from '../../../shared/time/trigger-time';
import { substituteVariables } from '../../../shared/variables';
import { loadWorkflow, loadWorkspaceConfig } from './workflow-catalog';

const DEFAULT_LIMIT = 20;

/**
 * The designer's "Preview source": the saved workflow's Data Sync source with `${...}` resolved
 * for the business date (task parameters over workflow parameters over system variables), read
 * by the runner (which holds the readers and asks main for database passwords).
 */
export async function previewTaskSource(
  root: string,
  args: RunPreviewSourceArgs,
  runner: Pick<RunnerApi, 'previewSource'>,
): Promise<SourcePreviewResult> {
  const { workflow } = await loadWorkflow(root, args.workflow);
  const task = workflow.tasks.find((t) => t.name === args.task);
  if (!task) throw new AppError('NOT_FOUND', `no task "${args.task}" in workflow ${workflow.name}`);
  if (task.type !== 'DATA_SYNC')
    throw new AppError('INVALID_ARGUMENT', `${task.name} is a ${task.type} task, not a Data Sync task`);
  const config = await loadWorkspaceConfig(root);
  const triggerTime = triggerTimeOfBusinessDate(args.businessDate ?? yesterday(new Date(), config?.timezone));
  const scope = {
    context: { triggerTime, utcOffsetMinutes: utcOffsetAt(triggerTime, config?.timezone) },
    workflowParameters: workflow.parameters,
    taskParameters: task.parameters,
  };
  const unresolved = new Set<string>();
  const sub = (text: string | undefined): string | undefined => {
    if (text === undefined) return undefined;
    const r = substituteVariables(text, scope);
    r.unresolved.forEach((u) => unresolved.add(u));
    return r.text;
  };
  const source: SyncConfig['source'] = {
    ...task.sync.source,
    path: sub(task.sync.source.path),
    table: sub(task.sync.source.table),
    filter: sub(task.sync.source.filter),
    partition: sub(task.sync.source.partition),
  };
  if (unresolved.size > 0)
    throw new AppError(
      'INVALID_ARGUMENT',
      `nothing defines ${[...unresolved].map((u) => `\${${u}}`).join(', ')}`,
    );
  const preview = await runner.previewSource({ source, limit: args.limit ?? DEFAULT_LIMIT });
  const resolved = Object.fromEntries(
    Object.entries({
      connection: source.connection,
      path: source.path,
      table: source.table,
      filter: source.filter,
      partition: source.partition,
    }).filter(([, v]) => v !== undefined),
  ) as SourcePreviewResult['resolved'];
  return { ...preview, resolved };
}
