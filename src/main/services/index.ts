import path from 'node:path';
import type { Contract, NativeHostService } from '../../shared/contract';
import type { RunnerProcess } from '../../shared/runner-protocol';
import { validateWorkspace } from '../../shared/model/validate-file';
import {
  WorkspaceGitService,
  initWorkspaceRepository,
  type WorkspaceGitOptions,
} from './git/workspace-git-service';
import { FileSecretStore, secretKeyPath } from './secrets/file-secret-store';
import type { SecretStore } from './secrets/secret-store';
import { ResourcesServiceNode } from './resources/resources-service';
import { RunnerServiceAdapter } from './runner/runner-service-adapter';
import { RecentWorkspaces } from './settings/recent-workspaces';
import type { KeyValueStore } from './settings/key-value-store';
import { SearchServiceNode } from './search/search-service';
import { SettingsServiceNode } from './settings/settings-service';
import { SyncServiceNode } from './sync/sync-service';
import { WorkspaceServiceNode } from './workspace/workspace-service';
import { createWorkerValidator } from './workspace/worker-validator';
import { prepareSampleRepository } from './workspace/sample-repository';

/** Every service the shells expose: exactly the contract. */
export type Services = Contract;

export interface ServicesConfig {
  /** Per-user data folder (the sample workspace copy lives here). */
  userDataDir: string;
  /** The bundled sample workspace. */
  sampleWorkspaceDir: string;
  /** Persistent settings storage: electron-store on desktop, `JsonFileStore` elsewhere. */
  store: KeyValueStore;
  /** Electron or browser implementation, chosen by the shell. */
  nativeHost: NativeHostService;
  appVersion: string;
  /** The bundled validation worker (`out/main/validation-worker.js`); validation runs in-process without it. */
  validationWorkerPath?: string;
  /** The bundled search worker (`out/main/search-worker.js`); searches run in-process without it. */
  searchWorkerPath?: string;
  /** Publish secrets: `SafeStorageSecretStore` on desktop; a 0600 file in userData otherwise. */
  secrets?: SecretStore;
  /** The bundled runner child entry; default `runner.js` next to the bundled entry (`out/main/`). */
  runnerModulePath?: string;
  /** How the runner process starts; default Node's fork. The desktop app passes Electron's utilityProcess. */
  runnerLaunch?: (modulePath: string, execArgv: string[]) => RunnerProcess;
  /** `resources/runner` (task shims, Python modules); default: found next to the build. The packaged app passes its copy. */
  runnerResourcesDir?: string;
}

/** The one composition root: builds every service for a shell (Electron, web, CLI). */
export function createServices(config: ServicesConfig): Services & { dispose(): Promise<void> } {
  const settings = new SettingsServiceNode(config.store);
  const gitOptions: WorkspaceGitOptions = {
    preferNative: true,
    author: async () => {
      const s = await settings.get();
      return { name: s.gitAuthorName, email: s.gitAuthorEmail };
    },
  };
  const git = new WorkspaceGitService(gitOptions);
  const workerValidator = config.validationWorkerPath
    ? createWorkerValidator(config.validationWorkerPath)
    : undefined;
  const workspace = new WorkspaceServiceNode({
    recent: new RecentWorkspaces(config.store),
    validate: workerValidator ?? validateWorkspace,
    userDataDir: config.userDataDir,
    sampleWorkspaceDir: config.sampleWorkspaceDir,
    // A new workspace is a git repository from the start (the template is its first commit when an author is set).
    afterCreate: (root) => initWorkspaceRepository(root, gitOptions).then(() => undefined),
    // The sample arrives committed, with V1.0.0 of every resource cut: History, diffs and pinned versions work at once.
    afterSampleCopy: (root) => prepareSampleRepository(root, gitOptions).catch(() => undefined),
  });
  workspace.onDidChangeWorkspace((info) => void git.setRoot(info?.root ?? null));
  workspace.onDidChangeFiles(() => void git.refresh());
  const secrets =
    config.secrets ??
    new FileSecretStore(
      path.join(config.userDataDir, 'secrets.json'),
      secretKeyPath(config.userDataDir, true),
    );
  const runner = new RunnerServiceAdapter({
    runnerModulePath: config.runnerModulePath ?? path.join(__dirname, 'runner.js'),
    launch: config.runnerLaunch,
    runner: config.runnerResourcesDir ? { resourcesDir: config.runnerResourcesDir } : undefined,
    secrets,
    pythonPath: async () => (await settings.get()).pythonPath,
  });
  workspace.onDidChangeWorkspace((info) => void runner.setRoot(info?.root ?? null));
  const sync = new SyncServiceNode({
    workspace,
    secrets,
  });
  const resources = new ResourcesServiceNode({ workspace, git });
  const search = new SearchServiceNode({ workspace, workerPath: config.searchWorkerPath });
  return {
    workspace,
    settings,
    nativeHost: config.nativeHost,
    git,
    sync,
    runner,
    resources,
    search,
    async dispose(): Promise<void> {
      search.dispose();
      await runner.dispose();
      await workspace.dispose();
      await git.dispose();
      await workerValidator?.dispose();
      settings.dispose();
      sync.dispose();
    },
  };
}
