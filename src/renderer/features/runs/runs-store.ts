import { createStore } from '../../app/store';
import { attempt, notify } from '../../app/notifications';
import { client } from '../../platform/services';
import type {
  RunInstance,
  RunInstanceChange,
  RunInstanceSummary,
  RunListArgs,
  RunTask,
} from '../../../shared/contract/runner';
import type { RunState } from '../../../shared/model/run';
import { openFile, saveAllDocuments } from '../editor';
import { runTabPath } from './run-tab';

export type TimeRange = '24h' | '7d' | '30d' | 'all';

export interface RunsFilter {
  workflow: string;
  status: RunState | '';
  /** Business dates, inclusive; '' = open. */
  from: string;
  to: string;
  range: TimeRange;
}

export interface RunsState {
  instances: RunInstanceSummary[];
  loaded: boolean;
  filter: RunsFilter;
  /** Instances open in tabs, with their tasks, kept live by change events. */
  details: Record<string, RunInstance>;
}

export const runsStore = createStore<RunsState>({
  instances: [],
  loaded: false,
  filter: { workflow: '', status: '', from: '', to: '', range: 'all' },
  details: {},
});

const RANGE_MS: Record<TimeRange, number> = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  all: 0,
};

/** The contract arguments of a filter (time range relative to now). */
export function listArgs(f: RunsFilter, now = Date.now()): RunListArgs {
  return {
    ...(f.workflow ? { workflow: f.workflow } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.range !== 'all' ? { createdAfter: new Date(now - RANGE_MS[f.range]).toISOString() } : {}),
  };
}

/** Whether a summary passes the filter (for instances arriving through events). */
export function matchesFilter(i: RunInstanceSummary, f: RunsFilter, now = Date.now()): boolean {
  const a = listArgs(f, now);
  return (
    (!a.workflow || i.workflow === a.workflow) &&
    (!a.status || i.status === a.status) &&
    (!a.from || i.calDt >= a.from) &&
    (!a.to || i.calDt <= a.to) &&
    (!a.createdAfter || i.createdAt >= a.createdAfter)
  );
}

let generation = 0;

export async function refreshRuns(): Promise<void> {
  const gen = ++generation;
  try {
    const instances = await client.runner.list(listArgs(runsStore.get().filter));
    if (gen === generation) runsStore.set((s) => ({ ...s, instances, loaded: true }));
  } catch (error) {
    if (gen !== generation) return;
    runsStore.set((s) => ({ ...s, instances: [], loaded: true }));
    if ((error as { code?: string }).code !== 'NO_WORKSPACE')
      notify('error', `Could not list instances: ${(error as Error).message}`);
  }
}

export function setRunsFilter(patch: Partial<RunsFilter>): void {
  runsStore.set((s) => ({ ...s, filter: { ...s.filter, ...patch } }));
  void refreshRuns();
}

function mergeTasks(tasks: RunTask[], changed: RunTask[]): RunTask[] {
  if (changed.length === 0) return tasks;
  const byName = new Map(changed.map((t) => [t.name, t]));
  const merged = tasks.map((t) => byName.get(t.name) ?? t);
  for (const t of changed) if (!tasks.some((x) => x.name === t.name)) merged.push(t);
  return merged;
}

/** Pure: the state after one change event. */
export function applyChange(s: RunsState, c: RunInstanceChange, now = Date.now()): RunsState {
  const id = c.instance.instanceId;
  const idx = s.instances.findIndex((i) => i.instanceId === id);
  let instances = s.instances;
  if (idx >= 0) instances = instances.map((i, k) => (k === idx ? c.instance : i));
  else if (matchesFilter(c.instance, s.filter, now)) instances = [c.instance, ...instances];
  const d = s.details[id];
  const details = d
    ? { ...s.details, [id]: { ...d, ...c.instance, tasks: mergeTasks(d.tasks, c.tasks) } }
    : s.details;
  return { ...s, instances, details };
}

let subscribers = 0;
let unsubscribe: (() => void) | null = null;

/** The one runner event subscription of the feature; reference-counted by {@link useRunsEvents}. */
export function subscribeRunEvents(): () => void {
  if (subscribers++ === 0)
    unsubscribe = client.runner.onDidChangeInstance((c) => runsStore.set((s) => applyChange(s, c)));
  return () => {
    if (--subscribers === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}

/** Loads an instance with its tasks (after a change of tasks outside the event stream, e.g. on open). */
export async function loadInstance(instanceId: string): Promise<void> {
  const inst = await attempt(() => client.runner.get({ instanceId }), `Could not load ${instanceId}`);
  if (inst) runsStore.set((s) => ({ ...s, details: { ...s.details, [instanceId]: inst } }));
}

/** Opens an instance in the preview tab (browsing the list replaces it), or in a tab of its own when `pinned`. */
export function openInstance(instanceId: string, pinned = false): void {
  openFile(runTabPath(instanceId), { preview: !pinned });
}

function adopt(inst: RunInstance): void {
  runsStore.set((s) =>
    applyChange(
      { ...s, details: s.details[inst.instanceId] ? { ...s.details, [inst.instanceId]: inst } : s.details },
      { instance: (({ tasks: _t, ...rest }) => rest)(inst), tasks: inst.tasks },
    ),
  );
}

export async function stopInstance(instanceId: string): Promise<void> {
  const inst = await attempt(() => client.runner.stop({ instanceId }), 'Could not stop');
  if (inst) adopt(inst);
}

export async function rerunInstance(instanceId: string, node?: string, downstream?: boolean): Promise<void> {
  const inst = await attempt(() => client.runner.rerun({ instanceId, node, downstream }), 'Could not rerun');
  if (inst) adopt(inst);
}

export async function startRun(
  args: Parameters<typeof client.runner.start>[0],
): Promise<RunInstance | undefined> {
  if (!(await saveAllDocuments())) return undefined;
  const inst = await attempt(() => client.runner.start(args), 'Could not start the pre-run');
  if (inst) {
    runsStore.set((s) => ({ ...s, details: { ...s.details, [inst.instanceId]: inst } }));
    adopt(inst);
  }
  return inst;
}

export async function startBackfill(
  args: Parameters<typeof client.runner.backfill>[0],
): Promise<RunInstanceSummary[] | undefined> {
  if (!(await saveAllDocuments())) return undefined;
  const created = await attempt(() => client.runner.backfill(args), 'Could not start the backfill');
  if (created) {
    notify('info', `Backfill of ${args.workflow}: ${created.length} instance(s) created`);
    await refreshRuns();
  }
  return created;
}
