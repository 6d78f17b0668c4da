import type { RunState } from '../../../shared/model';
import type {
  BackendOperations,
  InstanceDetail,
  InstanceFilter,
  InstanceSummary,
  TaskInstanceSummary,
} from '../backend';
import type { EnosClient } from './client';
import { parseInstanceGraph } from './graph';
import { parseEnosTime, zoneOffsetMinutes } from './time';
import { FLOW_INSTANCE_STATUS, type FlowInstance, type ParameterItem, type SchedulingType } from './types';

const ALL_STATUSES = Object.values(FLOW_INSTANCE_STATUS).join(',');
const SCHEDULING: Readonly<Record<NonNullable<InstanceFilter['scheduling']>, SchedulingType>> = {
  manual: 0,
  periodic: 1,
  temporary: 2,
};
const YEAR_MS = 366 * 86_400_000;

function stateOf(status: number, desc?: string): RunState {
  const byCode = Object.entries(FLOW_INSTANCE_STATUS).find(([, c]) => c === status)?.[0];
  return (byCode ?? desc ?? 'INTERNAL_ERROR') as RunState;
}

/** `[{key,value}]` (string or array) as a record; malformed input gives `{}`. */
function parseParameters(text: string): Record<string, string> {
  try {
    const list = JSON.parse(text || '[]') as ParameterItem[];
    return Array.isArray(list) ? Object.fromEntries(list.map((p) => [p.key, String(p.value)])) : {};
  } catch {
    return {};
  }
}

/**
 * The operations half of the EnOS backend (`BackendOperations`) on top of `EnosClient`:
 * ids are strings, times epoch ms, states the shared `RunState` names.
 */
export class EnosBackendOperations implements BackendOperations {
  private offset?: Promise<number>;

  constructor(
    private readonly client: EnosClient,
    private readonly now: () => number = Date.now,
  ) {}

  async setEnabled(workflowId: string, enabled: boolean): Promise<void> {
    await (enabled ? this.client.enableFlow(workflowId) : this.client.disableFlow(workflowId));
  }

  trigger(
    workflowId: string,
    triggerTime: number,
    parameters?: Readonly<Record<string, string>>,
  ): Promise<string> {
    if (!parameters) return this.client.triggerFlow(workflowId, triggerTime);
    const items: ParameterItem[] = Object.entries(parameters).map(([key, value]) => ({ key, value }));
    return this.client.updateAndTriggerFlow(workflowId, triggerTime, items);
  }

  triggerFromTask(workflowId: string, taskId: string, triggerTime: number): Promise<string> {
    return this.client.triggerFlowFromTask(workflowId, taskId, triggerTime);
  }

  cancel(instanceId: string): Promise<void> {
    return this.client.cancelFlowInstance(instanceId);
  }

  /**
   * The API needs a scheduling type per query: without `scheduling` the three types are queried
   * and merged newest first. `workflowId` narrows by instance-id prefix (`{flowId}-`) since the
   * API has no flow filter.
   */
  async listInstances(filter: InstanceFilter): Promise<{ items: InstanceSummary[]; total: number }> {
    const page = Math.max(1, filter.page ?? 1);
    const pageSize = filter.pageSize ?? 20;
    const types = filter.scheduling ? [SCHEDULING[filter.scheduling]] : [0, 1, 2];
    const single = types.length === 1;
    const status = filter.states?.length
      ? filter.states.map((s) => FLOW_INSTANCE_STATUS[s]).join(',')
      : ALL_STATUSES;
    const expression = filter.text ?? (filter.workflowId ? `${filter.workflowId}-` : '');
    const results = await Promise.all(
      types.map((type) =>
        this.client.listFlowInstances({
          type: type as SchedulingType,
          expression,
          owner: '',
          fromTriggerTime: filter.fromTriggerTime ?? 0,
          toTriggerTime: filter.toTriggerTime ?? this.now() + YEAR_MS,
          status,
          // Merging several types needs the first page*pageSize of each.
          pagination: single
            ? { pageNo: page, pageSize, sorters: [{ field: 'trigger_time', order: 'DESC' }] }
            : { pageNo: 1, pageSize: page * pageSize, sorters: [{ field: 'trigger_time', order: 'DESC' }] },
        }),
      ),
    );
    const offset = await this.zoneOffset();
    let items = results.flatMap((r) => r.flowInsts).map((i) => this.summary(i, offset));
    if (filter.workflowId) items = items.filter((i) => i.workflowId === String(filter.workflowId));
    if (!single)
      items = items
        .sort((a, b) => b.triggerTime - a.triggerTime)
        .slice((page - 1) * pageSize, page * pageSize);
    return { items, total: results.reduce((n, r) => n + r.count, 0) };
  }

  async getInstance(instanceId: string): Promise<InstanceDetail> {
    const inst = await this.client.getFlowInstance(instanceId);
    const offset = await this.zoneOffset();
    const graph = parseInstanceGraph(inst.graph);
    const parameters = parseParameters(inst.parameters);
    const tasks: TaskInstanceSummary[] = graph.tasks.map((t) => ({
      id: t.taskInstId ?? '',
      taskId: String(t.taskId),
      taskName: t.taskName,
      state: (t.status ?? 'INIT') as RunState,
    }));
    return { ...this.summary(inst, offset), tasks, parameters };
  }

  getTaskLog(taskInstanceId: string, maxLength?: number): Promise<string> {
    return this.client.getTaskInstanceLog(taskInstanceId, maxLength);
  }

  private summary(i: FlowInstance, offset: number): InstanceSummary {
    return {
      id: i.instanceId,
      workflowId: String(i.flowId),
      workflowName: i.flowName,
      state: stateOf(Number(i.status), i.statusDesc),
      triggerTime: parseEnosTime(i.triggerTime, offset) ?? 0,
      startTime: parseEnosTime(i.startTime, offset),
      endTime: parseEnosTime(i.endTime, offset),
    };
  }

  /** Service times carry no zone; read it once from Get Time Zone. */
  private zoneOffset(): Promise<number> {
    this.offset ??= this.client.getTimeZone().then(zoneOffsetMinutes, () => {
      this.offset = undefined;
      return 0;
    });
    return this.offset;
  }
}
