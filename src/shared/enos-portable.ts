import { workflowSchema, type Position, type TaskType, type Workflow } from './model';

/**
 * The EnOS portable flow (Export Flow `data`, Import Flow `flowJson`, the EnOS API specification §4.2,
 * §4.3) and its pure conversion to a workspace workflow. Shared by the EnOS sync backend
 * (src/main/sync/enos) and the renderer's "Import EnOS export".
 */

/** Ids the service sends sometimes as numbers, sometimes as numeric strings (spec §7.2). */
export type NumericId = number | string;

/** §5.2 */
export type EnosCycle = 'M' | 'W' | 'D' | 'H' | 'mi';
/** §5.3: 0 manual, 1 periodic, 2 temporary. */
export type SchedulingType = 0 | 1 | 2;
/** §5.4: 0 off, 1 e-mail, 2 SMS, 3 both. */
export type AlertMode = 0 | 1 | 2 | 3;

/** `{key, value}` items of workflow parameters (§4.6). */
export interface ParameterItem {
  key: string;
  value: string;
}

/** §4.2 TaskNode. */
export interface TaskNode {
  taskId: NumericId;
  taskName: string;
  nodeId: string;
  x: number;
  y: number;
  status?: string;
  taskInstId?: string;
}

/** §4.2 FlowNode. */
export interface FlowNode {
  flowId: NumericId;
  flowName: string;
  nodeId: string;
  isVirtual: boolean;
  x: number;
  y: number;
  flowInstId?: string;
  status?: string;
}

/** §4.2 NodeRelation. */
export interface NodeRelation {
  source: string;
  target: string;
  cycleGap: string;
  rerun: boolean;
}

/** §4.2 FlowGraph: the value of `graph` (a JSON string) and the shape of the Save Flow body. */
export interface FlowGraph {
  name: string;
  type: SchedulingType;
  cycle: EnosCycle;
  freq: string;
  startTime?: string;
  active?: 0 | 1;
  alertMode: AlertMode;
  creator?: string;
  owners: string;
  visitors: string;
  doAs: string;
  queue?: string;
  desc?: string;
  syncType?: number;
  parameters?: string;
  tasks?: TaskNode[];
  flows?: FlowNode[];
  relations?: NodeRelation[];
}

/** §4.4 RunMode, carried as a JSON string in `runMode`. */
export interface RunMode {
  taskMode: 1 | 2;
  cpu: number;
  memory: number;
  maxParallel: number;
  keyType: 0 | 1 | 2;
  datasourceId: number;
  path: string;
  content: string;
}

/** §4.3 PortableTask. */
export interface PortableTask {
  name: string;
  resource: string;
  /** Samples send strings (`COMMAND`, `DATA_INTEGRATION`); the doc says integer (§5.5). */
  type: string | number;
  syncType: number;
  cmd: string;
  submitter: string;
  filePackage: string;
  cron: string;
  priorityLevel: number;
  timeout: number;
  retryLimit: number;
  retryInterval: number;
  successCode: string;
  waitCode?: string;
  asLink: boolean;
  /** RunMode as a JSON string. */
  runMode: string;
}

export interface FlowLink {
  linkId: string;
  sourceFlowName: string;
}
export interface TaskLink {
  linkId: string;
  sourceFlowName: string;
  sourceTaskName: string;
}
export interface TaskRelation {
  sourceTaskName: string;
  targetTaskName: string;
  rerun: boolean;
}
export interface LinkRelation {
  linkId: string;
  targetTaskName: string;
  rerun: boolean | null;
}

/** §4.3 PortableFlow (Export Flow `data`, Import Flow `flowJson`). */
export interface PortableFlow {
  name: string;
  cycle: EnosCycle;
  cron: string;
  parameters: string;
  alertMode: AlertMode;
  submitter: string;
  owners: string;
  visitors: string;
  type: SchedulingType;
  syncType: number;
  desc: string;
  startTime: string;
  tasks: PortableTask[];
  flowLinks: FlowLink[];
  taskLinks: TaskLink[];
  relations: TaskRelation[];
  linkRelations: LinkRelation[];
}

/** What an inline command embeds: a working-tree script or a resource version. */
export type InlineSource =
  | { readonly kind: 'script'; readonly path: string }
  | { readonly kind: 'resource'; readonly name: string; readonly version: string; readonly file: string };

export interface DecodedInline {
  readonly source: InlineSource;
  /** The command after the embedded file; undefined for a PYTHON code body. */
  readonly command?: string;
}

export const INLINE_MARKER = '# bdp:inline ';

function parseHeader(line: string): InlineSource | undefined {
  if (!line.startsWith(INLINE_MARKER)) return undefined;
  const rest = line.slice(INLINE_MARKER.length);
  const script = /^script=(\S+)$/.exec(rest);
  if (script) return { kind: 'script', path: script[1] };
  const res = /^resource=([^@\s]+)@(\S+) file=(\S+)$/.exec(rest);
  return res ? { kind: 'resource', name: res[1], version: res[2], file: res[3] } : undefined;
}

