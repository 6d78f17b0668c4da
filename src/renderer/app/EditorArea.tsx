import { Suspense, useEffect } from 'react';
import { useStore } from './store';
import {
  Breadcrumbs,
  editorStore,
  EditorWatermark,
  contentStore,
  ensureContent,
  SaveChangesDialog,
  TabBar,
  TextView,
  ScriptEditor,
} from '../features/editor';
import {
  DesignerErrorBoundary,
  DesignerModeToggle,
  DesignerView,
  useEditorPanes,
} from '../features/designer';
import { isVirtualTab, VirtualEditor } from '../features/publish';
import { runTabInstance, RunsDialogs, RunInstanceView } from '../features/runs';
import { parseScmTab, ScmTabView } from '../features/scm';
import { parseResourceTab, ResourceTabView } from '../features/resources';
import { ScriptParamsBar, ScriptToolbar } from '../features/script-run';

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
