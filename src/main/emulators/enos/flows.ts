import type {
  EnosCycle,
  Flow,
  FlowGraph,
  MyFlowItem,
  NodeRelation,
  PortableFlow,
  PortableTask,
} from '../../sync/enos/types';
import { ApiFailure, badParam, MSG } from './api-error';
import {
  findFlow,
  fuzzy,
  hasCycle,
  isOwner,
  paginate,
  requireOwner,
  requireUnlocked,
  toInt,
  type RequestContext,
} from './context';
import { formatDate, formatTimestamp } from './format';
import type { EmulatorState, FlowRecord, GraphFlowNode, TaskDef } from './store';

const CYCLES: readonly string[] = ['M', 'W', 'D', 'H', 'mi'];

const taskNodeId = (taskId: number): string => `t_${taskId}`;
const flowNodeId = (flowId: number): string => `f_${flowId}`;

/** Display name of a reference node: the workflow, or `{taskId}({taskName})` for a virtual (task) reference. */
export function flowNodeName(state: EmulatorState, node: GraphFlowNode): string {
  if (!node.isVirtual) return state.flows.get(node.flowId)?.name ?? String(node.flowId);
  const v = state.virtuals.get(node.flowId);
  const task = v ? state.tasks.get(v.sourceTaskId) : undefined;
  return v && task ? `${task.taskId}(${task.def.name})` : String(node.flowId);
}

/** The FlowGraph of a workflow (the `graph` string of Get Flow, spec §4.2). */
export function flowGraph(state: EmulatorState, f: FlowRecord): FlowGraph {
  return {
    name: f.name,
    type: f.type,
    cycle: f.cycle,
    freq: f.freq,
    startTime: f.startTime,
    active: f.active,
    alertMode: f.alertMode,
    creator: f.creator,
    owners: f.owners,
    visitors: f.visitors,
    doAs: f.doAs,
    queue: f.queue,
    desc: f.desc,
    syncType: f.syncType,
    parameters: f.parameters,
    tasks: f.tasks.map((t) => ({
      taskName: state.tasks.get(t.taskId)?.def.name ?? '',
      taskId: String(t.taskId),
      nodeId: taskNodeId(t.taskId),
      x: t.x,
      y: t.y,
    })),
    flows: f.flows.map((n) => ({
      flowId: String(n.flowId),
      flowName: flowNodeName(state, n),
      nodeId: flowNodeId(n.flowId),
      isVirtual: n.isVirtual,
      x: n.x,
      y: n.y,
    })),
    relations: f.relations.map((r) => ({ ...r })),
  };
}

/** Get Flow / Load Flow For Edit `data` (spec §4.1). */
export function flowView(ctx: RequestContext, f: FlowRecord, forEdit: boolean): Flow {
  const z = ctx.state.zone;
  const view: Flow = {
    flowId: f.flowId,
    flowName: f.name,
    active: f.active,
    creator: f.creator,
    createTime: formatTimestamp(f.createTime, z),
    updateUser: f.updateUser,
    updateTime: formatTimestamp(f.updateTime, z),
    freq: f.freq,
    cycle: f.cycle,
    parameters: f.parameters,
    owner: f.owners,
    visitor: f.visitors,
    doAs: f.doAs,
    alertMode: f.alertMode,
    graph: JSON.stringify(flowGraph(ctx.state, f)),
    entry: f.entry,
    type: f.type,
    syncType: f.syncType,
    desc: f.desc,
    startTime: f.startTime,
    virtual: false,
    locked: false,
    hasEditPri: isOwner(ctx.user, f),
    hasReadPri: true,
    isUserLocked: ctx.state.lockedUsers.has(ctx.user.userId),
  };
  return forEdit ? { ...view, queue: f.queue } : view;
}

