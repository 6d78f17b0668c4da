import { memo } from 'react';
import { Codicon } from '../ui/Codicon';
import { ScmActivityBadge } from '../features/scm';
import { useStore } from './store';
import { layoutStore, showView, type ViewId } from './layout-store';
import { showPalette } from './palette-store';

export const VIEWS: { id: ViewId; title: string; icon: string; keybinding?: string }[] = [
  { id: 'explorer', title: 'Explorer', icon: 'files', keybinding: 'Mod+Shift+E' },
  { id: 'search', title: 'Search', icon: 'search', keybinding: 'Mod+Shift+F' },
  { id: 'scm', title: 'Source Control', icon: 'source-control', keybinding: 'Mod+Shift+G' },
  { id: 'workflows', title: 'Workflows', icon: 'type-hierarchy-sub' },
  { id: 'resources', title: 'Resources', icon: 'package' },
  { id: 'runs', title: 'Runs', icon: 'play-circle' },
  { id: 'publish', title: 'Publish', icon: 'cloud-upload' },
];

export const ActivityBar = memo(function ActivityBar() {
  const active = useStore(layoutStore, (s) => (s.sideBarVisible ? s.activeView : null));
  return (
    <nav className="activity-bar" aria-label="Activity bar">
      <div className="activity-bar-top" role="tablist" aria-orientation="vertical">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            role="tab"
            aria-selected={active === v.id}
            className={`activity-item${active === v.id ? ' active' : ''}`}
            data-testid={`activity-${v.id}`}
            title={v.title}
            aria-label={v.title}
            onClick={() => showView(v.id, true)}
          >
            <Codicon name={v.icon} />
            {v.id === 'scm' && <ScmActivityBadge />}
          </button>
        ))}
      </div>
      <div className="activity-bar-bottom">
        <button
          className="activity-item"
          title="Command Palette"
          aria-label="Command Palette"
          data-testid="activity-commands"
          onClick={() => showPalette('>')}
        >
          <Codicon name="settings-gear" />
        </button>
      </div>
    </nav>
  );
});
