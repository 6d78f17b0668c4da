import { useEffect } from 'react';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { publishStore, selectEnvironment } from '../publish';
import { EmptyState } from '../../ui/EmptyState';
import { InstanceDetail } from './InstanceDetail';
import { InstanceList } from './InstanceList';
import { refreshInstances, refreshWorkflows, remoteStore, setRemoteEnvironment } from './remote-store';
import { RemoteWorkflows } from './RemoteWorkflows';

const POLL_MS = 3000;

/** Remote operations: workflows, instances, an instance's tasks and logs on one environment. */
export function RemoteEditor() {
  const environments = useStore(publishStore, (s) => s.environments);
  const selected = useStore(publishStore, (s) => s.selected);
  const loading = useStore(remoteStore, (s) => s.loading);

  useEffect(() => {
    setRemoteEnvironment(selected);
    if (!selected) return;
    void refreshWorkflows();
    void refreshInstances();
    // Instances move on the target by themselves; poll while the tab is shown.
    const timer = setInterval(() => void refreshInstances(true), POLL_MS);
    return () => clearInterval(timer);
  }, [selected]);

  if (!selected)
    return (
      <EmptyState
        icon="pulse"
        title="No environment"
        detail="Add an environment in the Publish view first."
      />
    );
  return (
    <div className="remote-editor" data-testid="remote-editor">
      <div className="publish-toolbar">
        <div className="publish-title">
          <Codicon name="pulse" />
          <span>Remote operations</span>
        </div>
        <select
          className="input select small"
          aria-label="Environment"
          data-testid="remote-env"
          value={selected}
          onChange={(e) => selectEnvironment(e.target.value)}
        >
          {environments.map((e) => (
            <option key={e.name} value={e.name}>
              {e.name}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <button
          className="button secondary"
          data-testid="remote-refresh"
          disabled={loading}
          onClick={() => {
            void refreshWorkflows();
            void refreshInstances();
          }}
        >
          <Codicon name="refresh" className={loading ? 'codicon-modifier-spin' : undefined} /> Refresh
        </button>
      </div>
      <div className="remote-body">
        <div className="remote-left">
          <RemoteWorkflows />
          <InstanceList />
        </div>
        <InstanceDetail />
      </div>
    </div>
  );
}