/** Export Flow `data` (spec §4.3): names instead of ids; links numbered in graph order. */
export function exportFlow(state: EmulatorState, f: FlowRecord): PortableFlow {
  const nameOfTask = new Map(
    f.tasks.map((t) => [taskNodeId(t.taskId), state.tasks.get(t.taskId)?.def.name ?? '']),
  );
  const linkIdOfNode = new Map<string, string>();
  const flowLinks: PortableFlow['flowLinks'] = [];
  const taskLinks: PortableFlow['taskLinks'] = [];
  f.flows.forEach((n, i) => {
    const linkId = String(i);
    linkIdOfNode.set(flowNodeId(n.flowId), linkId);
    if (!n.isVirtual) {
      flowLinks.push({ linkId, sourceFlowName: state.flows.get(n.flowId)?.name ?? '' });
    } else {
      const v = state.virtuals.get(n.flowId);
      const task = v && state.tasks.get(v.sourceTaskId);
      taskLinks.push({
        linkId,
        sourceFlowName: (v && state.flows.get(v.sourceFlowId)?.name) ?? '',
        sourceTaskName: task?.def.name ?? '',
      });
    }
  });
  const relations: PortableFlow['relations'] = [];
  const linkRelations: PortableFlow['linkRelations'] = [];
  for (const r of f.relations) {
    const target = nameOfTask.get(r.target);
    if (target === undefined) continue;
    const sourceTask = nameOfTask.get(r.source);
    if (sourceTask !== undefined)
      relations.push({ sourceTaskName: sourceTask, targetTaskName: target, rerun: r.rerun });
    const linkId = linkIdOfNode.get(r.source);
    if (linkId !== undefined) linkRelations.push({ linkId, targetTaskName: target, rerun: r.rerun });
  }
  return {
    name: f.name,
    cycle: f.cycle,
    cron: f.freq,
    parameters: f.parameters,
    alertMode: f.alertMode,
    submitter: f.doAs,
    owners: f.owners,
    visitors: f.visitors,
    type: f.type,
    syncType: f.syncType,
    desc: f.desc,
    startTime: f.startTime,
    tasks: f.tasks.map((t) => ({ ...(state.tasks.get(t.taskId)?.def as PortableTask) })),
    flowLinks,
    taskLinks,
    relations,
    linkRelations,
  };
}

function orgFlowByName(ctx: RequestContext, name: string): FlowRecord | undefined {
  for (const f of ctx.state.flows.values()) if (f.orgId === ctx.user.orgId && f.name === name) return f;
  return undefined;
}

const str = (v: unknown, fallback = ''): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? fallback : String(v);

/** Fills PortableTask defaults the samples show, so exports are complete. */
function normaliseTask(raw: Record<string, unknown>): PortableTask {
  return {
    name: str(raw.name),
    resource: str(raw.resource, 'default'),
    type: (raw.type as string | number | undefined) ?? 'COMMAND',
    syncType: toInt(raw.syncType) ?? 1,
    cmd: str(raw.cmd),
    submitter: str(raw.submitter),
    filePackage: str(raw.filePackage),
    cron: str(raw.cron),
    priorityLevel: toInt(raw.priorityLevel) ?? 0,
    timeout: toInt(raw.timeout) ?? 300,
    retryLimit: toInt(raw.retryLimit) ?? 3,
    retryInterval: toInt(raw.retryInterval) ?? 0,
    successCode: str(raw.successCode, '0'),
    asLink: raw.asLink === true,
    runMode: str(
      raw.runMode,
      '{"taskMode":1,"cpu":0.5,"memory":1,"maxParallel":0,"keyType":0,"datasourceId":0,"path":"","content":""}',
    ),
  };
}

function parseParameters(v: unknown): string {
  if (v === undefined || v === null || v === '') return '[]';
  if (Array.isArray(v)) return JSON.stringify(v);
  if (typeof v === 'string') {
    try {
      if (Array.isArray(JSON.parse(v))) return v;
    } catch {
      // fall through
    }
  }
  throw badParam();
}

