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

// Monaco is a few MB: it loads with the first open file, not with the welcome page.
const ScriptEditor = lazy(() => import('../features/editor/ScriptEditor').then((m) => ({ default: m.ScriptEditor })));

export function EditorArea() {
  const active = useStore(editorStore, (s) => s.active);
  const hasTabs = useStore(editorStore, (s) => s.tabs.length > 0);
  const entry = useStore(contentStore, (s) => (active ? s[active] : undefined));
  useEffect(() => {
    if (active) ensureContent(active);
  }, [active]);
  // Binary, unreadable and too-large files keep the read-only view with its explanation.
  const editable = entry?.status === 'ready' && entry.content.encoding === 'utf-8' && !entry.content.truncated;
  return (
    <main className="editor-area" aria-label="Editor">
      {hasTabs && <TabBar />}
      {active ? <Breadcrumbs path={active} /> : <EditorWatermark />}
      {hasTabs && (
        <div className="editor-body" hidden={!active}>
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
