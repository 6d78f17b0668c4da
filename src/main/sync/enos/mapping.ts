import {
  type Position,
  type Reference,
  type Relation,
  type RunMode as LocalRunMode,
  type Task,
  type TaskType,
  type Workflow,
} from '../../../shared/model';
import { ALERT_MODES, fromPortableFlow, localPosition, POSITION_SCALE } from '../../../shared/enos-portable';
import { encodeInlineCommand, encodeInlinePython, type InlineSource } from './inline-script';
import { canonicalJson } from '../common/canonical-json';
import type {
  AlertMode,
  FlowGraph,
  FlowNode,
  NodeRelation,
  PortableFlow,
  PortableTask,
  RunMode,
  SaveFlowRequest,
  TaskNode,
} from './types';

export { fromPortableFlow, POSITION_SCALE };

/**
 * Pure mapping between the workspace model and the two EnOS flow forms (spec §4.2, §4.3).
 * Every choice the spec leaves open is listed in docs/decisions.md "EnOS publish"; the lossy
 * fields (what a round trip workspace -> EnOS -> workspace does not keep) are:
 * - task `description` of SHELL / PYTHON tasks (PortableTask has no such field);
 * - task `parameters` of SHELL / PYTHON tasks: substituted into the command at publish;
 * - reference names: EnOS nodes have none, they come back as `wait_<workflow>[_<task>]`;
 * - `script` of a task when inline scripts are off;
 * - positions and `cycleGap` without the graph form (`fromPortableFlow` without `graph`).
 */

/** Task type codes we send; the spec's integer table and its samples disagree (§5.5). */
export const ENOS_TASK_TYPE: Readonly<Record<TaskType, string>> = {
  SHELL: 'COMMAND',
  PYTHON: 'PYTHON',
  DATA_SYNC: 'DATA_INTEGRATION',
  EXTERNAL_APP: 'EXTERNAL_APP',
};

/** Resource formats whose versions are text and may be inlined into a command. */
export const TEXT_RESOURCE_FORMATS: ReadonlySet<string> = new Set(['sh', 'py', 'sql', 'hql']);

const MANUAL_CRON = '0 0 0 * * ? *';

/** A text resource version available for inlining. */
export interface InlineResourceText {
  /** File name the console would have given it (basename of the version's path). */
  readonly file: string;
  readonly text: string;
}

export interface MappingContext {
  /** EnOS big-data account (`submitter` / `doAs`), the environment's `doAs` option. */
  readonly doAs?: string;
  /** Embed text scripts in task commands (per environment; default true). */
  readonly inlineScripts?: boolean;
  /** Working-tree script text by workspace path. */
  readonly scripts?: Readonly<Record<string, string>>;
  /** Text resource versions by `name@version`. */
  readonly resourceTexts?: Readonly<Record<string, InlineResourceText>>;
}

/** How a SHELL / PYTHON task's code reaches EnOS. */
export interface TaskResourceUse {
  readonly task: string;
  /** `inline`: embedded in the command; `prerequisite`: must be uploaded in the console; `missing`: a script that cannot be carried. */
  readonly mode: 'inline' | 'prerequisite' | 'missing';
  readonly resource?: { readonly name: string; readonly version: string };
  readonly script?: string;
}

/** Where each SHELL / PYTHON task's script or resource goes under `ctx`. */
export function taskResourceUses(wf: Workflow, ctx: MappingContext): TaskResourceUse[] {
  const out: TaskResourceUse[] = [];
  for (const t of wf.tasks) {
    if (t.type !== 'SHELL' && t.type !== 'PYTHON') continue;
    const inline = ctx.inlineScripts !== false;
    if (t.resource) {
      const key = `${t.resource.name}@${t.resource.version}`;
      const mode = inline && ctx.resourceTexts?.[key] ? 'inline' : 'prerequisite';
      out.push({ task: t.name, mode, resource: { ...t.resource } });
    } else if (t.script !== undefined) {
      const mode = inline && ctx.scripts?.[t.script] !== undefined ? 'inline' : 'missing';
      out.push({ task: t.name, mode, script: t.script });
    }
  }
  return out;
}

/** Replace `${key}` of the task's own parameters; `$${key}` stays literal. */
function substitute(text: string, params: Readonly<Record<string, string>>): string {
  return text.replace(/(\$?)\$\{([A-Za-z_][A-Za-z0-9_.]*)\}/g, (all, esc: string, key: string) =>
    esc === '' && Object.prototype.hasOwnProperty.call(params, key) ? params[key] : all,
  );
}

