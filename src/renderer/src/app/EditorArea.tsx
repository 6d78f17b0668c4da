import { lazy, Suspense, useEffect } from 'react';
import { useStore } from './store';
import { Breadcrumbs } from '../features/editor/Breadcrumbs';
import { editorStore } from '../features/editor/editor-store';
import { EditorWatermark } from '../features/editor/EditorWatermark';
import { contentStore, ensureContent } from '../features/editor/file-content-store';
import { SaveChangesDialog } from '../features/editor/SaveChangesDialog';
import { TabBar } from '../features/editor/TabBar';
import { TextView } from '../features/editor/TextView';
import '../features/editor/document-store';
import { DesignerErrorBoundary } from '../features/designer/DesignerErrorBoundary';
import { DesignerModeToggle } from '../features/designer/DesignerModeToggle';
import { useEditorPanes } from '../features/designer/editor-mode-store';
import { isVirtualTab } from '../features/publish/virtual-tabs';
import { runTabInstance } from '../features/runs/run-tab';
import { parseScmTab } from '../features/scm/scm-tabs';
import { parseResourceTab } from '../features/resources/resources-store';
import { RunsDialogs } from '../features/runs/RunsDialogs';
import { ScriptParamsBar } from '../features/script-run/ScriptParamsBar';
import { ScriptToolbar } from '../features/script-run/ScriptToolbar';

// Monaco is a few MB: it loads with the first open file, not with the welcome page.
const ScriptEditor = lazy(() =>
  import('../features/editor/ScriptEditor').then((m) => ({ default: m.ScriptEditor })),
);
const VirtualEditor = lazy(() =>
  import('../features/publish/VirtualEditor').then((m) => ({ default: m.VirtualEditor })),
);
const RunInstanceView = lazy(() =>
  import('../features/runs/RunInstanceView').then((m) => ({ default: m.RunInstanceView })),
);
const ScmTabView = lazy(() => import('../features/scm/ScmTabView').then((m) => ({ default: m.ScmTabView })));
const ResourceTabView = lazy(() =>
  import('../features/resources/ResourceTabView').then((m) => ({ default: m.ResourceTabView })),
);
const DesignerView = lazy(() =>
  import('../features/designer/DesignerView').then((m) => ({ default: m.DesignerView })),
);

export function EditorArea() {
  const active = useStore(editorStore, (s) => s.active);
  const hasTabs = useStore(editorStore, (s) => s.tabs.length > 0);
  const entry = useStore(contentStore, (s) => (active ? s[active] : undefined));
  useEffect(() => {
    if (active && !isVirtualTab(active)) ensureContent(active);
  }, [active]);
  // Binary, unreadable and too-large files keep the read-only view with its explanation.
  const editable =
    entry?.status === 'ready' && entry.content.encoding === 'utf-8' && !entry.content.truncated;
  const { designer, text } = useEditorPanes(active, editable);
  // Publish plan and Remote operations tabs show a view, not a file.
  const virtual = isVirtualTab(active);
  return (
    <main className="editor-area" aria-label="Editor">
      {hasTabs && <TabBar />}
      {active && virtual ? null : active ? (
        <div className="editor-title-row">
          <Breadcrumbs path={active} />
          {editable && <DesignerModeToggle path={active} />}
          {editable && <ScriptToolbar path={active} />}
        </div>
      ) : (
        <EditorWatermark />
      )}
      {active && editable && <ScriptParamsBar path={active} />}
      {hasTabs && (
        <div className={designer ? 'editor-body editor-body-split' : 'editor-body'} hidden={!active}>
          {designer && active && (
            <DesignerErrorBoundary key={active}>
              <Suspense fallback={null}>
                <DesignerView path={active} />
              </Suspense>
            </DesignerErrorBoundary>
          )}
          {virtual && active && (
            <Suspense fallback={null}>
              <VirtualEditor path={active} />
            </Suspense>
          )}
          {runTabInstance(active) && (
            <Suspense fallback={null}>
              <RunInstanceView key={active} instanceId={runTabInstance(active)!} />
            </Suspense>
          )}
          {parseScmTab(active) && (
            <Suspense fallback={null}>
              <ScmTabView tab={active!} />
            </Suspense>
          )}
          {parseResourceTab(active) && (
            <Suspense fallback={null}>
              <ResourceTabView tab={active!} />
            </Suspense>
          )}
          {active && !editable && !virtual && <TextView path={active} />}
          <Suspense fallback={active && editable ? <TextView path={active} /> : null}>
            <ScriptEditor path={editable && text ? active : null} />
          </Suspense>
        </div>
      )}
      <SaveChangesDialog />
      <RunsDialogs />
    </main>
  );
}
