import type { HostCapabilities } from '../../../shared/contract';
import { notifyError } from '../../app/notifications';
import { createStore } from '../../app/store';
import { client } from '../../platform/services';
import { openWorkspace } from '../workspace';

export type WelcomeDialog =
  | { kind: 'open-folder' }
  /** Browsing for the parent of a new workspace; `name` is kept so the dialog reopens with it. */
  | { kind: 'new-workspace'; name: string; parentDir: string }
  | null;

export const welcomeDialogStore = createStore<WelcomeDialog>(null);

let capabilities: Promise<HostCapabilities> | null = null;

/** What the host can do (native dialogs, home folder); asked once. */
export function hostCapabilities(): Promise<HostCapabilities> {
  capabilities ??= client.nativeHost.capabilities().catch((error: unknown) => {
    capabilities = null;
    throw error;
  });
  return capabilities;
}

/** Open Folder…: the native picker on desktop, the in-app folder browser elsewhere. */
export async function openFolder(): Promise<void> {
  try {
    const caps = await hostCapabilities();
    if (!caps.nativeDialogs) {
      welcomeDialogStore.set({ kind: 'open-folder' });
      return;
    }
    const root = await client.nativeHost.pickFolder({ title: 'Open Folder' });
    if (root) await openWorkspace(root);
  } catch (error) {
    notifyError(error, 'Could not open a folder');
  }
}

export async function newWorkspace(): Promise<void> {
  try {
    const caps = await hostCapabilities();
    welcomeDialogStore.set({ kind: 'new-workspace', name: '', parentDir: caps.homeDir });
  } catch (error) {
    notifyError(error, 'Could not start a new workspace');
  }
}

export function closeWelcomeDialog(): void {
  welcomeDialogStore.set(null);
}