function runModeToEnos(r: LocalRunMode | undefined): string {
  const m: RunMode = {
    taskMode: 1,
    cpu: r?.cpu ?? 0.5,
    memory: r?.memory ?? 1,
    maxParallel: 0,
    keyType: 0,
    datasourceId: 0,
    path: '',
    content: '',
  };
  if (r?.mode === 'multiple') {
    m.taskMode = 2;
    m.maxParallel = r.maxParallel ?? 1;
    if (r.keySource?.type === 'custom') {
      m.keyType = 2;
      m.content = r.keySource.keys.join('\n');
    } else if (r.keySource?.type === 'file') {
      // EnOS wants a numeric data source id; the connection name travels in `path` until a connection maps to one.
      m.keyType = 1;
      m.path = `${r.keySource.connection}:${r.keySource.path}`;
    }
  }
  return JSON.stringify(m);
}

function processCommand(
  t: Extract<Task, { type: 'SHELL' | 'PYTHON' }>,
  ctx: MappingContext,
): { cmd: string; resource: string; filePackage: string } {
  const command = t.command === undefined ? undefined : substitute(t.command, t.parameters);
  const inline = ctx.inlineScripts !== false;
  if (t.resource) {
    const text = inline ? ctx.resourceTexts?.[`${t.resource.name}@${t.resource.version}`] : undefined;
    if (!text) return { cmd: command ?? '', resource: t.resource.name, filePackage: t.resource.version };
    const source: InlineSource = {
      kind: 'resource',
      name: t.resource.name,
      version: t.resource.version,
      file: text.file,
    };
    const cmd =
      command === undefined
        ? encodeInlinePython(source, text.text)
        : encodeInlineCommand(source, text.text, command);
    return { cmd, resource: 'default', filePackage: '' };
  }
  const script = t.script !== undefined && inline ? ctx.scripts?.[t.script] : undefined;
  if (t.script !== undefined && script !== undefined) {
    const source: InlineSource = { kind: 'script', path: t.script };
    const cmd =
      command === undefined
        ? encodeInlinePython(source, script)
        : encodeInlineCommand(source, script, command);
    return { cmd, resource: 'default', filePackage: '' };
  }
  return {
    cmd: command ?? (t.script !== undefined ? `python3 ${t.script}` : ''),
    resource: 'default',
    filePackage: '',
  };
}

/** Our JSON carrier for DATA_SYNC / EXTERNAL_APP configs in `cmd` (EnOS documents no format for them). */
function configCommand(t: Extract<Task, { type: 'DATA_SYNC' | 'EXTERNAL_APP' }>): string {
  const body = t.type === 'DATA_SYNC' ? { sync: t.sync } : { app: t.app };
  return canonicalJson({ bdp: t.type, description: t.description, parameters: t.parameters, ...body });
}

function toPortableTask(t: Task, periodic: boolean, ctx: MappingContext): PortableTask {
  const common = {
    name: t.name,
    type: ENOS_TASK_TYPE[t.type],
    syncType: 1,
    submitter: '',
    cron: (periodic && t.config.cron) || '',
    priorityLevel: 0,
    timeout: t.config.timeout,
    retryLimit: t.config.retryTimes,
    retryInterval: t.config.retryInterval,
    successCode: t.config.successCode,
    asLink: t.config.allowReference,
  };
  if (t.type === 'SHELL' || t.type === 'PYTHON') {
    return { ...common, ...processCommand(t, ctx), runMode: runModeToEnos(t.runMode) };
  }
  return {
    ...common,
    cmd: configCommand(t),
    resource: 'default',
    filePackage: '',
    runMode: runModeToEnos(undefined),
  };
}

/** Derived EnOS-side reference names: `wait_<workflow>` / `wait_<workflow>_<task>`, made unique. */
function defaultGap(wf: { schedule: Workflow['schedule'] }): string {
  return `${wf.schedule.type === 'periodic' ? wf.schedule.cycle : 'D'}0`;
}

