import { Suspense, useMemo } from 'react';
import type { RemoteInstanceDetail } from '../../../shared/contract';
import { RunGraph, useParsedWorkflow, useWorkflowFiles } from '../runs';
import { remoteWorkflow } from './remote-workflow';

/** The remote instance on the designer's canvas (read-only) with each task's state. */
export function RemoteGraph({
  detail,
  onSelect,
}: {
  detail: RemoteInstanceDetail;
  onSelect(taskName: string): void;
}) {
  const local = useParsedWorkflow(useWorkflowFiles().find((w) => w.name === detail.workflowName)?.path);
  const workflow = useMemo(() => remoteWorkflow(detail, local), [detail, local]);
  const states = useMemo(
    () => detail.tasks.map((t) => ({ name: t.taskName, status: t.state })),
    [detail.tasks],
  );
  if (detail.tasks.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <RunGraph workflow={workflow} tasks={states} onSelect={onSelect} />
    </Suspense>
  );
}
