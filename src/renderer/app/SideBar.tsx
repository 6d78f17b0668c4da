import { ExplorerView } from '../features/explorer';
import { PublishView } from '../features/publish';
import { RunsView } from '../features/runs';
import { ResourcesView } from '../features/resources';
import { WorkflowsView } from '../features/workflows';
import { SearchView } from '../features/search';
import { ScmView } from '../features/scm';
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