/** Import Flow `flowJson` for a workflow (spec §3.14, §4.3). */
export function toPortableFlow(wf: Workflow, ctx: MappingContext = {}): PortableFlow {
  const periodic = wf.schedule.type === 'periodic';
  const linkOf = new Map(wf.references.map((r, i) => [r.name, String(i)]));
  const taskNames = new Set(wf.tasks.map((t) => t.name));
  return {
    name: wf.name,
    cycle: wf.schedule.type === 'periodic' ? wf.schedule.cycle : 'D',
    cron: wf.schedule.type === 'periodic' ? wf.schedule.cron : MANUAL_CRON,
    parameters: JSON.stringify(Object.entries(wf.parameters).map(([key, value]) => ({ key, value }))),
    alertMode: ALERT_MODES.indexOf(wf.alertMode) as AlertMode,
    submitter: ctx.doAs ?? '',
    owners: wf.owners.length ? `;${wf.owners.join(';')};` : '',
    visitors: '',
    type: periodic ? 1 : 0,
    syncType: 1,
    desc: wf.description ?? '',
    startTime: wf.schedule.type === 'periodic' ? wf.schedule.effectiveDate : '',
    tasks: wf.tasks.map((t) => toPortableTask(t, periodic, ctx)),
    flowLinks: wf.references.flatMap((r) =>
      r.kind === 'flow' ? [{ linkId: linkOf.get(r.name)!, sourceFlowName: r.workflow }] : [],
    ),
    taskLinks: wf.references.flatMap((r) =>
      r.kind === 'task'
        ? [{ linkId: linkOf.get(r.name)!, sourceFlowName: r.workflow, sourceTaskName: r.task }]
        : [],
    ),
    relations: wf.relations
      .filter((r) => taskNames.has(r.from))
      .map((r) => ({ sourceTaskName: r.from, targetTaskName: r.to, rerun: r.rerun })),
    linkRelations: wf.relations
      .filter((r) => linkOf.has(r.from))
      .map((r) => ({ linkId: linkOf.get(r.from)!, targetTaskName: r.to, rerun: r.rerun })),
  };
}

/** The remote graph node a reference stands for. */
export interface RemoteRefNode {
  readonly flowId: string;
  readonly flowName: string;
  readonly isVirtual: boolean;
}

export interface GraphContext extends MappingContext {
  readonly flowId: number;
  readonly active: 0 | 1;
  /** Task name -> existing remote taskId (Save Flow cannot create tasks). */
  readonly taskIds: ReadonlyMap<string, string>;
  /** Local reference name -> the remote node it maps to. */
  readonly refNodes: ReadonlyMap<string, RemoteRefNode>;
  /** Current remote graph: positions of nodes the workflow leaves unplaced, owners/visitors/queue kept. */
  readonly current?: FlowGraph;
}

function enosPosition(
  p: Position | undefined,
  fallback: { x: number; y: number } | undefined,
  i: number,
): { x: number; y: number } {
  if (p) return { x: p.x / POSITION_SCALE, y: p.y / POSITION_SCALE };
  return fallback ?? { x: 0.02 + 0.01 * i, y: 0.01 };
}

/** Save Flow body for an existing workflow whose tasks already exist remotely (spec §3.18, §4.2). */
export function toFlowGraph(wf: Workflow, ctx: GraphContext): SaveFlowRequest {
  const portable = toPortableFlow(wf, ctx);
  const currentPos = new Map<string, { x: number; y: number }>();
  for (const n of [...(ctx.current?.tasks ?? []), ...(ctx.current?.flows ?? [])])
    currentPos.set(n.nodeId, { x: n.x, y: n.y });
  const nodeOf = new Map<string, string>();
  const tasks: TaskNode[] = wf.tasks.map((t, i) => {
    const taskId = ctx.taskIds.get(t.name);
    if (taskId === undefined)
      throw new Error(`task "${t.name}" does not exist remotely; Save Flow cannot create tasks`);
    const nodeId = `t_${taskId}`;
    nodeOf.set(t.name, nodeId);
    return { taskId, taskName: t.name, nodeId, ...enosPosition(t.position, currentPos.get(nodeId), i) };
  });
  const flows: FlowNode[] = wf.references.map((r, i) => {
    const node = ctx.refNodes.get(r.name);
    if (!node) throw new Error(`reference "${r.name}" has no remote node`);
    const nodeId = `f_${node.flowId}`;
    nodeOf.set(r.name, nodeId);
    return {
      flowId: node.flowId,
      flowName: node.flowName,
      nodeId,
      isVirtual: node.isVirtual,
      ...enosPosition(r.position, currentPos.get(nodeId), i),
    };
  });
  const gap = defaultGap(wf);
  const relations: NodeRelation[] = wf.relations.map((r) => ({
    source: nodeOf.get(r.from)!,
    target: nodeOf.get(r.to)!,
    cycleGap: r.cycleGap ?? gap,
    rerun: r.rerun,
  }));
  return {
    id: ctx.flowId,
    name: wf.name,
    type: portable.type,
    cycle: portable.cycle,
    freq: portable.cron,
    startTime: portable.startTime,
    active: ctx.active,
    alertMode: portable.alertMode,
    owners: portable.owners || ctx.current?.owners || '',
    visitors: ctx.current?.visitors ?? '',
    doAs: ctx.doAs ?? ctx.current?.doAs ?? '',
    queue: ctx.current?.queue ?? '',
    desc: portable.desc,
    syncType: 1,
    parameters: portable.parameters,
    tasks,
    flows,
    relations,
  };
}

