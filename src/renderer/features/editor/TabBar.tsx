import { useEffect, useMemo, useRef, useState } from 'react';
import { ContextMenu } from '../../ui/ContextMenu';
import { fileMenuEntries, revealInExplorer, useProblemSeverityByPath } from '../explorer';
import { isVirtualTab } from '../publish';
import { showView } from '../../app/layout-store';
import { useStore } from '../../app/store';
import { documentStore } from './document-store';
import { Codicon } from '../../ui/Codicon';
import { closeAllTabs, closeOtherTabs, closeTab, editorStore, openFile, pinTab } from './editor-store';
import { Tab } from './Tab';
import { tabLabel } from '../../ui/tab-labels';
import './editor.css';

/** The open editors; duplicate file names get their folder as a description. */
export function TabBar() {
  const tabs = useStore(editorStore, (s) => s.tabs);
  const active = useStore(editorStore, (s) => s.active);
  const severities = useProblemSeverityByPath();
  const documents = useStore(documentStore, (s) => s);
  const ref = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; path: string } | null>(null);
  const [overflowMenu, setOverflowMenu] = useState<{ x: number; y: number } | null>(null);
  const overflowing = useOverflow(ref, tabs.length);
  const duplicates = useMemo(() => {
    const counts = new Map<string, number>();
    for (const t of tabs) {
      const name = tabLabel(t.path) ?? t.path.slice(t.path.lastIndexOf('/') + 1);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return counts;
  }, [tabs]);

  useEffect(() => {
    ref.current?.querySelector('.tab.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active]);

  const labelOf = (path: string): string => tabLabel(path) ?? path.slice(path.lastIndexOf('/') + 1);
  return (
    <div className="tab-bar-row">
      <div
        className="tab-bar"
        role="tablist"
        ref={ref}
        onWheel={(e) => {
          if (ref.current && e.deltaY) ref.current.scrollLeft += e.deltaY;
        }}
        onContextMenu={(e) => {
          const tab = (e.target as HTMLElement).closest<HTMLElement>('[data-testid="editor-tab"]');
          if (!tab?.dataset.path) return;
          e.preventDefault();
          setMenu({ x: e.clientX, y: e.clientY, path: tab.dataset.path });
        }}
      >
        {tabs.map((t) => {
          const name = tabLabel(t.path) ?? t.path.slice(t.path.lastIndexOf('/') + 1);
          const dir = t.path.slice(0, Math.max(0, t.path.lastIndexOf('/')));
          return (
            <Tab
              key={t.path}
              path={t.path}
              preview={t.preview}
              active={t.path === active}
              severity={severities.get(t.path) ?? null}
              dirty={documents[t.path]?.dirty === true}
              description={(duplicates.get(name) ?? 0) > 1 ? dir : undefined}
            />
          );
        })}
        {menu && (
          <ContextMenu
            x={menu.x}
            y={menu.y}
            onClose={() => setMenu(null)}
            items={[
              { label: 'Close', keybinding: 'Mod+W', run: () => closeTab(menu.path) },
              { label: 'Close Others', run: () => closeOtherTabs(menu.path), disabled: tabs.length < 2 },
              { label: 'Close All', run: closeAllTabs },
              'separator',
              {
                label: 'Keep Open',
                run: () => pinTab(menu.path),
                disabled: !tabs.find((t) => t.path === menu.path)?.preview,
              },
              { label: 'Copy Relative Path', run: () => void navigator.clipboard?.writeText(menu.path) },
              {
                label: 'Reveal in Explorer View',
                run: () => {
                  showView('explorer');
                  revealInExplorer(menu.path);
                },
              },
              ...(isVirtualTab(menu.path) ? [] : fileMenuEntries(menu.path)),
            ]}
          />
        )}
      </div>
      {overflowing && (
        <button
          className="icon-button tab-bar-overflow"
          title="Open Editors"
          aria-label="Open Editors"
          data-testid="editor-tabs-overflow"
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            setOverflowMenu({ x: r.right, y: r.bottom });
          }}
        >
          <Codicon name="ellipsis" />
        </button>
      )}
      {overflowMenu && (
        <ContextMenu
          x={overflowMenu.x}
          y={overflowMenu.y}
          onClose={() => setOverflowMenu(null)}
          items={[
            ...tabs.map((t) => ({
              label: `${t.path === active ? '✓ ' : ''}${labelOf(t.path)}${documents[t.path]?.dirty ? ' ●' : ''}`,
              run: () => openFile(t.path, { preview: t.preview }),
            })),
            'separator' as const,
            { label: 'Close All', run: closeAllTabs },
          ]}
        />
      )}
    </div>
  );
}

/** True while the tabs do not fit their strip (re-measured on resize and when tabs come and go). */
function useOverflow(ref: React.RefObject<HTMLDivElement | null>, count: number): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setOverflowing(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, count]);
  return overflowing;
}
