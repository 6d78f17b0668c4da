import { ExplorerView } from '../features/explorer/ExplorerView';
import { PublishView } from '../features/publish/PublishView';
import { RunsView } from '../features/runs/RunsView';
import { ResourcesView } from '../features/views/ResourcesView';
import { SearchView } from '../features/search/SearchView';
import { ScmView } from '../features/scm/ScmView';
import { WorkflowsView } from '../features/views/WorkflowsView';
import { VIEWS } from './ActivityBar';
import { layoutStore } from './layout-store';
import { useStore } from './store';

export function SideBar() {
  const view = useStore(layoutStore, (s) => s.activeView);
  const title = VIEWS.find((v) => v.id === view)?.title ?? '';
  return (
    <aside className="side-bar" aria-label={title} data-testid={`view-${view}`}>
      <div className="side-bar-title">{title}</div>
      <div className="side-bar-content">
        {view === 'explorer' && <ExplorerView />}
        {view === 'search' && <SearchView />}
        {view === 'scm' && <ScmView />}
        {view === 'workflows' && <WorkflowsView />}
        {view === 'resources' && <ResourcesView />}
        {view === 'runs' && <RunsView />}
        {view === 'publish' && <PublishView />}
      </div>
    </aside>
  );
}
