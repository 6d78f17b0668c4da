import type { Contract, NativeHostService } from '../../shared/contract';
import { validateWorkspace } from '../../shared/model/validate-file';
import { RecentWorkspaces } from './settings/recent-workspaces';
import type { KeyValueStore } from './settings/key-value-store';
import { SettingsServiceNode } from './settings/settings-service';
import { WorkspaceServiceNode } from './workspace/workspace-service';
import { createWorkerValidator } from './workspace/worker-validator';

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
}

/** The one composition root: builds every service for a shell (Electron, web, CLI). */
export function createServices(config: ServicesConfig): Services & { dispose(): Promise<void> } {
  const settings = new SettingsServiceNode(config.store);
  const workerValidator = config.validationWorkerPath ? createWorkerValidator(config.validationWorkerPath) : undefined;
  const workspace = new WorkspaceServiceNode({
    recent: new RecentWorkspaces(config.store),
    validate: workerValidator ?? validateWorkspace,
    userDataDir: config.userDataDir,
    sampleWorkspaceDir: config.sampleWorkspaceDir,
    // afterCreate: the git service will `git init` and commit the template here.
  });
  return {
    workspace,
    settings,
    nativeHost: config.nativeHost,
    async dispose(): Promise<void> {
      await workspace.dispose();
      await workerValidator?.dispose();
      settings.dispose();
    },
  };
}
