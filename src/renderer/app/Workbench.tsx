import { useEffect, useState } from 'react';
import { ActivityBar } from './ActivityBar';
import { BottomPanel } from './BottomPanel';
import { EditorArea } from './EditorArea';
import { PANEL_MIN, SIDEBAR_MIN, layoutStore, patchLayout } from './layout-store';
import { Sash } from './Sash';
import { SideBar } from './SideBar';
import { useStore } from './store';

function useWindowSize(): { width: number; height: number } {
  const [size, setSize] = useState({ width: window.innerWidth, height: window.innerHeight });
  useEffect(() => {
    const onResize = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

/** Activity bar | side bar | (editor over panel); the status bar is rendered by App below it. */
export function Workbench() {
  const layout = useStore(layoutStore, (s) => s);
  const { width, height } = useWindowSize();
  // Sizes are clamped to the window so a size saved on a big screen never hides the editor.
  const sideMax = Math.max(SIDEBAR_MIN, Math.floor(width * 0.6));
  const sideWidth = Math.min(Math.max(layout.sideBarWidth, SIDEBAR_MIN), sideMax);
  const panelMax = Math.max(PANEL_MIN, height - 22 - 35 - 120);
  const panelHeight = Math.min(Math.max(layout.panelHeight, PANEL_MIN), panelMax);

  return (
    <div className="workbench-main">
      <ActivityBar />
      {layout.sideBarVisible && (
        <>
          <div className="side-bar-container" style={{ width: sideWidth }}>
            <SideBar />
          </div>
          <Sash
            orientation="vertical"
            size={sideWidth}
            direction={1}
            min={SIDEBAR_MIN}
            max={sideMax}
            onResize={(w) => patchLayout({ sideBarWidth: w })}
            onReset={() => patchLayout({ sideBarWidth: 260 })}
          />
        </>
      )}
      <div className="editor-column">
        <EditorArea />
        {layout.panelVisible && (
          <>
            <Sash
              orientation="horizontal"
              size={panelHeight}
              direction={-1}
              min={PANEL_MIN}
              max={panelMax}
              onResize={(h) => patchLayout({ panelHeight: h })}
              onReset={() => patchLayout({ panelHeight: 220 })}
            />
            <div className="panel-container" style={{ height: panelHeight }}>
              <BottomPanel />
            </div>
          </>
        )}
      </div>
    </div>
  );
}