/** Reverse of the two encoders; undefined for a plain command. */
export function decodeInlineCommand(cmd: string): DecodedInline | undefined {
  const nl = cmd.indexOf('\n');
  if (nl < 0) return undefined;
  const source = parseHeader(cmd.slice(0, nl));
  if (!source) return undefined;
  const rest = cmd.slice(nl + 1);
  const m = /^(?:mkdir -p '(?:[^']|'\\'')*' && )?cat > '(?:[^']|'\\'')*' <<'(BDP_EOF_[0-9a-f]{8})'\n/.exec(
    rest,
  );
  if (!m) return { source };
  const end = rest.indexOf(`\n${m[1]}\n`, m[0].length - 1);
  if (end < 0) return { source };
  return { source, command: rest.slice(end + m[1].length + 2) };
}

/** Workspace canvas pixels per EnOS position unit (EnOS stores small fractions). */
export const POSITION_SCALE = 10_000;

export const ALERT_MODES: readonly Workflow['alertMode'][] = ['none', 'email', 'sms', 'email+sms'];

function runModeFromEnos(text: string): Record<string, unknown> {
  let m: Partial<RunMode>;
  try {
    m = JSON.parse(text || '{}') as Partial<RunMode>;
  } catch {
    m = {};
  }
  const base = { cpu: Number(m.cpu ?? 0.5), memory: Number(m.memory ?? 1) };
  if (Number(m.taskMode) !== 2) return { mode: 'single', ...base };
  const keySource =
    Number(m.keyType) === 1
      ? {
          type: 'file',
          connection: String(m.path ?? '').split(':')[0],
          path: String(m.path ?? '')
            .split(':')
            .slice(1)
            .join(':'),
        }
      : {
          type: 'custom',
          keys: String(m.content ?? '')
            .split('\n')
            .filter(Boolean),
        };
  return { mode: 'multiple', ...base, maxParallel: Number(m.maxParallel ?? 1), keySource };
}

export function derivedRefNames(
  refs: readonly { workflow: string; task?: string }[],
  taken: Iterable<string>,
): string[] {
  const used = new Set(taken);
  return refs.map((r) => {
    const base = r.task === undefined ? `wait_${r.workflow}` : `wait_${r.workflow}_${r.task}`;
    let name = base.slice(0, 64);
    for (let i = 2; used.has(name); i++) name = `${base.slice(0, 60)}_${i}`;
    used.add(name);
    return name;
  });
}

function taskTypeFromEnos(type: string | number): TaskType {
  const t = String(type).toUpperCase();
  if (t === 'DATA_INTEGRATION' || t === 'DATA_SYNC' || t === '0' || t === '7') return 'DATA_SYNC';
  if (t === 'PYTHON') return 'PYTHON';
  if (t === 'EXTERNAL_APP' || t === 'EXTERNAL') return 'EXTERNAL_APP';
  return 'SHELL';
}

function fromPortableTask(
  p: PortableTask,
  periodic: boolean,
  position: Position | undefined,
): Record<string, unknown> {
  const type = taskTypeFromEnos(p.type);
  const config: Record<string, unknown> = {
    timeout: Number(p.timeout ?? 0),
    retryTimes: Number(p.retryLimit ?? 0),
    retryInterval: Number(p.retryInterval ?? 0),
    allowReference: p.asLink === true,
    successCode: String(p.successCode ?? '0'),
  };
  if (periodic && p.cron) config.cron = p.cron;
  const base: Record<string, unknown> = { name: p.name, type, ...(position ? { position } : {}), config };
  if (type === 'DATA_SYNC' || type === 'EXTERNAL_APP') {
    try {
      const body = JSON.parse(p.cmd) as Record<string, unknown>;
      const extra = type === 'DATA_SYNC' ? { sync: body.sync } : { app: body.app };
      return {
        ...base,
        ...(body.description !== undefined ? { description: body.description } : {}),
        parameters: body.parameters ?? {},
        ...extra,
      };
    } catch {
      // A task made in the console: its wizard config is not readable through the API.
      return type === 'EXTERNAL_APP'
        ? { ...base, app: { domain: 'http://unknown', command: p.cmd } }
        : { ...base, description: p.cmd };
    }
  }
  const out: Record<string, unknown> = { ...base, runMode: runModeFromEnos(p.runMode) };
  const inline = decodeInlineCommand(p.cmd ?? '');
  if (inline) {
    if (inline.source.kind === 'script') out.script = inline.source.path;
    else out.resource = { name: inline.source.name, version: inline.source.version };
    if (inline.command !== undefined) out.command = inline.command;
  } else {
    if (p.cmd) out.command = p.cmd;
    if (p.resource && p.resource !== 'default') out.resource = { name: p.resource, version: p.filePackage };
  }
  return out;
}