/** 3.14 Import Flow: the only call that creates task definitions. */
export function importFlow(ctx: RequestContext): { flowId: number } {
  const { state, body, user, now } = ctx;
  const flowName = body.flowName;
  if (typeof flowName !== 'string' || flowName.trim() === '' || orgFlowByName(ctx, flowName))
    throw badParam(MSG.invalidFlowName);
  const dir = typeof body.dirId === 'string' ? state.dirs.get(body.dirId) : undefined;
  if (!dir || dir.orgId !== user.orgId) throw badParam(MSG.dirMissing);
  let json = body.flowJson;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch {
      throw badParam(MSG.invalidBody);
    }
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw badParam(MSG.incorrect);
  const pf = json as Record<string, unknown>;
  const fail = (): never => {
    throw badParam(MSG.validationFailed);
  };
  const rawTasks = Array.isArray(pf.tasks) ? (pf.tasks as Record<string, unknown>[]) : fail();
  const tasks = rawTasks.map((t) => (t && typeof t === 'object' ? normaliseTask(t) : fail()));
  const names = new Set<string>();
  for (const t of tasks) {
    if (!t.name || names.has(t.name)) fail();
    names.add(t.name);
  }
  const cycle = str(pf.cycle, 'D');
  const type = toInt(pf.type) ?? 1;
  if (!CYCLES.includes(cycle) || ![0, 1, 2].includes(type)) fail();

  // Resolve references before allocating anything, so a failed import leaves no trace.
  const links = new Map<string, { flowId?: number; source: { flowId: number; taskId?: number } }>();
  for (const l of (Array.isArray(pf.flowLinks) ? pf.flowLinks : []) as Record<string, unknown>[]) {
    const src = orgFlowByName(ctx, str(l.sourceFlowName));
    if (!src || links.has(str(l.linkId))) fail();
    links.set(str(l.linkId), { source: { flowId: (src as FlowRecord).flowId } });
  }
  for (const l of (Array.isArray(pf.taskLinks) ? pf.taskLinks : []) as Record<string, unknown>[]) {
    const src = orgFlowByName(ctx, str(l.sourceFlowName));
    const task = src?.tasks
      .map((n) => state.tasks.get(n.taskId))
      .find((d) => d?.def.name === str(l.sourceTaskName));
    if (!src || !task || links.has(str(l.linkId))) fail();
    links.set(str(l.linkId), {
      source: { flowId: (src as FlowRecord).flowId, taskId: (task as TaskDef).taskId },
    });
  }
  const taskRelations = ((Array.isArray(pf.relations) ? pf.relations : []) as Record<string, unknown>[]).map(
    (r) => {
      const s = str(r.sourceTaskName);
      const t = str(r.targetTaskName);
      if (!names.has(s) || !names.has(t) || s === t) fail();
      return { s, t, rerun: r.rerun !== false };
    },
  );
  const linkRelations = (
    (Array.isArray(pf.linkRelations) ? pf.linkRelations : []) as Record<string, unknown>[]
  ).map((r) => {
    const t = str(r.targetTaskName);
    if (!links.has(str(r.linkId)) || !names.has(t)) fail();
    return { linkId: str(r.linkId), t, rerun: r.rerun === true };
  });
  if (
    hasCycle(
      [...names],
      taskRelations.map((r) => [r.s, r.t]),
    )
  )
    fail();
  const parameters = (() => {
    try {
      return parseParameters(pf.parameters);
    } catch {
      return fail();
    }
  })();

  const flowId = state.allocateFlowId(toInt(body.flowId));
  const idOfName = new Map<string, number>();
  tasks.forEach((def) => {
    const taskId = state.allocateTaskId();
    idOfName.set(def.name, taskId);
    state.tasks.set(taskId, { taskId, flowId, def });
  });
  const flowNodes: GraphFlowNode[] = [];
  const nodeOfLink = new Map<string, string>();
  let i = 0;
  for (const [linkId, link] of links) {
    let nodeFlowId = link.source.flowId;
    if (link.source.taskId !== undefined) {
      nodeFlowId = state.allocateFlowId();
      state.virtuals.set(nodeFlowId, {
        id: nodeFlowId,
        sourceFlowId: link.source.flowId,
        sourceTaskId: link.source.taskId,
      });
    }
    flowNodes.push({
      flowId: nodeFlowId,
      isVirtual: link.source.taskId !== undefined,
      x: 0.005,
      y: 0.01 * ++i,
    });
    nodeOfLink.set(linkId, flowNodeId(nodeFlowId));
  }
  const gap = `${cycle === 'mi' ? 'mi' : cycle}0`;
  const relations: NodeRelation[] = [
    ...linkRelations.map((r) => ({
      source: nodeOfLink.get(r.linkId) as string,
      target: taskNodeId(idOfName.get(r.t) as number),
      cycleGap: gap,
      rerun: r.rerun,
    })),
    ...taskRelations.map((r) => ({
      source: taskNodeId(idOfName.get(r.s) as number),
      target: taskNodeId(idOfName.get(r.t) as number),
      cycleGap: gap,
      rerun: r.rerun,
    })),
  ];
  const owners = str(pf.owners).trim() || `;${user.name};`;
  state.flows.set(flowId, {
    flowId,
    orgId: user.orgId,
    dirId: dir.dirId,
    name: flowName,
    desc: str(body.desc, str(pf.desc)),
    cycle: cycle as EnosCycle,
    freq: str(pf.cron, '0 0 0 * * ? *'),
    parameters,
    alertMode: (toInt(pf.alertMode) ?? 0) as FlowRecord['alertMode'],
    doAs: str(pf.submitter),
    owners,
    visitors: str(pf.visitors),
    type: type as FlowRecord['type'],
    syncType: toInt(pf.syncType) ?? 1,
    startTime: str(pf.startTime, formatDate(now, state.zone)),
    active: 0,
    creator: user.name,
    createTime: now,
    updateUser: user.name,
    updateTime: now,
    entry: 1,
    queue: '',
    tasks: tasks.map((t, k) => ({ taskId: idOfName.get(t.name) as number, x: 0.02 + 0.01 * k, y: 0.01 })),
    flows: flowNodes,
    relations,
  });
  return { flowId };
}

