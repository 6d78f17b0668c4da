import path from 'node:path';
import { appPaths, defaultUserDataDir } from '../app-paths';
import { startWebShell } from '../server';
import { createServices } from '../services';
import { BrowserNativeHost } from '../services/native-host/browser-native-host';
import { FileSecretStore, secretKeyPath } from '../services/secrets/file-secret-store';
import { JsonFileStore } from '../services/settings/json-file-store';
import { exposeServices } from '../transport/expose-services';
import { APP_VERSION } from '../version';

/** `bdp serve`: runs until interrupted; returns -1 so the process stays alive. */
export async function serveCommand(opts: {
  port?: string;
  'user-data'?: string;
  workspace?: string;
  sample?: boolean;
}): Promise<number> {
  const port = Number(opts.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${opts.port}`);
  const userDataDir = path.resolve(opts['user-data'] ?? defaultUserDataDir());
  const { rendererDir, sampleWorkspaceDir } = appPaths(__dirname);

  const services = createServices({
    userDataDir,
    sampleWorkspaceDir,
    store: new JsonFileStore(path.join(userDataDir, 'settings.json')),
    nativeHost: new BrowserNativeHost(APP_VERSION),
    appVersion: APP_VERSION,
    validationWorkerPath: path.join(__dirname, 'validation-worker.js'),
    searchWorkerPath: path.join(__dirname, 'search-worker.js'),
    secrets: new FileSecretStore(
      path.join(userDataDir, 'secrets.json'),
      secretKeyPath(userDataDir, opts['user-data'] !== undefined || process.env.BDP_USER_DATA !== undefined),
    ),
  });
  if (opts.workspace) await services.workspace.open({ root: path.resolve(opts.workspace) });
  else if (opts.sample) await services.workspace.openSample();

  let shell: Awaited<ReturnType<typeof startWebShell>>;
  try {
    shell = await startWebShell({ exposed: exposeServices(services), rendererDir, port });
  } catch (error) {
    await services.dispose();
    process.stderr.write(`bdp serve: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(`BDP Studio web shell: ${shell.url}\n`);

  const stop = async (): Promise<void> => {
    await shell.close();
    await services.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return -1;
}
