import type { BrokenResource, ResourceInfo } from '../../../shared/contract/resources';
import { notifyError } from '../../app/notifications';
import { createStore } from '../../app/store';
import { client } from '../../platform/services';
import { openFile } from '../editor';
import { registerTabLabel } from '../../ui/tab-labels';
import { scmStore } from '../scm';
import { onFilesChanged, workspaceStore } from '../workspace';

export interface ResourcesState {
  loaded: boolean;
  resources: ResourceInfo[];
  broken: BrokenResource[];
}

export const resourcesStore = createStore<ResourcesState>({ loaded: false, resources: [], broken: [] });

/** The open resource dialog, if any. */
export type ResourceDialog =
  | { kind: 'register'; source?: string }
  | { kind: 'new-version'; name: string }
  | { kind: 'delete-version'; name: string; version: string }
  | { kind: 'delete-resource'; name: string };

export const resourceDialogStore = createStore<ResourceDialog | null>(null);

export function showResourceDialog(dialog: ResourceDialog | null): void {
  resourceDialogStore.set(dialog);
}

let generation = 0;

export async function refreshResources(): Promise<void> {
  if (!workspaceStore.get().workspace) return;
  const mine = ++generation;
  try {
    const { resources, broken } = await client.resources.list();
    if (mine === generation) resourcesStore.set({ loaded: true, resources, broken });
  } catch (error) {
    if (mine === generation) resourcesStore.set((s) => ({ ...s, loaded: true }));
    notifyError(error, 'Could not read the resources');
  }
}

let initialised = false;

/**
 * Keeps the list current: resource files and workflows (references) changing on disk, and git
 * status changes (a commit turns a modified source into a committed one).
 */
export function initResources(): void {
  if (initialised) return;
  initialised = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refreshResources(), 150);
  };
  onFilesChanged((changes) => {
    if (
      changes.some(
        (c) =>
          c.path.endsWith('.resource.yaml') ||
          c.path.endsWith('.workflow.yaml') ||
          c.path.startsWith('resources'),
      )
    )
      soon();
  });
  let status = scmStore.get().status;
  scmStore.subscribe(() => {
    const next = scmStore.get().status;
    if (next === status) return;
    status = next;
    soon();
  });
  let root = workspaceStore.get().workspace?.root;
  workspaceStore.subscribe(() => {
    const next = workspaceStore.get().workspace?.root;
    if (next === root) return;
    root = next;
    resourcesStore.set({ loaded: false, resources: [], broken: [] });
    if (next) soon();
  });
  void refreshResources();
}

const RESOURCE_TAB = 'bdp:/resource/';
const VERSION_TAB = 'bdp:/resource-version/';

export const resourceTabPath = (name: string): string => `${RESOURCE_TAB}${name}`;
export const versionTabPath = (name: string, version: string): string => `${VERSION_TAB}${name}/${version}`;

export type ResourceTab =
  { kind: 'resource'; name: string } | { kind: 'version'; name: string; version: string };

export function parseResourceTab(tab: string | null | undefined): ResourceTab | null {
  if (tab?.startsWith(RESOURCE_TAB)) return { kind: 'resource', name: tab.slice(RESOURCE_TAB.length) };
  if (tab?.startsWith(VERSION_TAB)) {
    const [name, version] = tab.slice(VERSION_TAB.length).split('/');
    if (name && version) return { kind: 'version', name, version };
  }
  return null;
}

registerTabLabel((tab) => {
  const parsed = parseResourceTab(tab);
  if (!parsed) return null;
  return parsed.kind === 'resource' ? `Resource: ${parsed.name}` : `${parsed.name} ${parsed.version}`;
});

export function openResource(name: string): void {
  openFile(resourceTabPath(name), { preview: false });
}

export function openVersionContent(name: string, version: string): void {
  openFile(versionTabPath(name, version), { preview: true });
}

/** Saves a version's bytes through the browser's download (works in both shells). */
export async function downloadVersion(name: string, version: string): Promise<void> {
  try {
    const content = await client.resources.readVersion({ name, version });
    const bytes = Uint8Array.from(atob(content.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = content.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    notifyError(error, `Could not download ${name} ${version}`);
  }
}
