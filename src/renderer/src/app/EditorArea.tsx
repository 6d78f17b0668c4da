import { useStore } from './store';
import { Breadcrumbs } from '../features/editor/Breadcrumbs';
import { editorStore } from '../features/editor/editor-store';
import { EditorWatermark } from '../features/editor/EditorWatermark';
import { TabBar } from '../features/editor/TabBar';
import { TextView } from '../features/editor/TextView';
import '../features/editor/file-content-store';

export function EditorArea() {
  const active = useStore(editorStore, (s) => s.active);
  const hasTabs = useStore(editorStore, (s) => s.tabs.length > 0);
  return (
    <main className="editor-area" aria-label="Editor">
      {hasTabs && <TabBar />}
      {active ? (
        <>
          <Breadcrumbs path={active} />
          <div className="editor-body">
            <TextView path={active} />
          </div>
        </>
      ) : (
        <EditorWatermark />
      )}
    </main>
  );
}
