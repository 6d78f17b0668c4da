import os from 'node:os';
import path from 'node:path';

/**
 * Locations of the build and bundled resources relative to the bundled entry (`out/main/*.js`).
 * A packaged Electron app passes `resourcesPath` (process.resourcesPath), where
 * electron-builder's extraResources put the sample workspace.
 */
export function appPaths(
  entryDir: string,
  resourcesPath?: string,
): { rendererDir: string; sampleWorkspaceDir: string } {
  return {
    rendererDir: path.join(entryDir, '..', 'renderer'),
    sampleWorkspaceDir: resourcesPath
      ? path.join(resourcesPath, 'sample-workspace')
      : path.join(entryDir, '..', '..', 'resources', 'sample-workspace'),
  };
}

/** Per-user data folder of the web shell and CLI (Electron uses app.getPath('userData')). */
export function defaultUserDataDir(): string {
  if (process.env.BDP_USER_DATA) return path.resolve(process.env.BDP_USER_DATA);
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'BDP Studio');
  if (process.platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', 'BDP Studio');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'bdp-studio');
}
