import { useEffect, useState } from 'react';
import './runs.css';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { editorStore } from '../editor';
import { EmptyState } from '../../ui/EmptyState';
import { workspaceStore } from '../workspace';
import { openRunsDialog } from './dialogs-store';
import { RunListItem } from './RunListItem';
import { runTabInstance } from './run-tab';
import { refreshRuns, runsStore } from './runs-store';
import { RunsFilterBar } from './RunsFilterBar';
import { useRunsEvents } from './use-runs-events';
import { useWorkflowFiles } from './use-workflow-files';

/** The Runs side bar (EnOS Workflow Operation): pre-run, backfill, and the instances list. */
export function RunsView() {
  useRunsEvents();
  const root = useStore(workspaceStore, (s) => s.workspace?.root ?? null);
  const instances = useStore(runsStore, (s) => s.instances);
  const loaded = useStore(runsStore, (s) => s.loaded);
  const selected = runTabInstance(useStore(editorStore, (s) => s.active));
  const workflows = useWorkflowFiles();
  const [now, setNow] = useState(() => Date.now());
  const running = instances.some((i) => !i.endTime);
  useEffect(() => {
    void refreshRuns();
  }, [root]);
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);

  return (
    <div className="runs-view" data-testid="runs-view">
      <div className="runs-actions">
        <button
          className="button"
          data-testid="runs-prerun"
          disabled={!root}
          onClick={() => openRunsDialog({ kind: 'prerun' })}
        >
          <Codicon name="play" /> Pre-run…
        </button>
        <button
          className="button secondary"
          data-testid="runs-backfill"
          disabled={!root}
          onClick={() => openRunsDialog({ kind: 'backfill' })}
        >
          <Codicon name="calendar" /> Backfill…
        </button>
        <button
          className="icon-button"
          title="Database passwords for Data Sync…"
          aria-label="Database passwords"
          data-testid="runs-passwords"
          disabled={!root}
          onClick={() => openRunsDialog({ kind: 'passwords' })}
        >
          <Codicon name="key" />
        </button>
        <button
          className="icon-button"
          title="Refresh"
          aria-label="Refresh"
          data-testid="runs-refresh"
          onClick={() => void refreshRuns()}
        >
          <Codicon name="refresh" />
        </button>
      </div>
      <RunsFilterBar workflows={workflows} />
      <div className="runs-list" role="listbox" aria-label="Instances" data-testid="runs-list">
        {instances.map((i) => (
          <RunListItem key={i.instanceId} instance={i} selected={i.instanceId === selected} now={now} />
        ))}
        {loaded && instances.length === 0 && (
          <EmptyState
            icon="history"
            title="No instances"
            detail="Pre-run a workflow with a business date; its instances, states and logs show here. Instances live in .bdp/runs/."
          />
        )}
      </div>
    </div>
  );
}
