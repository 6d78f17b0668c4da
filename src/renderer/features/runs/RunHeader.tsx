import type { RunInstance } from '../../../shared/contract/runner';
import { canRerun, canStop } from '../../../shared/model/run';
import { useState } from 'react';
import { Codicon } from '../../ui/Codicon';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { openRunsDialog } from './dialogs-store';
import { durationOf, formatDuration } from './gantt-scale';
import { RunStateBadge } from './RunStateBadge';
import { rerunInstance, stopInstance } from './runs-store';

const SCOPE: Record<RunInstance['scope']['kind'], string> = {
  workflow: 'whole workflow',
  node: 'node',
  downstream: 'node and downstream',
};

/** Instance facts and its Stop / Rerun actions. */
export function RunHeader({ instance, now }: { instance: RunInstance; now: number }) {
  const scope =
    instance.scope.kind === 'workflow'
      ? SCOPE.workflow
      : `${SCOPE[instance.scope.kind]} ${instance.scope.node}`;
  // A FAIL instance whose branches still run can be stopped too (2.0 text; decisions "Runner").
  const stoppable = canStop(instance.status) || (instance.status === 'FAIL' && !instance.endTime);
  const [confirmingStop, setConfirmingStop] = useState(false);
  const running = instance.tasks.filter((t) => t.status === 'RUNNING').length;
  return (
    <header className="run-header" data-testid="run-header">
      {confirmingStop && (
        <ConfirmDialog
          title="Stop the run"
          confirmLabel="Stop"
          danger
          testId="run-stop-dialog"
          onConfirm={() => void stopInstance(instance.instanceId)}
          onClose={() => setConfirmingStop(false)}
        >
          Stop {instance.workflow} for {instance.calDt}?{' '}
          {running > 0 ? `${running} running task${running === 1 ? ' is' : 's are'} killed; ` : ''}tasks not
          started yet will not run. Its records and logs stay, and it can be rerun.
        </ConfirmDialog>
      )}
      <div className="run-header-main">
        <RunStateBadge state={instance.status} />
        <h2 className="run-header-id" data-testid="run-instance-id">
          {instance.instanceId}
        </h2>
        <div className="run-header-actions">
          <button
            className={`button ${stoppable ? 'danger' : 'secondary'}`}
            data-testid="run-stop"
            disabled={!stoppable}
            onClick={() => setConfirmingStop(true)}
          >
            <Codicon name="debug-stop" /> Stop
          </button>
          <button
            className="button secondary"
            data-testid="run-rerun"
            disabled={!canRerun(instance.status) || !instance.endTime}
            onClick={() => void rerunInstance(instance.instanceId)}
          >
            <Codicon name="debug-rerun" /> Rerun
          </button>
          <button
            className="button secondary"
            data-testid="run-prerun-again"
            onClick={() => openRunsDialog({ kind: 'prerun', workflow: instance.workflow })}
          >
            <Codicon name="play" /> Pre-run…
          </button>
        </div>
      </div>
      <dl className="run-facts">
        <div>
          <dt>Workflow</dt>
          <dd>{instance.workflow}</dd>
        </div>
        <div>
          <dt>Business date</dt>
          <dd data-testid="run-business-date">{instance.calDt}</dd>
        </div>
        <div>
          <dt>Trigger time</dt>
          <dd>{instance.triggerTime}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(durationOf(instance.startTime, instance.endTime, now)) || '–'}</dd>
        </div>
        <div>
          <dt>Scope</dt>
          <dd>{scope}</dd>
        </div>
        {instance.references && (
          <div>
            <dt>References</dt>
            <dd data-testid="run-references">
              {instance.references === 'wait' ? 'wait' : 'run first'} (≤{' '}
              {Math.round((instance.referenceTimeoutSeconds ?? 3600) / 60)} min)
            </dd>
          </div>
        )}
        {instance.workingCopy && (
          <div>
            <dt>Task files</dt>
            <dd
              data-testid="run-working-copy"
              className="run-text-warning"
              title="Resource-bound tasks ran the working copy of their resource's source, not the pinned version"
            >
              working copies
            </dd>
          </div>
        )}
        {instance.externalApp === 'record' && (
          <div>
            <dt>External APP</dt>
            <dd
              data-testid="run-external-app"
              title="External APP requests were written to the log, not sent"
            >
              recorded, not sent
            </dd>
          </div>
        )}
        {instance.owner && instance.owner.label !== 'BDP Studio' && (
          <div>
            <dt>Run by</dt>
            <dd title={`pid ${instance.owner.pid} on ${instance.owner.host}`}>{instance.owner.label}</dd>
          </div>
        )}
        <div>
          <dt>Reruns</dt>
          <dd>{instance.rerunCount}</dd>
        </div>
        <div>
          <dt>Submitter</dt>
          <dd>{instance.submitter}</dd>
        </div>
      </dl>
      {instance.reason && (
        <div className={`run-reason run-text-${instance.status}`} data-testid="run-reason">
          <Codicon
            name={instance.status === 'FAIL' || instance.status === 'INTERNAL_ERROR' ? 'error' : 'info'}
          />{' '}
          {instance.reason}
        </div>
      )}
    </header>
  );
}
