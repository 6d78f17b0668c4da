import type { RunState } from '../../../shared/model';
import { systemVariables } from '../../../shared/variables';
import type {
  BackendOperations,
  InstanceDetail,
  InstanceFilter,
  InstanceSummary,
  TaskInstanceSummary,
} from '../backend';
import type { DsClient } from './client';
import { NO_RERUN_LABEL, isSystemVariable } from './mapping';
import type { DsDagData, DsProcessInstance, DsProperty, DsTaskInstance } from './types';

const WORKFLOW_STATES: Readonly<Record<string, RunState>> = {
  SUBMITTED_SUCCESS: 'INIT',
  RUNNING_EXECUTION: 'RUNNING',
  READY_PAUSE: 'RUNNING',
  READY_STOP: 'RUNNING',
  PAUSE: 'SUSPEND',
  STOP: 'CANCEL',
  FAILURE: 'FAIL',
  SUCCESS: 'SUCCESS',
  DELAY_EXECUTION: 'WAIT',
  SERIAL_WAIT: 'WAIT',
  WAIT_TO_RUN: 'WAIT',
  READY_BLOCK: 'RUNNING',
  BLOCK: 'SUSPEND',
  FAILOVER: 'RUNNING',
};

const TASK_STATES: Readonly<Record<string, RunState>> = {
  SUBMITTED_SUCCESS: 'READY',
  DISPATCH: 'READY',
  DELAY_EXECUTION: 'WAIT',
  RUNNING_EXECUTION: 'RUNNING',
  PAUSE: 'SUSPEND',
  STOP: 'CANCEL',
  KILL: 'CANCEL',
  FAILURE: 'FAIL',
  NEED_FAULT_TOLERANCE: 'FAIL',
  SUCCESS: 'SUCCESS',
  FORCED_SUCCESS: 'SUCCESS',
};

const RUN_TO_DS: Partial<Record<RunState, string[]>> = {
  INIT: ['SUBMITTED_SUCCESS'],
  RUNNING: ['RUNNING_EXECUTION'],
  SUSPEND: ['PAUSE'],
  CANCEL: ['STOP'],
  FAIL: ['FAILURE'],
  SUCCESS: ['SUCCESS'],
  WAIT: ['SERIAL_WAIT'],
};

export const dsWorkflowState = (s: string): RunState => WORKFLOW_STATES[s] ?? 'INTERNAL_ERROR';
export const dsTaskState = (s: string): RunState => TASK_STATES[s] ?? 'INTERNAL_ERROR';

function parametersOf(text: string | null | undefined): Record<string, string> {
  try {
    const list = JSON.parse(text || '[]') as DsProperty[];
    return Array.isArray(list) ? Object.fromEntries(list.map((p) => [p.prop, String(p.value ?? '')])) : {};
  } catch {
    return {};
  }
}

/** Task codes a run from `start` covers along edges whose rerun flag is kept (not labelled no-rerun). */
export function rerunClosure(dag: DsDagData, start: number): { codes: number[]; all: boolean } {
  const out = new Set([start]);
  const queue = [start];
  let skipped = false;
  while (queue.length) {
    const c = queue.shift()!;
    for (const r of dag.processTaskRelationList) {
      if (r.preTaskCode !== c || out.has(r.postTaskCode)) continue;
      if (r.name === NO_RERUN_LABEL) {
        skipped = true;
        continue;
      }
      out.add(r.postTaskCode);
      queue.push(r.postTaskCode);
    }
  }
  return { codes: dag.taskDefinitionList.map((t) => t.code).filter((c) => out.has(c)), all: !skipped };
}

/**
 * The operations half of the DolphinScheduler backend: runs, reruns, recovery, force success,
 * complement data, instances, task instances and logs, with ids as strings, times epoch ms and
 * the shared `RunState` names.
 */
export class DsBackendOperations implements BackendOperations {
  private readonly definitionNames = new Map<number, string>();

