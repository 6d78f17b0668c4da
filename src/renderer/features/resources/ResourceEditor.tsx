import { useEffect } from 'react';
import { formatDateTime } from '../../ui/format-time';
import type { ResourceInfo, ResourceReference } from '../../../shared/contract/resources';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { openFile } from '../editor';
import { openHistory } from '../scm';
import {
  downloadVersion,
  initResources,
  openVersionContent,
  resourcesStore,
  showResourceDialog,
} from './resources-store';
import './resources.css';

const STATE_TEXT: Record<ResourceInfo['sourceState'], string> = {
  committed: 'committed',
  modified: 'uncommitted changes: New Version commits it first',
  untracked: 'not committed yet: New Version commits it first',
  missing: 'missing',
  none: 'no source file',
};

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function ReferenceLink({ reference }: { reference: ResourceReference }) {
  return (
    <button
      className="link-button resource-ref"
      data-testid="resource-reference"
      title={`${reference.path}:${reference.line}`}
      onClick={() => openFile(reference.path, { preview: false, line: reference.line })}
    >
      <Codicon name="type-hierarchy-sub" className="tone-workflow" />
      {reference.workflow} › {reference.task}
    </button>
  );
}

/** The detail tab of one resource: source state, versions with their references, actions. */
export function ResourceEditor({ name }: { name: string }) {
  useEffect(initResources, []);
  const loaded = useStore(resourcesStore, (s) => s.loaded);
  const resource = useStore(resourcesStore, (s) => s.resources.find((r) => r.name === name));
  if (!resource) {
    return (
      <div className="resource-editor empty-hint">
        {loaded ? `There is no resource named "${name}" (any more).` : 'Loading…'}
      </div>
    );
  }
  const used = resource.versions.reduce((n, v) => n + v.references.length, 0);
  return (
    <div className="resource-editor" data-testid="resource-editor" data-name={name}>
      <header className="resource-header">
        <Codicon name="package" className="resource-header-icon tone-resource" />
        <div className="resource-header-text">
          <div className="resource-title">
            {resource.name} <span className="resource-format">{resource.format}</span>
          </div>
          {resource.description && <div className="resource-description">{resource.description}</div>}
          <div className="resource-meta">
            Source:{' '}
            {resource.source ? (
              <button className="link-button" onClick={() => openFile(resource.source!, { preview: false })}>
                {resource.source}
              </button>
            ) : (
              '—'
            )}{' '}
            <span
              className={`resource-source-state state-${resource.sourceState}`}
              data-testid="resource-source-state"
              data-state={resource.sourceState}
            >
              {STATE_TEXT[resource.sourceState]}
            </span>
          </div>
        </div>
        <div className="resource-actions">
          <button
            className="button"
            data-testid="resource-new-version"
            disabled={!resource.source || resource.sourceState === 'missing'}
            onClick={() => showResourceDialog({ kind: 'new-version', name })}
          >
            <Codicon name="tag" /> New Version
          </button>
          <button
            className="button secondary"
            title="Open resources/…resource.yaml"
            onClick={() => openFile(resource.file, { preview: false })}
          >
            Open File
          </button>
          {resource.source && (
            <button className="button secondary" onClick={() => openHistory(resource.source!)}>
              Source History
            </button>
          )}
          <button
            className="button secondary"
            data-testid="resource-delete"
            disabled={resource.versions.length > 0}
            title={resource.versions.length > 0 ? 'Delete its versions first' : 'Delete this resource'}
            onClick={() => showResourceDialog({ kind: 'delete-resource', name })}
          >
            Delete
          </button>
        </div>
      </header>

      <section className="resource-section">
        <h3>
          Versions <span className="count-badge">{resource.versions.length}</span>
        </h3>
        {resource.versions.length === 0 ? (
          <div className="form-hint">
            No versions yet. New Version pins the source as committed at HEAD ({resource.suggestedVersion}{' '}
            suggested).
          </div>
        ) : (
          <table className="resource-table" data-testid="resource-versions">
            <thead>
              <tr>
                <th>Version</th>
                <th>Description</th>
                <th>Commit</th>
                <th>Created</th>
                <th>Size</th>
                <th>sha256</th>
                <th>Used by</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {resource.versions.map((v) => (
                <tr key={v.version} data-testid="resource-version-row" data-version={v.version}>
                  <td className="mono strong">{v.version}</td>
                  <td className="wrap">{v.description ?? ''}</td>
                  <td className="mono" title={`${v.commit}\n${v.path}`}>
                    {v.commit.slice(0, 7)}
                  </td>
                  <td title={v.createdAt}>{formatDateTime(Date.parse(v.createdAt))}</td>
                  <td>{formatSize(v.size)}</td>
                  <td className="mono" title={v.sha256}>
                    {v.sha256.slice(0, 12)}…
                  </td>
                  <td data-testid="resource-version-used">
                    {v.references.length === 0 ? (
                      <span className="muted">unused</span>
                    ) : (
                      v.references.map((r) => <ReferenceLink key={`${r.path}:${r.task}`} reference={r} />)
                    )}
                  </td>
                  <td className="row-actions">
                    <button
                      className="icon-button"
                      title="View Content"
                      aria-label="View Content"
                      data-testid="resource-view"
                      onClick={() => openVersionContent(name, v.version)}
                    >
                      <Codicon name="eye" />
                    </button>
                    <button
                      className="icon-button"
                      title="Download"
                      aria-label="Download"
                      data-testid="resource-download"
                      onClick={() => void downloadVersion(name, v.version)}
                    >
                      <Codicon name="cloud-download" />
                    </button>
                    <button
                      className="icon-button"
                      title={v.references.length ? 'Used by tasks: change them first' : 'Delete Version'}
                      aria-label="Delete Version"
                      data-testid="resource-delete-version"
                      disabled={v.references.length > 0}
                      onClick={() => showResourceDialog({ kind: 'delete-version', name, version: v.version })}
                    >
                      <Codicon name="trash" />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="resource-section" data-testid="resource-references">
        <h3>
          References <span className="count-badge">{used}</span>
        </h3>
        {used === 0 && resource.danglingReferences.length === 0 && (
          <div className="form-hint">
            No workflow task uses this resource. A SHELL or PYTHON task pins a version with{' '}
            <code>
              resource: {'{'} name: {name}, version: … {'}'}
            </code>
            .
          </div>
        )}
        {resource.versions
          .filter((v) => v.references.length > 0)
          .map((v) => (
            <div key={v.version} className="resource-ref-group">
              <span className="mono strong">{v.version}</span>
              {v.references.map((r) => (
                <ReferenceLink key={`${r.path}:${r.task}`} reference={r} />
              ))}
            </div>
          ))}
        {resource.danglingReferences.map((r) => (
          <div
            key={`${r.path}:${r.task}`}
            className="resource-ref-group dangling"
            data-testid="resource-dangling"
          >
            <Codicon name="warning" className="sev-warning" />
            <span className="mono">{r.version}</span> does not exist, but <ReferenceLink reference={r} /> pins
            it.
          </div>
        ))}
      </section>
    </div>
  );
}
