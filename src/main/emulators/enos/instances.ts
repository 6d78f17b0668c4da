import {
  FLOW_INSTANCE_STATUS,
  type FlowInstance,
  type InstanceGraph,
  type ParameterItem,
  type TaskInstance,
} from '../../sync/enos/types';
import { ApiFailure, badParam, MSG } from './api-error';
import {
  findFlow,
  fuzzy,
  isOwner,
  paginate,
  requireOwner,
  requireUnlocked,
  toInt,
  type RequestContext,
} from './context';
import { flowNodeName } from './flows';
import { formatDate, formatDateTime, formatIdSuffix, formatJavaDate, formatTimestamp } from './format';
import { advanceInstances, cancelInstance, willFail } from './simulation';
import type { InstanceRecord, TaskRun } from './store';

/** The 1-minute re-trigger rule (spec §3.21). */
export const RETRIGGER_GAP_MS = 60_000;

type TriggerMode = 'all' | 'fromTask' | 'withParameters';

/** Nodes reached from `start` along relations: `run` via `rerun: true` edges only, the rest `skip`. */
function downstream(
  relations: readonly { source: string; target: string; rerun: boolean }[],
  start: string,
): Set<string> {
  const run = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const n = queue.shift() as string;
    for (const r of relations) {
      if (r.source === n && r.rerun && !run.has(r.target)) {
        run.add(r.target);
        queue.push(r.target);
      }
    }
  }
  return run;
}

/** 3.20 / 3.21 / 3.22: Trigger Flow, Trigger Flow From Task, Update And Trigger Flow. */
export function trigger(ctx: RequestContext, mode: TriggerMode): { flowInstanceId: string } {
  const { state, body, now } = ctx;
  const triggerTime = toInt(body.triggerTime);
  const taskId = toInt(body.taskId);
  if (
    toInt(body.flowId) === undefined ||
    triggerTime === undefined ||
    (mode === 'fromTask' && taskId === undefined)
  )
    throw badParam(MSG.invalidBody);
  if (mode === 'withParameters' && !Array.isArray(body.parameters)) throw badParam(MSG.invalidBody);
  const flow = findFlow(ctx, body.flowId, MSG.cannotTrigger);
  requireOwner(ctx, flow);
  requireUnlocked(ctx);
  if (flow.tasks.length === 0) throw new ApiFailure(62104, MSG.noTask);
  if (mode === 'fromTask' && !flow.tasks.some((t) => t.taskId === taskId)) throw badParam(MSG.cannotTrigger);
  const last = state.lastTriggerAt.get(flow.flowId);
  if (last !== undefined && now - last < RETRIGGER_GAP_MS) throw badParam(MSG.cannotTrigger);
  const suffix = formatIdSuffix(triggerTime, state.zone);
  const instanceId = `${flow.flowId}-${suffix}`;
  if (state.instances.has(instanceId)) throw badParam(MSG.cannotTrigger);

  let parameters = flow.parameters;
  if (mode === 'withParameters') {
    const merged = new Map((JSON.parse(flow.parameters) as ParameterItem[]).map((p) => [p.key, p.value]));
    for (const p of body.parameters as Partial<ParameterItem>[])
      if (p && typeof p.key === 'string') merged.set(p.key, String(p.value ?? ''));
    parameters = JSON.stringify([...merged].map(([key, value]) => ({ key, value })));
  }
  const planned = mode === 'fromTask' ? downstream(flow.relations, `t_${taskId}`) : undefined;
  const tasks: TaskRun[] = flow.tasks.map((n) => {
    const def = state.tasks.get(n.taskId)?.def;
    const run: TaskRun = {
      taskId: n.taskId,
      nodeId: `t_${n.taskId}`,
      taskInstId: `${n.taskId}-${suffix}`,
      name: def?.name ?? '',
      def: { ...(def as NonNullable<typeof def>) },
      status: 'INIT',
      planned: !planned || planned.has(`t_${n.taskId}`),
      runNum: 0,
      willFail: false,
      log: '',
    };
    run.willFail = willFail(state, run);
    if (!run.planned) run.status = 'SKIP';
    return run;
  });
  const inst: InstanceRecord = {
    instanceId,
    flowId: flow.flowId,
    orgId: flow.orgId,
    flowName: flow.name,
    type: flow.type,
    freq: flow.freq,
    cycle: flow.cycle,
    parameters,
    doAs: flow.doAs,
    owner: flow.owners,
    creator: flow.creator,
    alertMode: flow.alertMode,
    triggerTime,
    createdAt: now,
    readyAt: Math.max(now + state.startDelayMs, triggerTime),
    status: 'INIT',
    finished: false,
    isCancelled: false,
    suffix,
    tasks,
    flows: flow.flows.map((n) => ({ ...n, name: flowNodeName(state, n) })),
    relations: flow.relations.map((r) => ({ ...r })),
    positions: new Map(flow.tasks.map((t) => [`t_${t.taskId}`, { x: t.x, y: t.y }])),
    submitter: ctx.user.name,
  };
  state.instances.set(instanceId, inst);
  for (const t of tasks) state.taskInstances.set(t.taskInstId, { instanceId, nodeId: t.nodeId });
  state.lastTriggerAt.set(flow.flowId, now);
  advanceInstances(state, now);
  return { flowInstanceId: instanceId };
}