  constructor(
    protected readonly client: DsClient,
    /** The project code, resolved once. */
    protected readonly projectCode: () => Promise<number>,
    /** UTC offset (minutes) of the workspace zone at a time, for the system variables of BDP-started runs. */
    private readonly offsetAt: (ms: number) => number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async setEnabled(workflowId: string, enabled: boolean): Promise<void> {
    const pc = await this.projectCode();
    const [schedule] = await this.client.listSchedules(pc, Number(workflowId));
    if (!schedule) throw new Error('the workflow has no schedule on DolphinScheduler (it is not periodic)');
    if (enabled) await this.client.release(pc, Number(workflowId), 'ONLINE');
    await this.client.scheduleOnline(pc, schedule.id, enabled);
  }

  /** Values of the system variables a definition declares, for a run at `triggerTime` (wall clock of the workspace zone). */
  private async systemStartParams(dag: DsDagData, triggerTime: number): Promise<Record<string, string>> {
    const offset = this.offsetAt(triggerTime);
    const local = new Date(triggerTime + offset * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    const values = systemVariables({ triggerTime: local, utcOffsetMinutes: offset });
    const out: Record<string, string> = {};
    for (const prop of Object.keys(parametersOf(dag.processDefinition.globalParams))) {
      if (!isSystemVariable(prop)) continue;
      const m = /^(cal_dt8?)-(\d{1,4})$/.exec(prop);
      if (values[prop] !== undefined) out[prop] = values[prop];
      else if (m) {
        const bd = new Date(Date.parse(`${values.cal_dt}T00:00:00Z`) - Number(m[2]) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        out[prop] = m[1] === 'cal_dt' ? bd : bd.replace(/-/g, '');
      }
    }
    return out;
  }

  private async startAndResolve(
    pc: number,
    start: Parameters<DsClient['start']>[1],
  ): Promise<DsProcessInstance[]> {
    const started = await this.client.start(pc, start);
    // 3.3 creates the instances before answering (spec §10).
    if ('instanceIds' in started)
      return Promise.all(started.instanceIds.map((id) => this.client.getInstance(pc, id)));
    // 3.2: the master picks the command up asynchronously (spec §5.6): poll the trigger code briefly.
    for (let i = 0; i < 40; i++) {
      const found = await this.client.instancesByTrigger(pc, started.triggerCode);
      if (found.length) return found;
      await this.sleep(250);
    }
    throw new Error(
      `DolphinScheduler accepted the run (trigger code ${started.triggerCode}) but no instance appeared within 10 s; look for it in the instance list`,
    );
  }

  async trigger(
    workflowId: string,
    triggerTime: number,
    parameters?: Readonly<Record<string, string>>,
  ): Promise<string> {
    const pc = await this.projectCode();
    const dag = await this.client.getDefinition(pc, Number(workflowId));
    const startParams = { ...(await this.systemStartParams(dag, triggerTime)), ...parameters };
    const [inst] = await this.startAndResolve(pc, { processDefinitionCode: Number(workflowId), startParams });
    return String(inst.id);
  }

  async triggerFromTask(workflowId: string, taskId: string, triggerTime: number): Promise<string> {
    const pc = await this.projectCode();
    const dag = await this.client.getDefinition(pc, Number(workflowId));
    if (!dag.taskDefinitionList.some((t) => String(t.code) === taskId))
      throw new Error(`task ${taskId} is not in the published workflow; publish first`);
    const closure = rerunClosure(dag, Number(taskId));
    const startParams = await this.systemStartParams(dag, triggerTime);
    // TASK_POST runs every downstream task; with a no-rerun edge the exact set goes as TASK_ONLY.
    const [inst] = await this.startAndResolve(pc, {
      processDefinitionCode: Number(workflowId),
      startNodeList: closure.all ? [Number(taskId)] : closure.codes,
      taskDependType: closure.all ? 'TASK_POST' : 'TASK_ONLY',
      startParams,
    });
    return String(inst.id);
  }

  async cancel(instanceId: string): Promise<void> {
    await this.client.execute(await this.projectCode(), Number(instanceId), 'STOP');
  }

  async rerunInstance(instanceId: string): Promise<void> {
    await this.client.execute(await this.projectCode(), Number(instanceId), 'REPEAT_RUNNING');
  }

  async recoverFailed(instanceId: string): Promise<void> {
    await this.client.execute(await this.projectCode(), Number(instanceId), 'START_FAILURE_TASK_PROCESS');
  }

  async forceSuccess(taskInstanceId: string): Promise<void> {
    await this.client.forceSuccess(await this.projectCode(), Number(taskInstanceId));
  }

  async backfill(workflowId: string, from: number, to: number): Promise<string[]> {
    const pc = await this.projectCode();
    const instances = await this.startAndResolve(pc, {
      processDefinitionCode: Number(workflowId),
      execType: 'COMPLEMENT_DATA',
      scheduleTime: {
        complementStartDate: this.client.formatTime(from),
        complementEndDate: this.client.formatTime(to),
      },
      runMode: 'RUN_MODE_SERIAL',
      executionOrder: 'ASC_ORDER',
      failureStrategy: 'END',
    });
    return instances.map((i) => String(i.id));
  }

  private summary(i: DsProcessInstance, names: ReadonlyMap<number, string>): InstanceSummary {
    const start = this.client.parseTime(i.startTime);
    return {
      id: String(i.id),
      workflowId: String(i.processDefinitionCode),
      workflowName: names.get(i.processDefinitionCode) ?? i.name.replace(/-\d+-\d+$/, ''),
      state: dsWorkflowState(i.state),
      triggerTime:
        this.client.parseTime(i.scheduleTime) ?? this.client.parseTime(i.commandStartTime) ?? start ?? 0,
      ...(start !== undefined ? { startTime: start } : {}),
      ...(this.client.parseTime(i.endTime) !== undefined
        ? { endTime: this.client.parseTime(i.endTime) }
        : {}),
    };
  }

  async listInstances(filter: InstanceFilter): Promise<{ items: InstanceSummary[]; total: number }> {
    const pc = await this.projectCode();
    const states = filter.states?.flatMap((s) => RUN_TO_DS[s] ?? []) ?? [];
    const page = await this.client.listInstances(pc, {
      processDefineCode: filter.workflowId ? Number(filter.workflowId) : undefined,
      stateType: states.length === 1 ? states[0] : undefined,
      startDate:
        filter.fromTriggerTime !== undefined ? this.client.formatTime(filter.fromTriggerTime) : undefined,
      endDate: filter.toTriggerTime !== undefined ? this.client.formatTime(filter.toTriggerTime) : undefined,
      pageNo: filter.page ?? 1,
      pageSize: filter.pageSize ?? 20,
    });
    // Definition names change rarely: read them again only for a code not seen yet (polling stays cheap).
    if (page.totalList.some((i) => !this.definitionNames.has(i.processDefinitionCode))) {
      for (const d of await this.client.allDefinitions(pc))
        this.definitionNames.set(d.processDefinition.code, d.processDefinition.name);
    }
    const names = this.definitionNames;
    let items = page.totalList.map((i) => this.summary(i, names));
    if (filter.states?.length) items = items.filter((i) => filter.states!.includes(i.state));
    return { items, total: page.total };
  }

  /** Instance with every task of its definition version (not started ones with an empty id) and its edges. */
  async getInstanceWithGraph(
    instanceId: string,
  ): Promise<InstanceDetail & { relations: { source: string; target: string }[] }> {
    const pc = await this.projectCode();
    const [inst, tasks] = await Promise.all([
      this.client.getInstance(pc, Number(instanceId)),
      this.client.instanceTasks(pc, Number(instanceId)),
    ]);
    const dag = inst.dagData;
    const names = new Map<number, string>(
      dag ? [[dag.processDefinition.code, dag.processDefinition.name]] : [],
    );
    const finished = ['SUCCESS', 'FAIL', 'CANCEL', 'SUSPEND'].includes(dsWorkflowState(inst.state));
    const byCode = new Map<number, DsTaskInstance>();
    for (const t of tasks)
      if (!byCode.has(t.taskCode) || byCode.get(t.taskCode)!.id < t.id) byCode.set(t.taskCode, t);
    const summaries: TaskInstanceSummary[] = (dag?.taskDefinitionList ?? []).map((d) => {
      const t = byCode.get(d.code);
      return t
        ? {
            id: String(t.id),
            taskId: String(d.code),
            taskName: d.name,
            state: dsTaskState(t.state),
            ...(this.client.parseTime(t.startTime) !== undefined
              ? { startTime: this.client.parseTime(t.startTime) }
              : {}),
            ...(this.client.parseTime(t.endTime) !== undefined
              ? { endTime: this.client.parseTime(t.endTime) }
              : {}),
            runNumber: t.retryTimes + 1,
          }
        : // Not part of this run (a run from a node, a stopped instance): skipped once the instance is over.
          {
            id: '',
            taskId: String(d.code),
            taskName: d.name,
            state: (finished ? 'SKIP' : 'INIT') as RunState,
          };
    });
    const relations = (dag?.processTaskRelationList ?? [])
      .filter((r) => r.preTaskCode !== 0)
      .map((r) => ({ source: String(r.preTaskCode), target: String(r.postTaskCode) }));
    return {
      ...this.summary(inst, names),
      tasks: summaries,
      parameters: parametersOf(inst.globalParams),
      relations,
    };
  }

  getInstance(instanceId: string): Promise<InstanceDetail> {
    return this.getInstanceWithGraph(instanceId);
  }

  async getTaskLog(taskInstanceId: string, maxLength?: number): Promise<string> {
    const text = await this.client.fullLog(Number(taskInstanceId));
    return maxLength !== undefined && text.length > maxLength ? text.slice(text.length - maxLength) : text;
  }
}