/**
 * What EnOS can hold of a local workflow: the round trip through the portable form, with the
 * local layout (positions, cycle gaps) carried over under the derived reference names. Plan
 * compares this with `fromPortableFlow(export, graph)`.
 */
export function projectWorkflow(wf: Workflow, ctx: MappingContext = {}): Workflow {
  const back = fromPortableFlow(toPortableFlow(wf, ctx));
  const refName = new Map(wf.references.map((r, i) => [r.name, back.references[i]?.name ?? r.name]));
  const rename = (n: string): string => refName.get(n) ?? n;
  const gap = defaultGap(wf);
  const round = (p: Position | undefined): Position | undefined =>
    p && localPosition(p.x / POSITION_SCALE, p.y / POSITION_SCALE);
  const positionOf = new Map<string, Position | undefined>([
    ...wf.tasks.map((t) => [t.name, round(t.position)] as const),
    ...wf.references.map((r) => [rename(r.name), round(r.position)] as const),
  ]);
  const withPos = <T extends { name: string; position?: Position }>(n: T): T => {
    const { position: _drop, ...rest } = n;
    const p = positionOf.get(n.name);
    return (p ? { ...rest, position: p } : rest) as T;
  };
  const gaps = new Map(wf.relations.map((r) => [`${rename(r.from)}->${rename(r.to)}`, r.cycleGap]));
  return {
    ...back,
    tasks: back.tasks.map(withPos),
    references: back.references.map(withPos) as Reference[],
    relations: back.relations.map((r): Relation => {
      const g = gaps.get(`${r.from}->${r.to}`);
      const { cycleGap: _drop, ...rest } = r;
      return g && g !== gap ? { ...rest, cycleGap: g } : rest;
    }),
  };
}

/**
 * The remote workflow as compared with `local` (already projected): positions the local file
 * leaves out are ignored, and remote owners that include all local ones count as equal (EnOS
 * adds the creator). Relations and references are sorted so order does not matter.
 */
export function comparableRemote(remote: Workflow, local: Workflow): Workflow {
  const placed = new Set([...local.tasks, ...local.references].filter((n) => n.position).map((n) => n.name));
  const strip = <T extends { name: string; position?: Position }>(n: T): T => {
    if (placed.has(n.name)) return n;
    const { position: _drop, ...rest } = n;
    return rest as T;
  };
  const ownersCovered = local.owners.every((o) => remote.owners.includes(o));
  return normalizeForCompare({
    ...remote,
    owners: ownersCovered ? local.owners : remote.owners,
    tasks: remote.tasks.map(strip),
    references: remote.references.map(strip) as Reference[],
  });
}

/** Order-insensitive canonical form for comparison and diff rendering. */
export function normalizeForCompare(wf: Workflow): Workflow {
  const byName = (a: { name: string }, b: { name: string }): number =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  return {
    ...wf,
    references: [...wf.references].sort(byName),
    relations: [...wf.relations].sort((a, b) =>
      `${a.from}\u0000${a.to}` < `${b.from}\u0000${b.to}` ? -1 : 1,
    ),
  };
}

/** The portable task definitions; equal sets mean Save Flow can apply the change. */
export function taskDefinitionsKey(p: PortableFlow): string {
  const tasks = [...p.tasks]
    .map((t) => ({ ...t, type: String(t.type) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const taskRefs = (p.taskLinks ?? []).map((l) => `${l.sourceFlowName}.${l.sourceTaskName}`).sort();
  return canonicalJson({ tasks, taskRefs, type: Number(p.type) });
}
