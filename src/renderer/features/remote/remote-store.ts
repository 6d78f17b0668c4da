import type { RemoteInstanceDetail, RemoteInstanceInfo, RemoteWorkflowInfo } from '../../../shared/contract';
import type { RunState } from '../../../shared/model/run';
import { notify, notifyError } from '../../app/notifications';
import { createStore } from '../../app/store';
import { client } from '../../platform/services';

export interface RemoteState {
  environment: string | null;
  workflows: RemoteWorkflowInfo[];
  /** Why the workflows could not be listed (bad credentials, unreachable); null once they were. */
  workflowsError: string | null;
  instances: RemoteInstanceInfo[];
  total: number;
  filterWorkflow: string;
  filterState: RunState | '';
  selectedInstance: string | null;
  detail: RemoteInstanceDetail | null;
  /** Task instance whose log is shown. */
  logTask: { id: string; name: string } | null;
  log: string | null;
  loading: boolean;
}

export const remoteStore = createStore<RemoteState>({
  environment: null,
  workflows: [],
  workflowsError: null,
  instances: [],
  total: 0,
  filterWorkflow: '',
  filterState: '',
  selectedInstance: null,
  detail: null,
  logTask: null,
  log: null,
  loading: false,
});

const patch = (p: Partial<RemoteState>): void => remoteStore.set((s) => ({ ...s, ...p }));

export function setRemoteEnvironment(environment: string | null): void {
  if (remoteStore.get().environment === environment) return;
  patch({
    environment,
    workflows: [],
    workflowsError: null,
    instances: [],
    total: 0,
    selectedInstance: null,
    detail: null,
    logTask: null,
    log: null,
  });
}

export async function refreshWorkflows(): Promise<void> {
  const { environment } = remoteStore.get();
  if (!environment) return;
  try {
    patch({ workflows: await client.sync.listRemoteWorkflows({ name: environment }), workflowsError: null });
  } catch (error) {
    // Said where the list would be: an empty list would read as "nothing published yet".
    const e = error as { message?: unknown; code?: unknown };
    const why = typeof e?.message === 'string' ? e.message : String(error);
    patch({
      workflows: [],
      workflowsError:
        e?.code === 'UNAUTHORIZED'
          ? `The target refused the credentials (${why}). Edit the environment in Publish to enter the secret again.`
          : why,
    });
  }
}

/** Instances, the open instance and its log; quiet on failure when `background` (polling). */
export async function refreshInstances(background = false): Promise<void> {
  const s = remoteStore.get();
  if (!s.environment) return;
  if (!background) patch({ loading: true });
  try {
    const page = await client.sync.listRemoteInstances({
      name: s.environment,
      filter: {
        workflow: s.filterWorkflow || undefined,
        states: s.filterState ? [s.filterState] : undefined,
        pageSize: 50,
      },
    });
    patch({ instances: page.items, total: page.total });
    if (s.selectedInstance) await loadDetail(s.selectedInstance);
    const t = remoteStore.get().logTask;
    if (t) await loadLog(t.id);
  } catch (error) {
    if (!background) notifyError(error, 'Could not list the remote instances');
  } finally {
    if (!background) patch({ loading: false });
  }
}

export function setFilter(p: { workflow?: string; state?: RunState | '' }): void {
  patch({
    filterWorkflow: p.workflow ?? remoteStore.get().filterWorkflow,
    filterState: p.state ?? remoteStore.get().filterState,
  });
  void refreshInstances();
}

async function loadDetail(instanceId: string): Promise<void> {
  const { environment } = remoteStore.get();
  if (!environment) return;
  const detail = await client.sync.getRemoteInstance({ name: environment, instanceId });
  if (remoteStore.get().selectedInstance === instanceId) patch({ detail });
}

async function loadLog(taskInstanceId: string): Promise<void> {
  const { environment } = remoteStore.get();
  if (!environment || !taskInstanceId) return;
  const log = await client.sync.getRemoteTaskLog({ name: environment, taskInstanceId, maxLength: 200_000 });
  if (remoteStore.get().logTask?.id === taskInstanceId) patch({ log });
}

