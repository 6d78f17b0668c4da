import path from 'node:path';
import { BrowserWindow, Menu, app } from 'electron';
import { appPaths } from '../app-paths';
import { createServices } from '../services';
import { exposeServices } from '../transport/expose-services';
import { APP_VERSION } from '../version';
import { ElectronKeyValueStore } from './electron-store-adapter';
import { bindIpc } from './ipc-adapter';
import { buildMenu } from './menu';
import { ElectronNativeHost } from './native-host';
import { SafeStorageSecretStore } from './safe-storage-secret-store';
import { utilityRunner } from './utility-runner';
import { createMainWindow, hardenSession } from './window';

// The Electron entry: one window, the same services the web shell serves, bound to IPC.
if (process.env.BDP_USER_DATA) app.setPath('userData', path.resolve(process.env.BDP_USER_DATA));
if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | undefined;

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession();
  const { rendererDir, sampleWorkspaceDir } = appPaths(
    __dirname,
    app.isPackaged ? process.resourcesPath : undefined,
  );
  const store = new ElectronKeyValueStore();
  let workspaceRoot: string | undefined;
  const nativeHost = new ElectronNativeHost(
    () => mainWindow,
    APP_VERSION,
    () => workspaceRoot,
  );
  const services = createServices({
    userDataDir: app.getPath('userData'),
    sampleWorkspaceDir,
    store,
    nativeHost,
    appVersion: APP_VERSION,
    validationWorkerPath: path.join(__dirname, 'validation-worker.js'),
    searchWorkerPath: path.join(__dirname, 'search-worker.js'),
    secrets: new SafeStorageSecretStore(path.join(app.getPath('userData'), 'secrets')),
    runnerLaunch: utilityRunner,
    // Packaged: task shims and Python modules ship outside the asar (child processes cannot read inside it).
    runnerResourcesDir: app.isPackaged ? path.join(process.resourcesPath, 'runner') : undefined,
  });
  services.workspace.onDidChangeWorkspace((ws) => (workspaceRoot = ws?.root));
  // `npm start` passes --sample so a newcomer lands in a working project at once.
  if (process.argv.includes('--sample') && !(await services.workspace.current())) {
    await services.workspace
      .openSample()
      .catch((error: unknown) => console.error('could not open the sample:', error));
  }

  const unbind = bindIpc(exposeServices(services), () => mainWindow?.webContents);
  Menu.setApplicationMenu(buildMenu((command) => nativeHost.requestCommand(command)));

  const open = (): void => {
    mainWindow = createMainWindow({
      store,
      rendererDir,
      preloadPath: path.join(__dirname, '..', 'preload', 'preload.js'),
    });
    mainWindow.on('closed', () => (mainWindow = undefined));
  };
  open();

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    unbind();
    void services.dispose();
  });
}

// Deny every webContents the app did not create itself (webviews, popups).
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

start().catch((error: unknown) => {
  console.error('BDP Studio failed to start:', error);
  app.exit(1);
});
