import path from 'node:path';
import type {
  AppConfig,
  Cycle,
  ExternalAppTask,
  Reference,
  Relation,
  Task,
  TaskConfig,
  Workflow,
} from '../../../shared/model';
import { placeholdersIn, resolveSystemVariable } from '../../../shared/variables';
import type {
  DsDagData,
  DsDefinitionBody,
  DsProperty,
  DsRelation,
  DsScheduleParam,
  DsTaskDefinition,
} from './types';

/**
 * Pure mapping between the workspace model and DolphinScheduler 3.2.2 workflow definitions
 * (spec §6). Decisions are in docs/decisions.md "DolphinScheduler". Every SHELL / PYTHON /
 * DATA_SYNC script starts with a `# bdp: {json}` header carrying the workspace fields the DS task
 * cannot hold, so `fromDsDefinition` gives the workflow back.
 */

export const HEADER = '# bdp: ';
/** Edge label that keeps a relation's `rerun: false` on the server. */
export const NO_RERUN_LABEL = 'bdp:no-rerun';

/** EnOS system variables DolphinScheduler computes itself, as DS built-in expressions. */
const DS_BUILTINS: Readonly<Record<string, string>> = {
  cal_dt: '$[yyyy-MM-dd-1]',
  cal_dt8: '$[yyyyMMdd-1]',
  ncal_dt: '$[yyyy-MM-dd]',
  ncal_dt8: '$[yyyyMMdd]',
  last_week8: '$[yyyyMMdd-7]',
  last_week10: '$[yyyy-MM-dd-7]',
  '30days_cal_dt': '$[yyyy-MM-dd-31]',
  task_id: '${system.task.instance.id}',
  instance_id: '${system.workflow.instance.id}',
};

const REFERENCE_TRIGGER = {
  triggerTime: '2017-05-27 13:50:00',
  utcOffsetMinutes: 480,
  taskId: 't',
  instanceId: 'i',
  appCustomer: 'c',
  appId: 'a',
};

/** Is `name` an EnOS system variable (`cal_dt`, `cal_dt8-3`, ...)? */
export function isSystemVariable(name: string): boolean {
  return resolveSystemVariable(name, REFERENCE_TRIGGER) !== undefined;
}

/** The DS expression for a system variable, or undefined when DS cannot compute it. */
export function dsBuiltin(name: string): string | undefined {
  if (DS_BUILTINS[name]) return DS_BUILTINS[name];
  const m = /^(cal_dt8?)-(\d{1,4})$/.exec(name);
  if (!m) return undefined;
  return m[1] === 'cal_dt' ? `$[yyyy-MM-dd-${1 + Number(m[2])}]` : `$[yyyyMMdd-${1 + Number(m[2])}]`;
}

/** A script or resource version a task needs in its working directory. */
export interface DsResourceUse {
  readonly task: string;
  /** `name@version` of a resource version, or `script:<workspace path>`. */
  readonly key: string;
  /** Path below the tenant resource root, e.g. `bdp/retail/workspace/scripts/x.py`. */
  readonly relPath: string;
  /** Where the task's command expects the file, relative to its working directory. */
  readonly linkAs: string;
  readonly resource?: { readonly name: string; readonly version: string };
  readonly script?: string;
}

export interface DsMappingContext {
  readonly projectCode: number;
  /** Tenant resource root, ending in `/`. */
  readonly resourceRoot: string;
  /** Folder below the root this workspace publishes to, ending in `/` (e.g. `bdp/retail-analytics/`). */
  readonly prefix: string;
  /** IANA zone of schedules (the workspace `timezone`). */
  readonly timezone: string;
  /** Remote codes of workflows (and their tasks) references point to. */
  readonly workflows: ReadonlyMap<
    string,
    { readonly code: number; readonly tasks: ReadonlyMap<string, number> }
  >;
  /** Cycle of every workspace workflow, for DEPENDENT cycles. */
  readonly cycles?: ReadonlyMap<string, Cycle>;
  /** Resource file names by `name@version` (basename of the version's path). */
  readonly resourceFiles?: Readonly<Record<string, string>>;
}