function findInstance(ctx: RequestContext, id: unknown): InstanceRecord {
  const inst = typeof id === 'string' ? ctx.state.instances.get(id) : undefined;
  if (!inst || inst.orgId !== ctx.user.orgId) throw badParam(MSG.instanceMissing);
  return inst;
}

/** 3.1 Cancel Flow Instance: allowed while not finished (INIT, WAIT, RUNNING, or FAIL with tasks still running). */
export function cancel(ctx: RequestContext): '' {
  const inst = findInstance(ctx, ctx.body.flowInstId);
  requireOwner(ctx, { owners: inst.owner, creator: inst.creator });
  requireUnlocked(ctx);
  if (inst.finished) throw badParam();
  cancelInstance(inst, ctx.now);
  advanceInstances(ctx.state, ctx.now);
  return '';
}

const time = (ms: number | undefined, ctx: RequestContext): string | null =>
  ms === undefined ? null : formatDateTime(ms, ctx.state.zone);

function instanceGraph(ctx: RequestContext, inst: InstanceRecord): InstanceGraph {
  return {
    instId: inst.instanceId,
    id: inst.flowId,
    name: inst.flowName,
    type: inst.type,
    cycle: inst.cycle,
    freq: inst.freq,
    parameters: inst.parameters,
    tasks: inst.tasks.map((t) => ({
      taskName: t.name,
      taskId: String(t.taskId),
      nodeId: t.nodeId,
      x: inst.positions.get(t.nodeId)?.x ?? 0,
      y: inst.positions.get(t.nodeId)?.y ?? 0,
      taskInstId: t.taskInstId,
      status: t.status,
    })),
    flows: inst.flows.map((n) => ({
      flowId: String(n.flowId),
      flowName: n.name,
      nodeId: `f_${n.flowId}`,
      isVirtual: n.isVirtual,
      x: n.x,
      y: n.y,
      flowInstId: '',
      status: 'NONE',
    })),
    relations: inst.relations,
  };
}

function instanceView(ctx: RequestContext, inst: InstanceRecord): FlowInstance {
  return {
    instanceId: inst.instanceId,
    flowId: inst.flowId,
    flowName: inst.flowName,
    freq: inst.freq,
    cycle: inst.cycle,
    parameters: inst.parameters,
    doAs: inst.doAs,
    graph: JSON.stringify(instanceGraph(ctx, inst)),
    status: FLOW_INSTANCE_STATUS[inst.status],
    statusDesc: inst.status,
    triggerTime: formatDateTime(inst.triggerTime, ctx.state.zone),
    startTime: time(inst.startMs, ctx),
    endTime: time(inst.endMs, ctx),
    timestamp: formatTimestamp(inst.createdAt, ctx.state.zone),
    virtual: false,
    owner: inst.owner,
    alertMode: inst.alertMode,
    // Business date: the day before the trigger date (as in the daily sample).
    calDt: formatDate(inst.triggerTime - 86_400_000, ctx.state.zone),
    hasEditPri: isOwner(ctx.user, { owners: inst.owner, creator: inst.creator }),
    hasReadPri: true,
  };
}

/** 3.9 Get Flow Instance. */
export function getInstance(ctx: RequestContext): FlowInstance {
  return instanceView(ctx, findInstance(ctx, ctx.query.get('flowInstId')));
}

