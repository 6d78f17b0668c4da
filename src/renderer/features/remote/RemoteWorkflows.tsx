import { useState } from 'react';
import type { RemoteWorkflowInfo } from '../../../shared/contract';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { BackfillDialog } from './BackfillDialog';
import { useRemoteCapabilities } from './capabilities';
import { backfillWorkflow, remoteStore, setScheduling, triggerWorkflow } from './remote-store';
import { TriggerDialog } from './TriggerDialog';

/** Published workflows with Trigger and Enable / Disable scheduling. */
export function RemoteWorkflows() {
  const workflows = useStore(remoteStore, (s) => s.workflows);
  const failure = useStore(remoteStore, (s) => s.workflowsError);
  const [triggering, setTriggering] = useState<RemoteWorkflowInfo | null>(null);
  const [backfilling, setBackfilling] = useState<RemoteWorkflowInfo | null>(null);
  const caps = useRemoteCapabilities();
  return (
    <section className="remote-panel remote-workflows" data-testid="remote-workflows">
      <div className="remote-panel-title">Workflows</div>
      {failure && (
        <div className="remote-empty remote-failure" data-testid="remote-workflows-error">
          <Codicon name="error" className="sev-error" /> Could not list the workflows: {failure}
        </div>
      )}
      {!failure && workflows.length === 0 && (
        <div className="remote-empty">No workflows on this environment. Publish first.</div>
      )}
      {workflows.map((w) => (
        <div key={w.id} className="remote-workflow" data-testid="remote-workflow" data-name={w.name}>
          <Codicon name="type-hierarchy-sub" className="file-icon tone-workflow" />
          <span
            className="remote-workflow-name"
            title={`${w.directory ? w.directory + '/' : ''}${w.name} (id ${w.id})`}
          >
            {w.name}
          </span>
          {w.scheduling === 'periodic' ? (
            <span
              className={`sched-pill ${w.enabled ? 'on' : 'off'}`}
              data-testid="remote-scheduling"
              data-enabled={w.enabled}
            >
              {w.enabled ? 'scheduled' : 'paused'}
            </span>
          ) : (
            <span className="sched-pill manual">manual</span>
          )}
          <span className="spacer" />
          {w.scheduling === 'periodic' && caps.setEnabled && (
            <button
              className="icon-button"
              data-testid="remote-toggle-scheduling"
              title={w.enabled ? 'Disable scheduling' : 'Enable scheduling'}
              aria-label={w.enabled ? `Disable scheduling of ${w.name}` : `Enable scheduling of ${w.name}`}
              onClick={() => void setScheduling(w.name, !w.enabled)}
            >
              <Codicon name={w.enabled ? 'debug-pause' : 'debug-start'} />
            </button>
          )}
          {caps.backfill && (
            <button
              className="icon-button"
              data-testid="remote-backfill"
              title="Backfill a date range"
              aria-label={`Backfill ${w.name}`}
              onClick={() => setBackfilling(w)}
            >
              <Codicon name="history" />
            </button>
          )}
          <button
            className="button secondary small"
            data-testid="remote-trigger"
            aria-label={`Trigger ${w.name}`}
            onClick={() => setTriggering(w)}
          >
            <Codicon name="play" /> Trigger
          </button>
        </div>
      ))}
      {backfilling && (
        <BackfillDialog
          workflow={backfilling.name}
          onBackfill={(from, to) => void backfillWorkflow(backfilling.name, from, to)}
          onClose={() => setBackfilling(null)}
        />
      )}
      {triggering && (
        <TriggerDialog
          title={`Trigger ${triggering.name}`}
          detail="Starts an instance of the whole workflow on the target."
          onTrigger={(t) => void triggerWorkflow(triggering.name, t)}
          onClose={() => setTriggering(null)}
        />
      )}
    </section>
  );
}