/** The files each SHELL / PYTHON task uses, where they go in the Resource Center. */
export function taskResourceUses(
  wf: Workflow,
  ctx: Pick<DsMappingContext, 'prefix' | 'resourceFiles'>,
): DsResourceUse[] {
  const out: DsResourceUse[] = [];
  for (const t of wf.tasks) {
    if (t.type !== 'SHELL' && t.type !== 'PYTHON') continue;
    if (t.resource) {
      const key = `${t.resource.name}@${t.resource.version}`;
      const file = ctx.resourceFiles?.[key] ?? t.resource.name;
      out.push({
        task: t.name,
        key,
        relPath: `${ctx.prefix}resources/${t.resource.name}/${t.resource.version}/${file}`,
        linkAs: file,
        resource: { ...t.resource },
      });
    } else if (t.script !== undefined) {
      out.push({
        task: t.name,
        key: `script:${t.script}`,
        relPath: `${ctx.prefix}workspace/${t.script}`,
        linkAs: t.script,
        script: t.script,
      });
    }
  }
  return out;
}

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const minutes = (seconds: number): number => (seconds <= 0 ? 0 : Math.max(1, Math.ceil(seconds / 60)));

/** The shell line that unpacks an archive resource next to itself, as a local pre-run does (docs/decisions.md "Pre-run parity"). */
function unpackLine(file: string): string | undefined {
  const f = q(file);
  if (/\.zip$/i.test(file)) return `{ unzip -o -q ${f} || python3 -m zipfile -e ${f} . ; }`;
  if (/\.(tar\.gz|tgz)$/i.test(file)) return `tar -xzf ${f}`;
  if (/\.tar$/i.test(file)) return `tar -xf ${f}`;
  return undefined;
}

/** Shell lines that put a resource where the command expects it (the worker downloads it under its relPath), archives unpacked. */
function linkLines(uses: readonly DsResourceUse[]): string[] {
  return uses.flatMap((u) => {
    const lines: string[] = [];
    if (u.linkAs !== u.relPath) {
      const dir = path.posix.dirname(u.linkAs);
      lines.push(`${dir !== '.' ? `mkdir -p ${q(dir)} && ` : ''}ln -sf "$PWD/${u.relPath}" ${q(u.linkAs)}`);
    }
    const unpack = u.resource ? unpackLine(u.linkAs) : undefined;
    if (unpack) lines.push(unpack);
    return lines;
  });
}

function header(fields: Record<string, unknown>): string {
  return `${HEADER}${JSON.stringify(fields)}`;
}

const PYTHON_FILE_COMMAND = /^(python3?|python\d(\.\d+)?)((?:\s+-[A-Za-z]+)*)\s+(\S+\.py)(\s+.*)?$/;

/** PYTHON code that keeps BDP's rule: a script defining `main()` succeeds iff `main()` returns the integer 0. */
export function pythonMainWrapper(file: string, args: string): string {
  return [
    'import ast, runpy, shlex, sys',
    `_bdp_file = ${JSON.stringify(file)}`,
    `sys.argv = [_bdp_file] + shlex.split(${JSON.stringify(args)})`,
    "with open(_bdp_file, encoding='utf-8') as _f:",
    "    _bdp_main = any(isinstance(n, ast.FunctionDef) and n.name == 'main' for n in ast.parse(_f.read()).body)",
    "_bdp_ns = runpy.run_path(_bdp_file, run_name='__bdp_task__' if _bdp_main else '__main__')",
    'if _bdp_main:',
    "    _bdp_rc = _bdp_ns['main']()",
    '    sys.exit(0 if type(_bdp_rc) is int and _bdp_rc == 0 else 1)',
  ].join('\n');
}

