import { Fragment, useEffect, useState } from 'react';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { openFile } from '../editor';
import { EmptyState } from '../../ui/EmptyState';
import { workspaceStore } from '../workspace';
import { DirectoryTree } from './DirectoryTree';
import { EnvironmentDialog } from './EnvironmentDialog';
import { loadEnvironments, makePlan, publishStore, selectEnvironment, testConnection } from './publish-store';
import { REMOTE_TAB } from './virtual-tabs';
import './publish.css';
import { formatDateTime } from '../../ui/format-time';

/** Environment options worth a glance in the side bar (whatever the target kind). */
const FACT_LABELS: Readonly<Record<string, string>> = { orgId: 'OU', project: 'Project', userName: 'User' };

/** The Publish side bar: environment picker, Test Connection, Plan, Remote operations. */
export function PublishView() {
  const root = useStore(workspaceStore, (s) => s.workspace?.root ?? null);
  const environments = useStore(publishStore, (s) => s.environments);
  const loaded = useStore(publishStore, (s) => s.loaded);
  const selected = useStore(publishStore, (s) => s.selected);
  const connections = useStore(publishStore, (s) => s.connections);
  const failures = useStore(publishStore, (s) => s.connectionErrors);
  const testing = useStore(publishStore, (s) => s.testing);
  const planning = useStore(publishStore, (s) => s.planning);
  const [dialog, setDialog] = useState<'add' | 'edit' | null>(null);
  useEffect(() => {
    if (root) void loadEnvironments();
  }, [root]);

  if (!root)
    return (
      <EmptyState
        icon="cloud-upload"
        title="No workspace open"
        detail="Open a workspace to publish its workflows."
      />
    );
  const env = environments.find((e) => e.name === selected);
  const info = selected ? connections[selected] : undefined;
  const failure = selected ? failures[selected] : undefined;

  return (
    <div className="publish-view" data-testid="publish-view">
      <div className="publish-section">
        <label className="form-label" htmlFor="publish-env">
          Environment
        </label>
        <div className="form-row">
          <select
            id="publish-env"
            className="input select"
            data-testid="publish-env"
            value={selected ?? ''}
            disabled={!environments.length}
            onChange={(e) => selectEnvironment(e.target.value)}
          >
            {!environments.length && <option value="">{loaded ? 'No environments yet' : 'Loading…'}</option>}
            {environments.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name}
              </option>
            ))}
          </select>
          <button
            className="icon-button"
            title="Edit environment"
            aria-label="Edit environment"
            data-testid="publish-env-edit"
            disabled={!env}
            onClick={() => setDialog('edit')}
          >
            <Codicon name="edit" />
          </button>
        </div>
        <button className="link-button" data-testid="publish-add-env" onClick={() => setDialog('add')}>
          <Codicon name="add" /> Add environment…
        </button>
      </div>

      {env && (
        <div className="publish-section">
          <div className="publish-env-facts">
            <span className="publish-fact-label">URL</span>
            <span className="publish-fact" title={env.url} data-testid="publish-url">
              {env.url}
            </span>
            {Object.entries(env.options)
              .filter(([k, v]) => typeof v === 'string' && FACT_LABELS[k])
              .map(([k, v]) => (
                <Fragment key={k}>
                  <span className="publish-fact-label">{FACT_LABELS[k]}</span>
                  <span className="publish-fact" title={String(v)}>
                    {String(v)}
                  </span>
                </Fragment>
              ))}
            <span className="publish-fact-label">Secret</span>
            <span
              className={`publish-fact ${env.hasSecret ? 'ok' : 'missing'}`}
              data-testid="publish-secret-state"
            >
              <Codicon name={env.hasSecret ? 'lock' : 'warning'} />{' '}
              {env.hasSecret ? 'stored' : 'missing — edit to add it'}
            </span>
          </div>
          <div className="publish-actions">
            <button
              className="button secondary"
              data-testid="publish-test"
              disabled={testing}
              onClick={() => void testConnection(env.name)}
            >
              {testing ? (
                <Codicon name="loading" className="codicon-modifier-spin" />
              ) : (
                <Codicon name="plug" />
              )}{' '}
              Test Connection
            </button>
            <button
              className="button"
              data-testid="publish-plan"
              disabled={planning || !env.hasSecret}
              onClick={() => void makePlan(env.name)}
            >
              {planning ? (
                <Codicon name="loading" className="codicon-modifier-spin" />
              ) : (
                <Codicon name="checklist" />
              )}{' '}
              Plan
            </button>
          </div>
          <button
            className="link-button"
            data-testid="publish-open-remote"
            onClick={() => openFile(REMOTE_TAB, { preview: false })}
          >
            <Codicon name="pulse" /> Remote operations…
          </button>
        </div>
      )}

      {env && info && (
        <div className="publish-section" data-testid="publish-connection">
          <div className="view-section-header">
            <Codicon name="pass" className="sev-success" />
            <span className="view-section-title">Connected</span>
          </div>
          <div className="publish-env-facts">
            <span className="publish-fact-label">Time zone</span>
            <span className="publish-fact" data-testid="publish-timezone">
              {info.timezone}
            </span>
            <span className="publish-fact-label">Server time</span>
            <span className="publish-fact">{formatDateTime(info.serverTime)}</span>
          </div>
          <div className="remote-tree" data-testid="publish-directories">
            <DirectoryTree dir={info.directories} />
          </div>
        </div>
      )}

      {env && failure && (
        <div className="publish-section" data-testid="publish-connection-failed">
          <div className="view-section-header">
            <Codicon name="error" className="sev-error" />
            <span className="view-section-title">Not connected</span>
          </div>
          <div className="publish-failure" data-testid="publish-connection-reason">
            {failure.message}
          </div>
          {failure.code === 'UNAUTHORIZED' && (
            <div className="publish-hint">
              The target refused the credentials: edit the environment to enter the secret again.
            </div>
          )}
        </div>
      )}

      {loaded && !environments.length && (
        <div className="publish-hint">
          Add an environment to publish this workspace to EnOS Batch Processing or Apache DolphinScheduler. It
          is saved in bdp.yaml; the secret stays on this machine.
        </div>
      )}
      {dialog && (
        <EnvironmentDialog existing={dialog === 'edit' ? env : undefined} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