/** 3.18 Save Flow: re-arrange existing tasks and update scheduling of an existing workflow. */
export function saveFlow(ctx: RequestContext): { flowId: number } {
  const { body, state } = ctx;
  const f = findFlow(ctx, body.id);
  requireOwner(ctx, f);
  requireUnlocked(ctx);
  const name = body.name === undefined ? f.name : str(body.name);
  if (!name.trim() || (name !== f.name && orgFlowByName(ctx, name))) throw badParam(MSG.invalidFlowName);
  const type = body.type === undefined ? f.type : toInt(body.type);
  // A workflow cannot switch between manual and periodic (product doc).
  if (type !== f.type) throw badParam();
  const cycle = body.cycle === undefined ? f.cycle : str(body.cycle);
  if (!CYCLES.includes(cycle)) throw badParam();
  const active = body.active === undefined ? f.active : toInt(body.active);
  if (active !== 0 && active !== 1) throw badParam();
  const alertMode = body.alertMode === undefined ? f.alertMode : toInt(body.alertMode);
  if (alertMode === undefined || alertMode < 0 || alertMode > 3) throw badParam();

  const rawTasks = (Array.isArray(body.tasks) ? body.tasks : []) as Record<string, unknown>[];
  const tasks = rawTasks.map((t) => {
    const taskId = toInt(t?.taskId);
    const def = taskId === undefined ? undefined : state.tasks.get(taskId);
    if (!def || def.flowId !== f.flowId) throw badParam();
    return { taskId: def.taskId, x: Number(t.x) || 0, y: Number(t.y) || 0 };
  });
  const rawFlows = (Array.isArray(body.flows) ? body.flows : []) as Record<string, unknown>[];
  const flows = rawFlows.map((n) => {
    const id = toInt(n?.flowId);
    const real = id === undefined ? undefined : state.flows.get(id);
    const virtual = id === undefined ? undefined : state.virtuals.get(id);
    if (id === undefined || id === f.flowId || (!(real && real.orgId === f.orgId) && !virtual))
      throw badParam();
    return { flowId: id, isVirtual: !!virtual, x: Number(n.x) || 0, y: Number(n.y) || 0 };
  });
  const nodes = [...tasks.map((t) => taskNodeId(t.taskId)), ...flows.map((n) => flowNodeId(n.flowId))];
  if (new Set(nodes).size !== nodes.length) throw badParam();
  const relations = ((Array.isArray(body.relations) ? body.relations : []) as Record<string, unknown>[]).map(
    (r) => ({
      source: str(r?.source),
      target: str(r?.target),
      cycleGap: str(r?.cycleGap, `${cycle}0`),
      rerun: r?.rerun !== false,
    }),
  );
  for (const r of relations) {
    // References must be roots: only tasks can be targets.
    if (
      !nodes.includes(r.source) ||
      !nodes.includes(r.target) ||
      !r.target.startsWith('t_') ||
      r.source === r.target
    )
      throw badParam();
  }
  if (
    hasCycle(
      nodes,
      relations.map((r) => [r.source, r.target]),
    )
  )
    throw badParam();

  Object.assign(f, {
    name,
    cycle: cycle as EnosCycle,
    active,
    alertMode: alertMode as FlowRecord['alertMode'],
    freq: body.freq === undefined ? f.freq : str(body.freq),
    doAs: body.doAs === undefined ? f.doAs : str(body.doAs),
    owners: body.owners === undefined ? f.owners : str(body.owners),
    visitors: body.visitors === undefined ? f.visitors : str(body.visitors),
    startTime: body.startTime === undefined ? f.startTime : str(body.startTime),
    parameters: body.parameters === undefined ? f.parameters : parseParameters(body.parameters),
    desc: body.desc === undefined ? f.desc : str(body.desc),
    queue: body.queue === undefined ? f.queue : str(body.queue),
    tasks,
    flows,
    relations,
    updateUser: ctx.user.name,
    updateTime: ctx.now,
  } satisfies Partial<FlowRecord>);
  return { flowId: f.flowId };
}