/** 3.15 List Flow Instances. */
export function listInstances(ctx: RequestContext): { flowInsts: FlowInstance[]; count: number } {
  const b = ctx.body;
  const type = toInt(b.type);
  const from = toInt(b.fromTriggerTime);
  const to = toInt(b.toTriggerTime);
  const statuses =
    b.status === undefined || b.status === null || b.status === ''
      ? undefined
      : new Set(
          String(b.status)
            .split(',')
            .map((s) => toInt(s))
            .filter((n): n is number => n !== undefined),
        );
  const owner = typeof b.owner === 'string' ? b.owner.trim() : '';
  const matches = [...ctx.state.instances.values()].filter(
    (i) =>
      i.orgId === ctx.user.orgId &&
      (type === undefined || i.type === type) &&
      (from === undefined || i.triggerTime >= from) &&
      (to === undefined || i.triggerTime <= to) &&
      (!statuses || statuses.has(FLOW_INSTANCE_STATUS[i.status])) &&
      (!owner || i.owner.split(';').includes(owner)) &&
      fuzzy(b.expression, i.instanceId, i.flowName),
  );
  const key = {
    triggerTime: (i: InstanceRecord): number => i.triggerTime,
    startTime: (i: InstanceRecord): number => i.startMs ?? 0,
    endTime: (i: InstanceRecord): number => i.endMs ?? 0,
    createTime: (i: InstanceRecord): number => i.createdAt,
    updateTime: (i: InstanceRecord): number => i.endMs ?? i.startMs ?? i.createdAt,
  };
  const fields = {
    ...key,
    trigger_time: key.triggerTime,
    start_time: key.startTime,
    end_time: key.endTime,
    create_time: key.createTime,
    update_time: key.updateTime,
  };
  const page = paginate(
    matches,
    b.pagination,
    fields,
    (x, y) => y.triggerTime - x.triggerTime || (x.instanceId < y.instanceId ? 1 : -1),
  );
  return {
    flowInsts: page.map((i) => ({ ...instanceView(ctx, i), isCancelled: i.isCancelled })),
    count: matches.length,
  };
}

function findTaskRun(ctx: RequestContext, id: string | null): { inst: InstanceRecord; task: TaskRun } {
  const ref = id ? ctx.state.taskInstances.get(id) : undefined;
  const inst = ref && ctx.state.instances.get(ref.instanceId);
  const task = inst?.tasks.find((t) => t.nodeId === ref?.nodeId);
  if (!inst || !task || inst.orgId !== ctx.user.orgId) throw badParam(MSG.instanceMissing);
  return { inst, task };
}

/** 3.11 Get Task Instance. */
export function getTaskInstance(ctx: RequestContext): TaskInstance {
  const { inst, task } = findTaskRun(ctx, ctx.query.get('taskInstId'));
  const z = ctx.state.zone;
  return {
    instanceId: task.taskInstId,
    taskId: task.taskId,
    taskName: task.name,
    cycle: inst.cycle,
    status: FLOW_INSTANCE_STATUS[task.status],
    runNum: task.runNum,
    type: task.def.type,
    syncType: task.def.syncType,
    freq: task.def.cron || null,
    ifPre: 0,
    stsDesc: task.status,
    recallNum: 0,
    triggerTime: formatDateTime(inst.triggerTime, z),
    timeout: task.def.timeout,
    recallLimit: task.def.retryLimit,
    recallInterval: task.def.retryInterval,
    startTime: time(task.startMs, ctx),
    endTime: time(task.endMs, ctx),
    timeStamp: formatJavaDate(inst.createdAt, z),
    isTimeout: false,
    flowInstId: inst.instanceId,
    doAs: inst.doAs,
    alert: false,
    runMode: task.def.runMode,
    cmd: task.def.cmd,
    hasResourceBefore: task.def.resource !== '' && task.def.resource !== 'default',
    resourceName: task.def.resource === 'default' ? '' : task.def.resource,
    fileName: task.def.filePackage,
    resourceVersion: '',
  };
}

/** 3.12 Get Task Instance Log; `maxLength` keeps the tail. */
export function getTaskLog(ctx: RequestContext): { log: string } {
  const { task } = findTaskRun(ctx, ctx.query.get('taskInstId'));
  if (!task.log) throw new ApiFailure(62109, MSG.noLog);
  const max = toInt(ctx.query.get('maxLength') ?? '');
  return {
    log:
      max !== undefined && max > 0 && task.log.length > max
        ? task.log.slice(task.log.length - max)
        : task.log,
  };
}
