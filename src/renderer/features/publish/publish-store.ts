import type {
  ApplyProgressEvent,
  ApplyResultInfo,
  ConnectionInfo,
  EnvironmentInfo,
  EnvironmentInput,
  PlanInfo,
} from '../../../shared/contract';
import { notify, notifyError } from '../../app/notifications';
import { createStore } from '../../app/store';
import { client, connection } from '../../platform/services';
import { openFile, saveAllDocuments } from '../editor';
import { onFilesChanged } from '../workspace';
import { PUBLISH_TAB } from './virtual-tabs';

export interface StepProgress {
  phase: ApplyProgressEvent['phase'];
  message?: string;
}

export interface PublishState {
  environments: EnvironmentInfo[];
  loaded: boolean;
  selected: string | null;
  /** Test Connection answers, by environment. */
  connections: Record<string, ConnectionInfo>;
  /** Why the last Test Connection failed, by environment (cleared by a success). */
  connectionErrors: Record<string, { message: string; code?: string }>;
  testing: boolean;
  planning: boolean;
  plan: PlanInfo | null;
  selectedStep: number | null;
  /** Overwrite remote-changed items: required before a plan with conflicts can be applied. */
  force: boolean;
  applying: boolean;
  progress: Record<number, StepProgress>;
  result: ApplyResultInfo | null;
  exporting: boolean;
  /** The last export of the plan's prerequisites: the folder (workspace-relative) and the files in it. */
  exported: { dir: string; files: string[] } | null;
  /** Side-by-side or inline diff. */
  diffSideBySide: boolean;
}

export const publishStore = createStore<PublishState>({
  environments: [],
  loaded: false,
  selected: null,
  connections: {},
  connectionErrors: {},
  testing: false,
  planning: false,
  plan: null,
  selectedStep: null,
  force: false,
  applying: false,
  progress: {},
  result: null,
  exporting: false,
  exported: null,
  diffSideBySide: true,
});

const patch = (p: Partial<PublishState>): void => publishStore.set((s) => ({ ...s, ...p }));

export async function loadEnvironments(): Promise<void> {
  try {
    const environments = await client.sync.listEnvironments();
    publishStore.set((s) => ({
      ...s,
      environments,
      loaded: true,
      selected: environments.some((e) => e.name === s.selected)
        ? s.selected
        : (environments[0]?.name ?? null),
    }));
  } catch (error) {
    patch({ loaded: true, environments: [] });
    if ((error as { code?: string }).code !== 'NO_WORKSPACE')
      notifyError(error, 'Could not read the environments');
  }
}

export function selectEnvironment(name: string): void {
  patch({ selected: name });
}

export async function saveEnvironment(
  environment: EnvironmentInput,
  secret: string | undefined,
  previousName?: string,
): Promise<boolean> {
  try {
    await client.sync.saveEnvironment({ environment, secret: secret || undefined, previousName });
    await loadEnvironments();
    patch({ selected: environment.name });
    return true;
  } catch (error) {
    notifyError(error, 'Could not save the environment');
    return false;
  }
}

export async function deleteEnvironment(name: string): Promise<void> {
  try {
    await client.sync.deleteEnvironment({ name });
    await loadEnvironments();
  } catch (error) {
    notifyError(error, 'Could not delete the environment');
  }
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = record;
  return rest;
}

export async function testConnection(name: string): Promise<void> {
  patch({ testing: true });
  try {
    const info = await client.sync.testConnection({ name });
    publishStore.set((s) => ({
      ...s,
      connections: { ...s.connections, [name]: info },
      connectionErrors: omit(s.connectionErrors, name),
    }));
  } catch (error) {
    // Shown in the panel, where a success shows too (not a toast that leaves).
    const e = error as { message?: unknown; code?: unknown };
    const failure = {
      message: typeof e?.message === 'string' ? e.message : String(error),
      code: typeof e?.code === 'string' ? e.code : undefined,
    };
    publishStore.set((s) => ({
      ...s,
      connections: omit(s.connections, name),
      connectionErrors: { ...s.connectionErrors, [name]: failure },
    }));
  } finally {
    patch({ testing: false });
  }
}

export async function makePlan(name: string): Promise<void> {
  // The plan compares the files on disk with the backend: unsaved edits would not be in it.
  if (!(await saveAllDocuments())) return;
  patch({ planning: true });
  openFile(PUBLISH_TAB, { preview: false });
  try {
    const plan = await client.sync.plan({ name });
    const first = plan.steps.find((s) => s.action !== 'unchanged') ?? plan.steps[0];
    patch({
      plan,
      selectedStep: first?.index ?? null,
      progress: {},
      result: null,
      exported: null,
      force: false,
      applying: false,
    });
  } catch (error) {
    notifyError(error, `Could not plan the publish to ${name}`);
  } finally {
    patch({ planning: false });
  }
}

export function selectStep(index: number): void {
  patch({ selectedStep: index });
}

export function setForce(force: boolean): void {
  patch({ force });
}

export function setDiffSideBySide(diffSideBySide: boolean): void {
  patch({ diffSideBySide });
}

export async function applyPlan(): Promise<void> {
  const { plan, force } = publishStore.get();
  if (!plan) return;
  patch({ applying: true, progress: {}, result: null });
  try {
    const result = await client.sync.apply({ planId: plan.planId, force });
    patch({ result });
    if (result.ok)
      notify('info', `Published to ${plan.environment}: ${result.applied.length} change(s) applied`);
  } catch (error) {
    notifyError(error, `Publish to ${plan.environment} failed`);
  } finally {
    patch({ applying: false });
  }
}

const slash = (p: string): string => p.replace(/\\/g, '/');

/** Writes the plan's prerequisite resource versions under `.bdp/publish-export/<environment>/` of the workspace. */
export async function exportPrerequisites(): Promise<void> {
  const { plan } = publishStore.get();
  if (!plan) return;
  patch({ exporting: true });
  try {
    const workspace = await client.workspace.current();
    if (!workspace) throw new Error('no workspace is open');
    const dir = `.bdp/publish-export/${plan.environment.replace(/[^\w .-]/g, '_').replace(/^\.+/, '_')}`;
    const root = slash(workspace.root).replace(/\/$/, '');
    const written = await client.sync.exportPrerequisites({ planId: plan.planId, dir });
    const prefix = `${root}/${dir}/`;
    const files = written.map(slash).map((f) => (f.startsWith(prefix) ? f.slice(prefix.length) : f));
    patch({ exported: { dir, files } });
  } catch (error) {
    notifyError(error, 'Could not export the prerequisites');
  } finally {
    patch({ exporting: false });
  }
}

// One subscription for the feature: apply progress of the plan on screen.
client.sync.onDidProgress((e) => {
  if (publishStore.get().plan?.planId !== e.planId) return;
  publishStore.set((s) => ({
    ...s,
    progress: { ...s.progress, [e.index]: { phase: e.phase, message: e.message } },
  }));
});
connection.onDidReconnect(() => void loadEnvironments());
onFilesChanged((changes) => {
  if (changes.some((c) => c.path === 'bdp.yaml')) void loadEnvironments();
});
