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
import { DesignerModeToggle } from '../features/designer/DesignerModeToggle';
import { useDesignerShown } from '../features/designer/editor-mode-store';

// Monaco is a few MB: it loads with the first open file, not with the welcome page.
const ScriptEditor = lazy(() => import('../features/editor/ScriptEditor').then((m) => ({ default: m.ScriptEditor })));
const DesignerView = lazy(() => import('../features/designer/DesignerView').then((m) => ({ default: m.DesignerView })));

export function EditorArea() {
  const active = useStore(editorStore, (s) => s.active);
  const hasTabs = useStore(editorStore, (s) => s.tabs.length > 0);
  const entry = useStore(contentStore, (s) => (active ? s[active] : undefined));
  useEffect(() => {
    if (active) ensureContent(active);
  }, [active]);
  // Binary, unreadable and too-large files keep the read-only view with its explanation.
  const editable = entry?.status === 'ready' && entry.content.encoding === 'utf-8' && !entry.content.truncated;
  const designer = useDesignerShown(active, editable);
  return (
    <main className="editor-area" aria-label="Editor">
      {hasTabs && <TabBar />}
      {active ? (
        <div className="editor-title-row">
          <Breadcrumbs path={active} />
          {editable && <DesignerModeToggle path={active} />}
        </div>
      ) : (
        <EditorWatermark />
      )}
      {hasTabs && (
        <div className={designer ? 'editor-body editor-body-split' : 'editor-body'} hidden={!active}>
          {designer && active && (
            <Suspense fallback={null}>
              <DesignerView key={active} path={active} />
            </Suspense>
          )}
          {active && !editable && <TextView path={active} />}
          <Suspense fallback={active && editable ? <TextView path={active} /> : null}>
            <ScriptEditor path={editable ? active : null} />
          </Suspense>
        </div>
      )}
      <SaveChangesDialog />
    </main>
  );
}
