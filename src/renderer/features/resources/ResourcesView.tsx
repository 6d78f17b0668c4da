import { useEffect, useState } from 'react';
import type { ResourceInfo } from '../../../shared/contract/resources';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { ContextMenu, type MenuEntry } from '../../ui/ContextMenu';
import { editorStore, openFile } from '../editor';
import {
  downloadVersion,
  initResources,
  openResource,
  openVersionContent,
  parseResourceTab,
  refreshResources,
  resourcesStore,
  showResourceDialog,
} from './resources-store';
import './resources.css';
import { EmptyState } from '../../ui/EmptyState';

const STATE_HINT: Partial<
  Record<ResourceInfo['sourceState'], { icon: string; tone: string; title: string }>
> = {
  modified: { icon: 'circle-filled', tone: 'git-M', title: 'The source has uncommitted changes' },
  untracked: { icon: 'circle-filled', tone: 'git-U', title: 'The source is not committed yet' },
  missing: { icon: 'warning', tone: 'sev-warning', title: 'The source file is missing' },
};

/** Resources as a tree: each resource, and under it its versions with how many tasks use them. */
export function ResourcesView() {
  useEffect(initResources, []);
  const { loaded, resources, broken } = useStore(resourcesStore, (s) => s);
  const active = parseResourceTab(useStore(editorStore, (s) => s.active));
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [menu, setMenu] = useState<{ x: number; y: number; items: MenuEntry[] } | null>(null);
  const toggle = (name: string) =>
    setCollapsed((s) => {
      const next = new Set(s);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  const toolbar = (
    <div className="view-section-header">
      <Codicon name="chevron-down" />
      <span className="view-section-title">Task resources</span>
      <div className="view-actions">
        <button
          className="icon-button"
          title="Register Resource…"
          aria-label="Register Resource"
          data-testid="resources-register"
          onClick={() => showResourceDialog({ kind: 'register' })}
        >
          <Codicon name="add" />
        </button>
        <button
          className="icon-button"
          title="Refresh Resources"
          aria-label="Refresh Resources"
          onClick={() => void refreshResources()}
        >
          <Codicon name="refresh" />
        </button>
      </div>
    </div>
  );

  if (loaded && resources.length === 0 && broken.length === 0) {
    return (
      <div className="view" data-testid="resources-tree">
        {toolbar}
        <EmptyState
          icon="package"
          title="No resources yet"
          detail="A resource is a versioned script or package that workflow tasks pin by version (resources/<name>.resource.yaml)."
        >
          <button className="button" onClick={() => showResourceDialog({ kind: 'register' })}>
            Register Resource…
          </button>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="view resources-view" data-testid="resources-tree">
      {toolbar}
      <div className="list" role="tree" aria-label="Resources">
        {resources.map((r) => {
          const open = !collapsed.has(r.name);
          const hint = STATE_HINT[r.sourceState];
          return (
            <div key={r.name} role="none">
              <div
                role="treeitem"
                aria-expanded={open}
                tabIndex={0}
                className={`list-item resource-row${active?.kind === 'resource' && active.name === r.name ? ' selected' : ''}`}
                data-testid="resource-item"
                data-name={r.name}
                title={`${r.file}${r.description ? `\n${r.description}` : ''}`}
                onClick={() => openResource(r.name)}
                onKeyDown={(e) => e.key === 'Enter' && openResource(r.name)}
                onContextMenu={(e) => {
                  e.preventDefault();
                  setMenu({
                    x: e.clientX,
                    y: e.clientY,
                    items: [
                      { label: 'Open', run: () => openResource(r.name) },
                      {
                        label: 'New Version…',
                        run: () => showResourceDialog({ kind: 'new-version', name: r.name }),
                      },
                      { label: 'Open Resource File', run: () => openFile(r.file, { preview: false }) },
                      ...(r.source
                        ? [{ label: 'Open Source File', run: () => openFile(r.source!, { preview: false }) }]
                        : []),
                      'separator',
                      {
                        label: 'Delete Resource…',
                        disabled: r.versions.length > 0,
                        run: () => showResourceDialog({ kind: 'delete-resource', name: r.name }),
                      },
                    ],
                  });
                }}
              >
                <span
                  className="tree-twistie"
                  onClick={(e) => {
                    e.stopPropagation();
                    toggle(r.name);
                  }}
                >
                  {r.versions.length > 0 && <Codicon name={open ? 'chevron-down' : 'chevron-right'} />}
                </span>
                <Codicon name="package" className="file-icon tone-resource" />
                <span className="resource-name">{r.name}</span>
                <span className="resource-format">{r.format}</span>
                {hint && (
                  <Codicon name={hint.icon} className={`resource-state ${hint.tone}`} title={hint.title} />
                )}
                <span
                  className="resource-count"
                  title={`${r.versions.length} version${r.versions.length === 1 ? '' : 's'}`}
                >
                  {r.versions.length}
                </span>
              </div>
              {open &&
                r.versions.map((v) => {
                  const used = v.references.length;
                  return (
                    <div
                      key={v.version}
                      role="treeitem"
                      tabIndex={0}
                      className={`list-item resource-version-row${active?.kind === 'version' && active.name === r.name && active.version === v.version ? ' selected' : ''}`}
                      data-testid="resource-version-item"
                      data-name={r.name}
                      data-version={v.version}
                      title={`${v.version} • ${v.path} @ ${v.commit.slice(0, 7)}${v.description ? `\n${v.description}` : ''}`}
                      onClick={() => openResource(r.name)}
                      onDoubleClick={() => openVersionContent(r.name, v.version)}
                      onKeyDown={(e) => e.key === 'Enter' && openVersionContent(r.name, v.version)}
                      onContextMenu={(e) => {
                        e.preventDefault();
                        setMenu({
                          x: e.clientX,
                          y: e.clientY,
                          items: [
                            { label: 'View Content', run: () => openVersionContent(r.name, v.version) },
                            { label: 'Download', run: () => void downloadVersion(r.name, v.version) },
                            'separator',
                            {
                              label: 'Delete Version…',
                              disabled: used > 0,
                              run: () =>
                                showResourceDialog({
                                  kind: 'delete-version',
                                  name: r.name,
                                  version: v.version,
                                }),
                            },
                          ],
                        });
                      }}
                    >
                      <Codicon name="tag" className="resource-version-icon" />
                      <span className="resource-version">{v.version}</span>
                      <span className="resource-version-sha">{v.commit.slice(0, 7)}</span>
                      <span
                        className={`resource-used${used ? ' in-use' : ''}`}
                        data-testid="resource-used-badge"
                        title={
                          used
                            ? v.references.map((x) => `${x.workflow} › ${x.task}`).join('\n')
                            : 'Not used by any task'
                        }
                      >
                        {used ? `used by ${used} task${used === 1 ? '' : 's'}` : 'unused'}
                      </span>
                    </div>
                  );
                })}
            </div>
          );
        })}
        {broken.map((b) => (
          <div
            key={b.file}
            className="list-item resource-row broken"
            role="treeitem"
            tabIndex={0}
            title={b.error}
            onClick={() => openFile(b.file, { preview: false })}
          >
            <span className="tree-twistie" />
            <Codicon name="error" className="sev-error" />
            <span className="resource-name">{b.file.slice(b.file.lastIndexOf('/') + 1)}</span>
            <span className="resource-broken-error">{b.error}</span>
          </div>
        ))}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} items={menu.items} onClose={() => setMenu(null)} />}
    </div>
  );
}