function pythonScript(t: Extract<Task, { type: 'PYTHON' }>, uses: readonly DsResourceUse[]): string {
  const links = linkLines(uses);
  const prelude = links.length
    ? [
        `import subprocess as _bdp_sp`,
        ...links.map((l) => `_bdp_sp.check_call(${JSON.stringify(l)}, shell=True)`),
      ]
    : [];
  const command = t.command?.trim();
  let body: string;
  const fileCommand = command && !command.includes('\n') ? PYTHON_FILE_COMMAND.exec(command) : null;
  if (command === undefined || command === '')
    body = pythonMainWrapper(t.resource ? (uses[0]?.linkAs ?? '') : (t.script ?? ''), '');
  else if (fileCommand) body = pythonMainWrapper(fileCommand[4], (fileCommand[5] ?? '').trim());
  else if (!command.includes('\n') && /^(python3?|python\d(\.\d+)?)\s/.test(command))
    body = [
      'import subprocess, sys',
      `sys.exit(subprocess.call(${JSON.stringify(command)}, shell=True))`,
    ].join('\n');
  else {
    // Inline code: run it, then main() if it defines one.
    body = [
      command,
      '',
      "if 'main' in globals() and callable(globals()['main']):",
      '    import sys as _bdp_sys',
      "    _bdp_rc = globals()['main']()",
      '    _bdp_sys.exit(0 if type(_bdp_rc) is int and _bdp_rc == 0 else 1)',
    ].join('\n');
  }
  return [...prelude, body].join('\n');
}

function shellScript(t: Extract<Task, { type: 'SHELL' }>, uses: readonly DsResourceUse[]): string {
  const lines = [...linkLines(uses), t.command ?? ''];
  const success = t.config.successCode;
  if (success !== '0') lines.push(`_bdp_rc=$?; [ "$_bdp_rc" = ${q(success)} ] && exit 0 || exit 1`);
  return lines.join('\n');
}

function taskHeaderFields(t: Task): Record<string, unknown> {
  const base: Record<string, unknown> = {};
  if (t.type === 'SHELL' || t.type === 'PYTHON') {
    if (t.command !== undefined) base.command = t.command;
    if (t.script !== undefined) base.script = t.script;
    if (t.resource) base.resource = t.resource;
    base.runMode = t.runMode;
  }
  if (t.type === 'DATA_SYNC') base.sync = t.sync;
  if (t.type === 'EXTERNAL_APP') base.app = t.app;
  base.retryInterval = t.config.retryInterval;
  base.timeout = t.config.timeout;
  if (t.config.successCode !== '0') base.successCode = t.config.successCode;
  if (t.config.cron) base.cron = t.config.cron;
  if (t.config.allowReference) base.allowReference = true;
  return base;
}

const props = (params: Readonly<Record<string, string>>): DsProperty[] =>
  Object.entries(params).map(([prop, value]) => ({ prop, direct: 'IN', type: 'VARCHAR', value }));

function httpParams(app: AppConfig): Record<string, unknown> {
  const url =
    app.domain.replace(/\/+$/, '') +
    (app.command ? (app.command.startsWith('/') ? app.command : `/${app.command}`) : '');
  return {
    localParams: [],
    url,
    httpMethod: app.method,
    httpParams: Object.entries(app.headers).map(([prop, value]) => ({
      prop,
      httpParametersType: 'HEADERS',
      value,
    })),
    httpBody: app.body ?? '',
    httpCheckCondition: app.success?.status !== undefined ? 'STATUS_CODE_CUSTOM' : 'STATUS_CODE_DEFAULT',
    condition: app.success?.status !== undefined ? String(app.success.status) : '',
    connectTimeout: 60_000,
    socketTimeout: 60_000,
  };
}

/** Remote-run options for DATA_SYNC tasks. */
export const DATA_SYNC_WORKSPACE_PARAM = 'bdp_workspace';

function dataSyncScript(wf: Workflow, t: Extract<Task, { type: 'DATA_SYNC' }>): string {
  return `bdp run ${q(wf.name)} --node ${q(t.name)} --date "$[yyyy-MM-dd-1]" --workspace "\${${DATA_SYNC_WORKSPACE_PARAM}}"`;
}

function cycleOf(ctx: DsMappingContext, name: string): { cycle: string; dateValue: string } {
  switch (ctx.cycles?.get(name)) {
    case 'M':
      return { cycle: 'month', dateValue: 'thisMonth' };
    case 'W':
      return { cycle: 'week', dateValue: 'thisWeek' };
    case 'H':
    case 'mi':
      return { cycle: 'hour', dateValue: 'currentHour' };
    default:
      return { cycle: 'day', dateValue: 'today' };
  }
}