/** Workspace position from EnOS units, rounded to 1/100 pixel. */
export function localPosition(x: number, y: number): Position {
  return { x: Math.round(x * POSITION_SCALE * 100) / 100, y: Math.round(y * POSITION_SCALE * 100) / 100 };
}

/**
 * A workspace workflow from Export Flow (spec §3.6). With `graph` (Get Flow), node positions
 * and non-default `cycleGap`s come back too. Defaults are applied by the workflow schema; a
 * remote flow the schema rejects comes back unvalidated.
 */
export function fromPortableFlow(p: PortableFlow, graph?: FlowGraph): Workflow {
  const periodic = Number(p.type) === 1;
  const schedule = periodic
    ? { type: 'periodic', cycle: p.cycle, cron: p.cron, effectiveDate: p.startTime }
    : { type: 'manual' };
  const links = [
    ...(p.flowLinks ?? []).map((l) => ({
      linkId: String(l.linkId),
      workflow: l.sourceFlowName,
      task: undefined as string | undefined,
    })),
    ...(p.taskLinks ?? []).map((l) => ({
      linkId: String(l.linkId),
      workflow: l.sourceFlowName,
      task: l.sourceTaskName as string | undefined,
    })),
  ].sort(
    (a, b) => Number(a.linkId) - Number(b.linkId) || (a.linkId < b.linkId ? -1 : a.linkId > b.linkId ? 1 : 0),
  );
  const refNames = derivedRefNames(
    links,
    p.tasks.map((t) => t.name),
  );
  const refOfLink = new Map(links.map((l, i) => [l.linkId, refNames[i]]));

  // Graph nodes by the workspace name they stand for.
  const nodeName = new Map<string, string>();
  const posOf = new Map<string, Position>();
  if (graph) {
    for (const t of graph.tasks ?? []) {
      nodeName.set(t.nodeId, t.taskName);
      posOf.set(t.taskName, localPosition(t.x, t.y));
    }
    const free = links.map((l, i) => ({ ...l, name: refNames[i] }));
    for (const f of graph.flows ?? []) {
      const virtual = /^\d+\((.*)\)$/.exec(f.flowName);
      const k = free.findIndex((l) =>
        f.isVirtual
          ? l.task !== undefined && virtual?.[1] === l.task
          : l.task === undefined && l.workflow === f.flowName,
      );
      if (k < 0) continue;
      nodeName.set(f.nodeId, free[k].name);
      posOf.set(free[k].name, localPosition(f.x, f.y));
      free.splice(k, 1);
    }
  }
  const gapOf = new Map<string, string>();
  for (const r of graph?.relations ?? []) {
    const s = nodeName.get(r.source);
    const t = nodeName.get(r.target);
    if (s !== undefined && t !== undefined) gapOf.set(`${s}->${t}`, r.cycleGap);
  }
  const gap = `${periodic ? p.cycle : 'D'}0`;
  const relation = (from: string, to: string, rerun: boolean | null): Record<string, unknown> => {
    const g = gapOf.get(`${from}->${to}`);
    return { from, to, rerun: rerun !== false, ...(g && g !== gap ? { cycleGap: g } : {}) };
  };
  let parameters: Record<string, string>;
  try {
    const list = JSON.parse(p.parameters || '[]') as { key: string; value: unknown }[];
    parameters = Object.fromEntries(list.map((kv) => [kv.key, String(kv.value)]));
  } catch {
    parameters = {};
  }
  const raw = {
    name: p.name,
    ...(p.desc ? { description: p.desc } : {}),
    schedule,
    alertMode: ALERT_MODES[Number(p.alertMode)] ?? 'email',
    owners: (p.owners ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean),
    parameters,
    references: links.map((l, i) => ({
      name: refNames[i],
      kind: l.task === undefined ? 'flow' : 'task',
      workflow: l.workflow,
      ...(l.task !== undefined ? { task: l.task } : {}),
      ...(posOf.has(refNames[i]) ? { position: posOf.get(refNames[i]) } : {}),
    })),
    tasks: p.tasks.map((t) => fromPortableTask(t, periodic, posOf.get(t.name))),
    relations: [
      ...(p.linkRelations ?? []).flatMap((r) => {
        const from = refOfLink.get(String(r.linkId));
        return from === undefined ? [] : [relation(from, r.targetTaskName, r.rerun)];
      }),
      ...(p.relations ?? []).map((r) => relation(r.sourceTaskName, r.targetTaskName, r.rerun)),
    ],
  };
  const parsed = workflowSchema.safeParse(raw);
  return parsed.success ? parsed.data : (raw as unknown as Workflow);
}