/** 3.3 Delete Flow. */
export function deleteFlow(ctx: RequestContext): '' {
  const { state } = ctx;
  const f = findFlow(ctx, ctx.query.get('flowId'));
  requireOwner(ctx, f);
  const reliedOn = [...state.flows.values()].some(
    (o) =>
      o.flowId !== f.flowId &&
      o.flows.some((n) =>
        n.isVirtual ? state.virtuals.get(n.flowId)?.sourceFlowId === f.flowId : n.flowId === f.flowId,
      ),
  );
  if (reliedOn) throw new ApiFailure(62104, MSG.reliedOn);
  const running = [...state.instances.values()].some((i) => i.flowId === f.flowId && !i.finished);
  if (running) throw new ApiFailure(62104, 'This workflow has a running instance and cannot be deleted.');
  for (const n of f.tasks) state.tasks.delete(n.taskId);
  for (const n of f.flows) if (n.isVirtual) state.virtuals.delete(n.flowId);
  for (const [id, inst] of state.instances) {
    if (inst.flowId !== f.flowId) continue;
    for (const t of inst.tasks) state.taskInstances.delete(t.taskInstId);
    state.instances.delete(id);
  }
  state.lastTriggerAt.delete(f.flowId);
  state.flows.delete(f.flowId);
  return '';
}

/** 3.4 / 3.5 Enable / Disable Flow. */
export function setActive(ctx: RequestContext, active: 0 | 1): '' {
  const f = findFlow(ctx, ctx.body.flowId);
  requireOwner(ctx, f);
  requireUnlocked(ctx);
  f.active = active;
  f.updateUser = ctx.user.name;
  f.updateTime = ctx.now;
  return '';
}

const orgFlows = (ctx: RequestContext): FlowRecord[] =>
  [...ctx.state.flows.values()].filter((f) => f.orgId === ctx.user.orgId);

/** 3.10 Get My Flow: workflows the user owns, created or may visit. */
export function getMyFlow(ctx: RequestContext): MyFlowItem[] {
  const expression = ctx.query.get('expression') ?? ctx.query.get('searchValue') ?? '';
  return orgFlows(ctx)
    .filter((f) => isOwner(ctx.user, f) || f.visitors.split(';').includes(ctx.user.name))
    .filter((f) => fuzzy(expression, String(f.flowId), f.name))
    .map((f) => ({
      flowId: String(f.flowId),
      flowName: f.name,
      editable: isOwner(ctx.user, f),
      cycle: f.cycle,
    }));
}

/** 3.19 Search Flow: every workflow of the OU. */
export function searchFlow(ctx: RequestContext): { flowId: string; flowName: string }[] {
  const key = {
    createTime: (f: FlowRecord): number => f.createTime,
    updateTime: (f: FlowRecord): number => f.updateTime,
    startTime: (f: FlowRecord): string => f.startTime,
    flowName: (f: FlowRecord): string => f.name,
  };
  const fields = {
    ...key,
    create_time: key.createTime,
    update_time: key.updateTime,
    start_time: key.startTime,
    flow_name: key.flowName,
  };
  const matches = orgFlows(ctx).filter((f) => fuzzy(ctx.body.expression, String(f.flowId), f.name));
  return paginate(matches, ctx.body.pagination, fields, (a, b) => a.flowId - b.flowId).map((f) => ({
    flowId: String(f.flowId),
    flowName: f.name,
  }));
}

/** The workflow named by the `flowId` query parameter (Get, Load For Edit, Export). */
export function findFlowForRead(ctx: RequestContext): FlowRecord {
  return findFlow(ctx, ctx.query.get('flowId'));
}