export async function selectInstance(instanceId: string): Promise<void> {
  patch({ selectedInstance: instanceId, detail: null, logTask: null, log: null });
  try {
    await loadDetail(instanceId);
  } catch (error) {
    notifyError(error, `Could not read instance ${instanceId}`);
  }
}

export async function showLog(task: { id: string; name: string }): Promise<void> {
  patch({ logTask: task, log: null });
  try {
    await loadLog(task.id);
  } catch (error) {
    patch({ log: '' });
    notifyError(error, `Could not read the log of ${task.name}`);
  }
}

async function operation(label: string, run: (name: string) => Promise<unknown>): Promise<boolean> {
  const { environment } = remoteStore.get();
  if (!environment) return false;
  try {
    await run(environment);
    return true;
  } catch (error) {
    notifyError(error, label);
    return false;
  }
}

export async function triggerWorkflow(workflow: string, triggerTime: number): Promise<void> {
  let id = '';
  const ok = await operation(
    `Could not trigger ${workflow}`,
    async (name) => (id = await client.sync.trigger({ name, workflow, triggerTime })),
  );
  if (!ok) return;
  notify('info', `Triggered ${workflow}: instance ${id}`);
  await refreshInstances();
  await selectInstance(id);
}

export async function rerunFromTask(
  workflow: string,
  task: { taskId: string; taskName: string },
  triggerTime: number,
): Promise<void> {
  let id = '';
  const ok = await operation(
    `Could not rerun from ${task.taskName}`,
    async (name) =>
      (id = await client.sync.triggerFromTask({ name, workflow, taskId: task.taskId, triggerTime })),
  );
  if (!ok) return;
  notify('info', `Rerunning ${workflow} from ${task.taskName}: instance ${id}`);
  await refreshInstances();
  await selectInstance(id);
}

export async function stopInstance(instanceId: string): Promise<void> {
  if (await operation(`Could not stop ${instanceId}`, (name) => client.sync.cancel({ name, instanceId })))
    await refreshInstances();
}

export async function setScheduling(workflow: string, enabled: boolean): Promise<void> {
  if (
    await operation(`Could not ${enabled ? 'enable' : 'disable'} ${workflow}`, (name) =>
      client.sync.setEnabled({ name, workflow, enabled }),
    )
  ) {
    notify('info', `${workflow}: scheduling ${enabled ? 'enabled' : 'disabled'}`);
    await refreshWorkflows();
  }
}

export async function rerunInstance(instanceId: string): Promise<void> {
  if (
    await operation(`Could not rerun ${instanceId}`, (name) =>
      client.sync.rerunInstance({ name, instanceId }),
    )
  ) {
    notify('info', `Rerunning instance ${instanceId}`);
    await refreshInstances();
  }
}

export async function recoverInstance(instanceId: string): Promise<void> {
  if (
    await operation(`Could not recover ${instanceId}`, (name) =>
      client.sync.recoverInstance({ name, instanceId }),
    )
  ) {
    notify('info', `Re-running the failed tasks of instance ${instanceId}`);
    await refreshInstances();
  }
}

export async function forceTaskSuccess(task: { id: string; name: string }): Promise<void> {
  if (
    await operation(`Could not force ${task.name} to success`, (name) =>
      client.sync.forceTaskSuccess({ name, taskInstanceId: task.id }),
    )
  ) {
    notify('info', `${task.name} marked as succeeded`);
    await refreshInstances();
  }
}

/** Complement data for `[from, to]` (epoch ms); selects the first instance created. */
export async function backfillWorkflow(workflow: string, from: number, to: number): Promise<void> {
  let ids: string[] = [];
  const ok = await operation(
    `Could not backfill ${workflow}`,
    async (name) => (ids = await client.sync.backfill({ name, workflow, from, to })),
  );
  if (!ok) return;
  notify('info', `Backfilling ${workflow}: ${ids.length} instance${ids.length === 1 ? '' : 's'}`);
  await refreshInstances();
  if (ids[0]) await selectInstance(ids[0]);
}
