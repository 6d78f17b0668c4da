import path from 'node:path';
import { BrowserWindow, screen, session, shell } from 'electron';
import type { KeyValueStore } from '../services/settings/key-value-store';

interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const STATE_KEY = 'windowState';

/** Applies the Electron security checklist to the default session once. */
export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Restores the last bounds when they are still on a connected display. */
function restoreState(store: KeyValueStore): WindowState {
  const saved = store.get<WindowState>(STATE_KEY);
  const fallback: WindowState = { width: 1440, height: 900, maximized: false };
  if (!saved) return fallback;
  const visible = screen.getAllDisplays().some((d) => {
    const b = d.workArea;
    return (
      saved.x !== undefined &&
      saved.y !== undefined &&
      saved.x >= b.x - 50 &&
      saved.y >= b.y - 50 &&
      saved.x < b.x + b.width &&
      saved.y < b.y + b.height
    );
  });
  return visible ? saved : { ...fallback, maximized: saved.maximized };
}

export function createMainWindow(opts: {
  store: KeyValueStore;
  rendererDir: string;
  preloadPath: string;
}): BrowserWindow {
  const state = restoreState(opts.store);
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'BDP Studio',
    backgroundColor: '#1f1f1f',
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  // Navigation never leaves the app; http(s) links open in the user's browser.
  const appUrl = 'file://' + path.join(opts.rendererDir, 'index.html');
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== appUrl) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  const save = (): void => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    opts.store.set(STATE_KEY, { ...b, maximized: win.isMaximized() } satisfies WindowState);
  };
  win.on('close', save);

  void win.loadFile(path.join(opts.rendererDir, 'index.html'));
  return win;
}