function dependentParams(ref: Reference, ctx: DsMappingContext): Record<string, unknown> {
  const target = ctx.workflows.get(ref.workflow);
  if (!target)
    throw new Error(
      `reference ${ref.name}: workflow ${ref.workflow} is neither in the workspace nor on DolphinScheduler`,
    );
  let depTaskCode = 0;
  if (ref.kind === 'task') {
    const code = target.tasks.get(ref.task);
    if (code === undefined)
      throw new Error(
        `reference ${ref.name}: task ${ref.task} is not in workflow ${ref.workflow} on DolphinScheduler`,
      );
    depTaskCode = code;
  }
  return {
    localParams: [],
    resourceList: [],
    dependence: {
      relation: 'AND',
      checkInterval: 10,
      failurePolicy: 'DEPENDENT_FAILURE_FAILURE',
      dependTaskList: [
        {
          relation: 'AND',
          dependItemList: [
            {
              projectCode: ctx.projectCode,
              definitionCode: target.code,
              depTaskCode,
              ...cycleOf(ctx, ref.workflow),
              parameterPassing: false,
            },
          ],
        },
      ],
    },
  };
}

function baseTask(
  code: number,
  name: string,
  description: string | undefined,
  config: TaskConfig | undefined,
): DsTaskDefinition {
  const timeout = minutes(config?.timeout ?? 0);
  return {
    code,
    version: 0,
    name,
    description: description ?? '',
    taskType: 'SHELL',
    taskParams: {},
    flag: 'YES',
    isCache: 'NO',
    taskPriority: 'MEDIUM',
    workerGroup: 'default',
    environmentCode: -1,
    failRetryTimes: config?.retryTimes ?? 0,
    failRetryInterval: Math.max(1, minutes(config?.retryInterval ?? 0)),
    timeoutFlag: timeout > 0 ? 'OPEN' : 'CLOSE',
    timeoutNotifyStrategy: timeout > 0 ? 'FAILED' : null,
    timeout,
    delayTime: 0,
    cpuQuota: -1,
    memoryMax: -1,
    taskExecuteType: 'BATCH',
  };
}

function toDsTask(
  wf: Workflow,
  t: Task,
  code: number,
  uses: readonly DsResourceUse[],
  ctx: DsMappingContext,
): DsTaskDefinition {
  const d = baseTask(code, t.name, t.description, t.config);
  const localParams = props(t.parameters);
  const resourceList = uses.map((u) => ({ resourceName: ctx.resourceRoot + u.relPath }));
  const head = header(taskHeaderFields(t));
  switch (t.type) {
    case 'SHELL':
      return {
        ...d,
        taskType: 'SHELL',
        taskParams: { localParams, rawScript: `${head}\n${shellScript(t, uses)}`, resourceList },
        ...quota(t),
      };
    case 'PYTHON':
      return {
        ...d,
        taskType: 'PYTHON',
        taskParams: { localParams, rawScript: `${head}\n${pythonScript(t, uses)}`, resourceList },
        ...quota(t),
      };
    case 'DATA_SYNC':
      return {
        ...d,
        taskType: 'SHELL',
        taskParams: { localParams, rawScript: `${head}\n${dataSyncScript(wf, t)}`, resourceList: [] },
      };
    case 'EXTERNAL_APP':
      // DS keeps unknown taskParams fields as written: the header travels as `bdp`.
      return {
        ...d,
        taskType: 'HTTP',
        taskParams: { ...httpParams(t.app), localParams, bdp: taskHeaderFields(t) },
      };
  }
}

function quota(t: Extract<Task, { type: 'SHELL' | 'PYTHON' }>): Partial<DsTaskDefinition> {
  return { cpuQuota: Math.round(t.runMode.cpu * 100), memoryMax: Math.round(t.runMode.memory * 1024) };
}

/** Names of the system variables a workflow uses anywhere. */
export function systemVariablesUsed(wf: Workflow): string[] {
  const texts: string[] = [JSON.stringify(wf.parameters)];
  for (const t of wf.tasks) texts.push(JSON.stringify(t));
  const out = new Set<string>();
  for (const text of texts)
    for (const name of placeholdersIn(text))
      if (isSystemVariable(name) && !(name in wf.parameters)) out.add(name);
  return [...out].sort();
}

