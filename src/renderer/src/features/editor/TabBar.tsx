import { useEffect, useMemo, useRef } from 'react';
import { useStore } from '../../app/store';
import { useProblemSeverityByPath } from '../explorer/use-problem-decorations';
import { editorStore } from './editor-store';
import { Tab } from './Tab';

/** The open editors; duplicate file names get their folder as a description. */
export function TabBar() {
  const tabs = useStore(editorStore, (s) => s.tabs);
  const active = useStore(editorStore, (s) => s.active);
  const severities = useProblemSeverityByPath();
  const ref = useRef<HTMLDivElement>(null);
  const duplicates = useMemo(() => {
    const counts = new Map<string, number>();
    for (const t of tabs) {
      const name = t.path.slice(t.path.lastIndexOf('/') + 1);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return counts;
  }, [tabs]);

  useEffect(() => {
    ref.current?.querySelector('.tab.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active]);

  return (
    <div
      className="tab-bar"
      role="tablist"
      ref={ref}
      onWheel={(e) => {
        if (ref.current && e.deltaY) ref.current.scrollLeft += e.deltaY;
      }}
    >
      {tabs.map((t) => {
        const name = t.path.slice(t.path.lastIndexOf('/') + 1);
        const dir = t.path.slice(0, Math.max(0, t.path.lastIndexOf('/')));
        return (
          <Tab
            key={t.path}
            path={t.path}
            preview={t.preview}
            active={t.path === active}
            severity={severities.get(t.path) ?? null}
            description={(duplicates.get(name) ?? 0) > 1 ? dir : undefined}
          />
        );
      })}
    </div>
  );
}
