// A web shell in a process of its own, for tests that attack it from outside: prints its URL,
// serves until killed. Test use only. Usage: node <bundle> <userDataDir> <rendererDir>
import path from 'node:path';
import { startWebShell } from '../../src/main/server';
import { createServices } from '../../src/main/services';
import { BrowserNativeHost } from '../../src/main/services/native-host/browser-native-host';
import { JsonFileStore } from '../../src/main/services/settings/json-file-store';
import { exposeServices } from '../../src/main/transport/expose-services';

const [userDataDir, rendererDir] = process.argv.slice(2);
const services = createServices({
  userDataDir,
  sampleWorkspaceDir: path.join(userDataDir, 'no-sample'),
  store: new JsonFileStore(path.join(userDataDir, 'settings.json')),
  nativeHost: new BrowserNativeHost('test'),
  appVersion: 'test',
});
void startWebShell({ exposed: exposeServices(services), rendererDir }).then((shell) =>
  process.stdout.write(`URL ${shell.url}\n`),
);
