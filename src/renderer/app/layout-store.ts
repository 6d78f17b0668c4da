import { createStore } from './store';

export type ViewId = 'explorer' | 'search' | 'scm' | 'workflows' | 'resources' | 'runs' | 'publish';
/** Problems, plus the script run panels (features/script-run). */
export type PanelId = 'problems' | 'output' | 'results' | 'debug';

export interface LayoutState {
  activeView: ViewId;
  sideBarVisible: boolean;
  sideBarWidth: number;
  panelVisible: boolean;
  panelHeight: number;
  activePanel: PanelId;
}

const KEY = 'bdp.layout';
export const SIDEBAR_MIN = 170;
export const PANEL_MIN = 100;

const defaults: LayoutState = {
  activeView: 'explorer',
  sideBarVisible: true,
  sideBarWidth: 260,
  // The editor (the designer's canvas above all) gets the height; Problems, Output... open on demand.
  panelVisible: false,
  panelHeight: 220,
  activePanel: 'problems',
};

function load(): LayoutState {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<LayoutState>;
    return { ...defaults, ...saved };
  } catch {
    return defaults;
  }
}

export const layoutStore = createStore<LayoutState>(load());
layoutStore.subscribe(() => {
  try {
    localStorage.setItem(KEY, JSON.stringify(layoutStore.get()));
  } catch {
    // Layout is a convenience; ignore storage failures.
  }
});

export function patchLayout(patch: Partial<LayoutState>): void {
  layoutStore.set((s) => ({ ...s, ...patch }));
}

/** Clicking the active view's icon hides the side bar, like VS Code. */
export function showView(view: ViewId, toggle = false): void {
  const s = layoutStore.get();
  if (toggle && s.activeView === view && s.sideBarVisible) patchLayout({ sideBarVisible: false });
  else patchLayout({ activeView: view, sideBarVisible: true });
}

export function togglePanel(): void {
  patchLayout({ panelVisible: !layoutStore.get().panelVisible });
}

export function showPanel(panel: PanelId): void {
  patchLayout({ panelVisible: true, activePanel: panel });
}