export interface DsDefinitionMapping {
  readonly body: DsDefinitionBody;
  /** What DolphinScheduler cannot express, for the plan. */
  readonly notes: string[];
  /** System variables passed as start parameters on runs started from BDP (DS cannot compute them). */
  readonly startParams: string[];
}

/**
 * The definition of `wf`: tasks (codes from `codes`, by node name), references as DEPENDENT
 * tasks, relations (with a root row per task without upstream), global parameters with the
 * system variables it uses.
 */
export function toDsDefinition(
  wf: Workflow,
  ctx: DsMappingContext,
  codes: ReadonlyMap<string, number>,
  options: { dataSyncWorkspace?: string } = {},
): DsDefinitionMapping {
  const notes: string[] = [];
  const startParams: string[] = [];
  const code = (name: string): number => {
    const c = codes.get(name);
    if (c === undefined) throw new Error(`workflow ${wf.name}: node ${name} has no task code`);
    return c;
  };
  const uses = taskResourceUses(wf, ctx);
  const tasks: DsTaskDefinition[] = [];
  for (const t of wf.tasks) {
    tasks.push(
      toDsTask(
        wf,
        t,
        code(t.name),
        uses.filter((u) => u.task === t.name),
        ctx,
      ),
    );
    if ((t.type === 'SHELL' || t.type === 'PYTHON') && t.runMode.mode === 'multiple')
      notes.push(
        `task ${t.name}: run mode "multiple" (sharding) has no DolphinScheduler equivalent; it runs as one task`,
      );
    if (t.config.cron)
      notes.push(
        `task ${t.name}: its own cron (${t.config.cron}) cannot be expressed; it runs with the workflow`,
      );
    if (t.type === 'EXTERNAL_APP' && (t.app.poll || t.app.success?.jsonPath))
      notes.push(
        `task ${t.name}: ${t.app.poll ? 'polling' : 'the JSON-path success check'} has no HTTP task equivalent; only the status code is checked`,
      );
  }
  for (const r of wf.references) {
    const d = baseTask(
      code(r.name),
      r.name,
      `waits for ${r.kind === 'flow' ? `workflow ${r.workflow}` : `task ${r.workflow}.${r.task}`}`,
      undefined,
    );
    tasks.push({ ...d, taskType: 'DEPENDENT', taskParams: dependentParams(r, ctx) });
  }
  const relations: DsRelation[] = [];
  const edge = (pre: number, post: number, name = ''): DsRelation => ({
    name,
    preTaskCode: pre,
    preTaskVersion: 0,
    postTaskCode: post,
    postTaskVersion: 0,
    conditionType: 'NONE',
    conditionParams: {},
  });
  const nodes = [...wf.references.map((r) => r.name), ...wf.tasks.map((t) => t.name)];
  const hasUpstream = new Set(wf.relations.map((r) => r.to));
  for (const n of nodes) if (!hasUpstream.has(n)) relations.push(edge(0, code(n)));
  for (const r of wf.relations) {
    relations.push(edge(code(r.from), code(r.to), r.rerun ? '' : NO_RERUN_LABEL));
    if (!r.rerun)
      notes.push(
        `relation ${r.from} -> ${r.to} (rerun: false) is kept as the edge label "${NO_RERUN_LABEL}": runs from a node started in BDP honour it, runs started in the DolphinScheduler UI run every downstream task`,
      );
    if (r.cycleGap !== undefined && r.cycleGap !== 'D0')
      notes.push(`relation ${r.from} -> ${r.to}: cycleGap ${r.cycleGap} cannot be expressed`);
  }
  const globals: Record<string, string> = { ...wf.parameters };
  for (const name of systemVariablesUsed(wf)) {
    const builtin = dsBuiltin(name);
    globals[name] = builtin ?? '';
    if (!builtin) startParams.push(name);
  }
  if (startParams.length)
    notes.push(
      `\${${startParams.join('}, ${')}}: DolphinScheduler has no built-in for ${startParams.length === 1 ? 'it' : 'them'}; runs started from BDP pass the value, scheduled runs see it empty`,
    );
  if (wf.tasks.some((t) => t.type === 'DATA_SYNC')) {
    globals[DATA_SYNC_WORKSPACE_PARAM] = options.dataSyncWorkspace ?? `/opt/bdp/${wf.name}`;
    notes.push(
      `DATA_SYNC tasks run "bdp run --node" on the worker, in the workspace copy at \${${DATA_SYNC_WORKSPACE_PARAM}} (${globals[DATA_SYNC_WORKSPACE_PARAM]})`,
    );
  }
  if (wf.owners.length)
    notes.push(`owners (${wf.owners.join(', ')}) are not published: DolphinScheduler has no workflow owners`);
  const locations = [...wf.references, ...wf.tasks].flatMap((n) =>
    n.position ? [{ taskCode: code(n.name), x: n.position.x, y: n.position.y }] : [],
  );
  return {
    body: {
      name: wf.name,
      description: wf.description ?? '',
      globalParams: props(globals),
      locations,
      timeout: 0,
      executionType: 'PARALLEL',
      taskDefinitionJson: tasks,
      taskRelationJson: relations,
    },
    notes,
    startParams,
  };
}

/** The schedule of a periodic workflow: its cron from the effective date (for 100 years), in the workspace zone. */
export function toDsSchedule(wf: Workflow, timezone: string): DsScheduleParam | undefined {
  if (wf.schedule.type !== 'periodic') return undefined;
  const start = wf.schedule.effectiveDate;
  const end = `${Number(start.slice(0, 4)) + 100}${start.slice(4)}`;
  return {
    startTime: `${start} 00:00:00`,
    endTime: `${end} 00:00:00`,
    crontab: wf.schedule.cron,
    timezoneId: timezone,
  };
}

/** What a plan compares: the definition without codes, versions and server fields. */
export function comparableDefinition(
  body: Pick<
    DsDefinitionBody,
    'name' | 'description' | 'globalParams' | 'taskDefinitionJson' | 'taskRelationJson'
  > & { locations?: unknown },
): unknown {
  const nameOf = new Map(body.taskDefinitionJson.map((t) => [t.code, t.name]));
  const norm = (o: Record<string, unknown> | null | undefined): unknown =>
    o ? JSON.parse(JSON.stringify(o)) : null;
  return {
    name: body.name,
    description: body.description ?? '',
    globalParams: [...body.globalParams].map((p) => [p.prop, p.value ?? '']).sort(),
    tasks: body.taskDefinitionJson
      .map((t) => ({
        name: t.name,
        description: t.description ?? '',
        taskType: t.taskType,
        taskParams: norm(t.taskParams),
        failRetryTimes: Number(t.failRetryTimes ?? 0),
        failRetryInterval: Number(t.failRetryInterval ?? 0),
        timeout: Number(t.timeout ?? 0),
        timeoutFlag: t.timeoutFlag,
        cpuQuota: Number(t.cpuQuota ?? -1),
        memoryMax: Number(t.memoryMax ?? -1),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    relations: body.taskRelationJson
      .map((r) => [
        r.preTaskCode === 0 ? '' : (nameOf.get(r.preTaskCode) ?? `?${r.preTaskCode}`),
        nameOf.get(r.postTaskCode) ?? `?${r.postTaskCode}`,
        r.name ?? '',
      ])
      .sort(),
    locations: (typeof body.locations === 'string'
      ? (JSON.parse(body.locations || '[]') as { taskCode: number; x: number; y: number }[])
      : ((body.locations as { taskCode: number; x: number; y: number }[] | undefined) ?? [])
    )
      .map((l) => [nameOf.get(l.taskCode) ?? '', l.x, l.y])
      .sort(),
  };
}

/** The definition body a DagData describes (for comparing and updating). */
export function bodyOfDag(dag: DsDagData): DsDefinitionBody {
  const d = dag.processDefinition;
  let globalParams: DsProperty[];
  try {
    globalParams = JSON.parse(d.globalParams || '[]') as DsProperty[];
  } catch {
    globalParams = [];
  }
  let locations: DsDefinitionBody['locations'];
  try {
    locations = JSON.parse(d.locations || '[]') as DsDefinitionBody['locations'];
  } catch {
    locations = [];
  }
  return {
    name: d.name,
    description: d.description ?? '',
    globalParams,
    locations,
    timeout: d.timeout ?? 0,
    executionType: d.executionType ?? 'PARALLEL',
    taskDefinitionJson: dag.taskDefinitionList,
    taskRelationJson: dag.processTaskRelationList,
  };
}

function readHeader(script: unknown): Record<string, unknown> | undefined {
  if (typeof script !== 'string' || !script.startsWith(HEADER)) return undefined;
  try {
    return JSON.parse(
      script.slice(HEADER.length, script.indexOf('\n') < 0 ? undefined : script.indexOf('\n')),
    ) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const toParams = (list: unknown): Record<string, string> =>
  Object.fromEntries(
    ((Array.isArray(list) ? list : []) as DsProperty[]).map((p) => [p.prop, String(p.value ?? '')]),
  );

function taskConfigOf(t: DsTaskDefinition, h: Record<string, unknown> | undefined): TaskConfig {
  return {
    ...(typeof h?.cron === 'string' ? { cron: h.cron } : {}),
    timeout: typeof h?.timeout === 'number' ? h.timeout : Number(t.timeout ?? 0) * 60,
    retryTimes: Number(t.failRetryTimes ?? 0),
    retryInterval:
      typeof h?.retryInterval === 'number' ? h.retryInterval : Number(t.failRetryInterval ?? 0) * 60,
    allowReference: h?.allowReference === true,
    successCode: typeof h?.successCode === 'string' ? h.successCode : '0',
  };
}

function fromHttp(
  t: DsTaskDefinition,
  base: Omit<ExternalAppTask, 'type' | 'app'>,
  h: Record<string, unknown> | undefined,
): Task {
  if (h?.app) return { ...base, type: 'EXTERNAL_APP', app: h.app as AppConfig };
  const p = t.taskParams as Record<string, unknown>;
  const url = new URL(String(p.url ?? 'http://invalid'));
  const headers = Object.fromEntries(
    ((p.httpParams as { prop: string; httpParametersType: string; value: string }[] | undefined) ?? [])
      .filter((x) => x.httpParametersType === 'HEADERS')
      .map((x) => [x.prop, x.value]),
  );
  const method = ['GET', 'POST', 'PUT'].includes(String(p.httpMethod))
    ? (String(p.httpMethod) as AppConfig['method'])
    : 'GET';
  return {
    ...base,
    type: 'EXTERNAL_APP',
    app: {
      domain: url.origin,
      command: `${url.pathname === '/' ? '' : url.pathname}${url.search}`,
      method,
      headers,
      ...(p.httpBody ? { body: String(p.httpBody) } : {}),
      ...(p.httpCheckCondition === 'STATUS_CODE_CUSTOM' ? { success: { status: Number(p.condition) } } : {}),
    },
  };
}

/**
 * The workflow a definition holds (for the plan's side-by-side view and round trips).
 * `schedule` comes from the remote schedule, `references` from DEPENDENT tasks (named by
 * `workflowNames`, code -> name).
 */
export function fromDsDefinition(
  dag: DsDagData,
  schedule: DsScheduleParam | undefined,
  workflowNames: ReadonlyMap<number, { name: string; tasks: ReadonlyMap<number, string> }>,
): Workflow {
  const def = dag.processDefinition;
  const nameOf = new Map(dag.taskDefinitionList.map((t) => [t.code, t.name]));
  const tasks: Task[] = [];
  const references: Reference[] = [];
  let locations: { taskCode: number; x: number; y: number }[] = [];
  try {
    locations = JSON.parse(def.locations || '[]') as typeof locations;
  } catch {
    locations = [];
  }
  const positionOf = (code: number): { position?: { x: number; y: number } } => {
    const l = locations.find((x) => x.taskCode === code);
    return l ? { position: { x: l.x, y: l.y } } : {};
  };
  for (const t of dag.taskDefinitionList) {
    const p = t.taskParams as Record<string, unknown>;
    const h =
      readHeader(p.rawScript) ??
      (p.bdp && typeof p.bdp === 'object' ? (p.bdp as Record<string, unknown>) : undefined);
    const base = {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      ...positionOf(t.code),
      config: taskConfigOf(t, h),
      parameters: toParams(p.localParams),
    };
    if (t.taskType === 'DEPENDENT') {
      const item = ((
        p.dependence as
          | { dependTaskList?: { dependItemList?: { definitionCode: number; depTaskCode: number }[] }[] }
          | undefined
      )?.dependTaskList?.[0]?.dependItemList ?? [])[0];
      const target = item ? workflowNames.get(Number(item.definitionCode)) : undefined;
      const workflow = target?.name ?? `#${item?.definitionCode ?? 0}`;
      const taskName =
        item && item.depTaskCode > 0
          ? (target?.tasks.get(Number(item.depTaskCode)) ?? `#${item.depTaskCode}`)
          : undefined;
      references.push(
        taskName
          ? { name: t.name, kind: 'task', workflow, task: taskName, ...positionOf(t.code) }
          : { name: t.name, kind: 'flow', workflow, ...positionOf(t.code) },
      );
      continue;
    }
    if (t.taskType === 'HTTP') {
      tasks.push(fromHttp(t, base, h));
      continue;
    }
    if (h?.sync) {
      tasks.push({
        ...base,
        type: 'DATA_SYNC',
        sync: h.sync as Extract<Task, { type: 'DATA_SYNC' }>['sync'],
      });
      continue;
    }
    const type = t.taskType === 'PYTHON' ? 'PYTHON' : 'SHELL';
    const raw = String(p.rawScript ?? '');
    const process = {
      ...base,
      ...(h ? {} : { command: raw }),
      ...(typeof h?.command === 'string' ? { command: h.command } : {}),
      ...(typeof h?.script === 'string' ? { script: h.script } : {}),
      ...(h?.resource ? { resource: h.resource as { name: string; version: string } } : {}),
      runMode: (h?.runMode as Extract<Task, { type: 'SHELL' }>['runMode']) ?? {
        mode: 'single',
        cpu: 0.5,
        memory: 1,
      },
    };
    tasks.push({ ...process, type } as Task);
  }
  const relations: Relation[] = dag.processTaskRelationList
    .filter((r) => r.preTaskCode !== 0)
    .map((r) => ({
      from: nameOf.get(r.preTaskCode) ?? `#${r.preTaskCode}`,
      to: nameOf.get(r.postTaskCode) ?? `#${r.postTaskCode}`,
      rerun: r.name !== NO_RERUN_LABEL,
    }));
  const globals = toParams(safeJson(def.globalParams));
  const parameters: Record<string, string> = {};
  for (const [k, v] of Object.entries(globals)) {
    if (isSystemVariable(k) && (v === '' || v === dsBuiltin(k))) continue;
    if (k === DATA_SYNC_WORKSPACE_PARAM) continue;
    parameters[k] = v;
  }
  return {
    name: def.name,
    ...(def.description ? { description: def.description } : {}),
    schedule: schedule
      ? {
          type: 'periodic',
          cycle: cycleOfCron(schedule.crontab),
          cron: schedule.crontab,
          effectiveDate: schedule.startTime.slice(0, 10),
        }
      : { type: 'manual' },
    alertMode: 'email',
    owners: [],
    parameters,
    references,
    tasks,
    relations,
  };
}

function safeJson(text: string | null | undefined): unknown {
  try {
    return JSON.parse(text || '[]');
  } catch {
    return [];
  }
}

/** A cycle that fits a Quartz cron (for definitions that came from elsewhere). */
export function cycleOfCron(cron: string): Cycle {
  const f = cron.trim().split(/\s+/);
  if (f[1]?.includes('/') || f[1] === '*') return 'mi';
  if (f[2]?.includes('/') || f[2] === '*') return 'H';
  if (f[5] && f[5] !== '?' && f[5] !== '*') return 'W';
  if (f[3] && f[3] !== '*' && f[3] !== '?') return 'M';
  return 'D';
}
