import { portabilityNotes } from '../common/portability-notes';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { stringify as toYaml } from 'yaml';
import type { Workflow } from '../../../shared/model';
import { mapLimited } from '../../../shared/util/map-limited';
import type {
  ApplyOptions,
  ApplyProgress,
  ApplyResult,
  BackendCapabilities,
  PlanStep,
  PublishPlan,
  RemoteItem,
  RemoteState,
  SnapshotWorkflow,
  SyncBackend,
  WorkspaceSnapshot,
} from '../backend';
import { applySteps, type StepRunner } from '../apply-steps';
import { canonicalJson } from '../common/canonical-json';
import type { SyncCache, SyncCacheData } from '../sync-cache';
import { dependencyOrder, readResourceVersion, type PublishSnapshot } from '../workspace-snapshot';
import type { DsClient } from './client';
import { DsApiError } from './errors';
import {
  bodyOfDag,
  comparableDefinition,
  fromDsDefinition,
  taskResourceUses,
  toDsDefinition,
  toDsSchedule,
  type DsMappingContext,
  type DsResourceUse,
} from './mapping';
import { DsBackendOperations } from './operations';
import type { DsDagData, DsSchedule, DsScheduleParam, StorageEntity } from './types';

/** The zone schedules carry and the server evaluates their cron in. */
export function scheduleZone(opts: DsBackendOptions, workspaceZone: string | undefined): string {
  return opts.scheduleTimeZone ?? workspaceZone ?? opts.client.serverTimeZone;
}

export interface DsBackendOptions {
  readonly client: DsClient;
  readonly cache: SyncCache;
  /** Environment name, for messages. */
  readonly environment: string;
  /** DolphinScheduler project the workspace publishes to (created when missing). */
  readonly projectName: string;
  /** Folder below the tenant resource root for this workspace's files, e.g. `bdp/retail-analytics`. */
  readonly resourceFolder?: string;
  /** Where DATA_SYNC tasks find the workspace on the worker (environment option `workerWorkspace`). */
  readonly workerWorkspace?: string;
  /** `timezoneId` of schedules (environment option); else the workspace zone, else the server zone. */
  readonly scheduleTimeZone?: string;
  /** Parallel reads (default 4). */
  readonly concurrency?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const DS_CAPABILITIES: BackendCapabilities = {
  kind: 'dolphinscheduler',
  uploadResources: true,
  triggerFromTask: true,
  triggerWithParameters: true,
  deleteWorkflows: true,
  taskInstances: true,
  minRetriggerGapMs: 0,
  rerunInstance: true,
  recoverFailed: true,
  forceSuccess: true,
  backfill: true,
};

/** A remote definition as plan reads it. */
export interface DsRemoteWorkflow {
  readonly dag: DsDagData;
  readonly schedule?: DsSchedule;
  readonly fingerprint: string;
}

/** `RemoteState` plus what DolphinScheduler plan and apply need. */
export interface DsRemoteState extends RemoteState {
  /** Undefined when the project does not exist yet. */
  readonly projectCode?: number;
  readonly resourceRoot: string;
  /** Files below the workspace folder, by path relative to the tenant root. */
  readonly files: Readonly<Record<string, { readonly size: number }>>;
  readonly workflows: Readonly<Record<string, DsRemoteWorkflow>>;
}

/** How apply changes a workflow. */
export type DsWriteMode = 'create' | 'update' | 'online';

export interface DsPlanStep extends PlanStep {
  readonly path?: string;
  readonly directory?: string;
  readonly mode?: DsWriteMode;
  readonly remoteFingerprint?: string;
  readonly before?: string;
  readonly after?: string;
  /** Resource step: the file to upload. */
  readonly file?: {
    readonly relPath: string;
    readonly sha256: string;
    readonly size: number;
    readonly source: string;
    readonly remoteExists: boolean;
  };
  /** Workflow step: the resources its tasks use (for the plan view). */
  readonly uses?: readonly DsResourceUse[];
  readonly blocked?: string;
}

export interface DsPublishPlan extends PublishPlan {
  readonly environment: string;
  readonly steps: readonly DsPlanStep[];
  readonly snapshot: WorkspaceSnapshot;
  readonly remote: Pick<DsRemoteState, 'projectCode' | 'resourceRoot'>;
  /** Bytes of every file to upload, by relPath (kept in memory with the plan). */
  readonly bytes: ReadonlyMap<string, Uint8Array>;
}

export const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

function scheduleKey(s: DsScheduleParam | undefined): unknown {
  return s ? [s.crontab, s.startTime, s.endTime, s.timezoneId] : null;
}

/** Fingerprint of a remote workflow: its comparable definition and schedule (not the release state). */
export function dsFingerprint(dag: DsDagData, schedule: DsScheduleParam | undefined): string {
  return sha256(
    canonicalJson({ def: comparableDefinition(bodyOfDag(dag)), schedule: scheduleKey(schedule) }),
  );
}

function yamlOf(wf: Workflow): string {
  return toYaml(JSON.parse(JSON.stringify(wf)), { lineWidth: 0 });
}

const safeSegment = (s: string): string => s.replace(/[^A-Za-z0-9_.-]/g, '_');

/** Names of remote definitions and their tasks by code, to read references back. */
function remoteNames(r: DsRemoteState): Map<number, { name: string; tasks: Map<number, string> }> {
  return new Map(
    Object.values(r.workflows).map((w) => [
      w.dag.processDefinition.code,
      {
        name: w.dag.processDefinition.name,
        tasks: new Map(w.dag.taskDefinitionList.map((t) => [t.code, t.name])),
      },
    ]),
  );
}

/** What is left to do for an unchanged workflow: release states that do not match. */
function onlinePending(rw: DsRemoteWorkflow, periodic: boolean): string[] {
  const pending: string[] = [];
  if (rw.dag.processDefinition.releaseState !== 'ONLINE') pending.push('put the workflow online');
  if (periodic && rw.schedule?.releaseState !== 'ONLINE')
    pending.push(rw.schedule ? 'put the schedule online' : 'create the schedule');
  if (!periodic && rw.schedule?.releaseState === 'ONLINE')
    pending.push('take the schedule offline (the workflow is manual)');
  return pending;
}

/**
 * Apache DolphinScheduler as a publish target (docs/decisions.md "DolphinScheduler"): resources
 * go to the Resource Center (uploaded only when their sha256 changed), workflows become process
 * definitions (taken offline before an update, online after), periodic ones get a schedule that
 * goes online. Every step is recorded in the sync cache as soon as it is done, and every create
 * first looks for what an earlier, cut-off run may have left, so a rerun never duplicates.
 */
export class DsBackend extends DsBackendOperations implements SyncBackend {
  readonly capabilities = DS_CAPABILITIES;
  private projectCodeValue?: number;
  private readonly clock: () => number;

  constructor(private readonly opts: DsBackendOptions) {
    super(
      opts.client,
      () => this.requireProject(),
      () => 0,
      opts.sleep,
    );
    this.clock = opts.now ?? Date.now;
  }

  private async requireProject(): Promise<number> {
    if (this.projectCodeValue !== undefined) return this.projectCodeValue;
    const p = await this.opts.client.findProject(this.opts.projectName);
    if (!p)
      throw new Error(
        `project ${this.opts.projectName} does not exist on DolphinScheduler; publish creates it`,
      );
    this.projectCodeValue = p.code;
    return p.code;
  }

  private prefix(snapshot?: WorkspaceSnapshot): string {
    const name = (snapshot as Partial<PublishSnapshot> | undefined)?.config?.name ?? this.opts.projectName;
    return `${(this.opts.resourceFolder ?? `bdp/${safeSegment(name)}`).replace(/^\/+|\/+$/g, '')}/`;
  }

  private async listTree(dir: string, root: string, out: Record<string, { size: number }>): Promise<void> {
    let entries: StorageEntity[];
    try {
      entries = await this.opts.client.listResources(dir);
    } catch (e) {
      if (e instanceof DsApiError && (e.code === 20004 || e.code === 10000)) return;
      throw e;
    }
    for (const e of entries) {
      if (e.directory)
        await this.listTree(e.fullName.endsWith('/') ? e.fullName : `${e.fullName}/`, root, out);
      else out[e.fullName.slice(root.length)] = { size: e.size };
    }
  }

  /**
   * Read the project, every definition with its schedule and (unless `withResources` is false,
   * for the Remote tab) the workspace folder of the Resource Center.
   */
  async readRemoteState(snapshot?: WorkspaceSnapshot, withResources = true): Promise<DsRemoteState> {
    const client = this.opts.client;
    const [project, resourceRoot] = await Promise.all([
      client.findProject(this.opts.projectName),
      client.resourceRoot(),
    ]);
    if (project) this.projectCodeValue = project.code;
    const files: Record<string, { size: number }> = {};
    const prefix = this.prefix(snapshot);
    const exists =
      withResources &&
      (await client.listResources(resourceRoot)).some(
        (e) =>
          e.directory && `${e.fullName.replace(/\/$/, '')}/` === resourceRoot + prefix.split('/')[0] + '/',
      );
    if (exists) await this.listTree(resourceRoot + prefix, resourceRoot, files);
    const workflows: Record<string, DsRemoteWorkflow> = {};
    const items: RemoteItem[] = [];
    if (project) {
      const [dags, schedules] = await Promise.all([
        client.allDefinitions(project.code),
        client.listSchedules(project.code),
      ]);
      for (const dag of dags) {
        const schedule = schedules.find((s) => s.processDefinitionCode === dag.processDefinition.code);
        const fingerprint = dsFingerprint(dag, schedule);
        workflows[dag.processDefinition.name] = { dag, schedule, fingerprint };
        items.push({
          kind: 'workflow',
          name: dag.processDefinition.name,
          remoteId: String(dag.processDefinition.code),
          fingerprint,
          updatedAt: this.opts.client.parseTime(dag.processDefinition.updateTime),
          updatedBy: dag.processDefinition.modifyBy ?? undefined,
        });
      }
    }
    for (const [rel, f] of Object.entries(files))
      items.push({ kind: 'resource', name: rel, remoteId: resourceRoot + rel, fingerprint: String(f.size) });
    return { items, readAt: this.clock(), projectCode: project?.code, resourceRoot, files, workflows };
  }

  async planSnapshot(snapshot: WorkspaceSnapshot): Promise<DsPublishPlan> {
    return this.plan(snapshot, await this.readRemoteState(snapshot));
  }

  private mappingContext(snapshot: WorkspaceSnapshot, r: DsRemoteState): DsMappingContext {
    const s = snapshot as Partial<PublishSnapshot>;
    const resourceFiles: Record<string, string> = {};
    for (const res of snapshot.resources)
      for (const v of res.versions) resourceFiles[`${res.name}@${v.version}`] = path.posix.basename(v.path);
    const workflows = new Map<string, { code: number; tasks: Map<string, number> }>();
    for (const [name, w] of Object.entries(r.workflows))
      workflows.set(name, {
        code: w.dag.processDefinition.code,
        tasks: new Map(w.dag.taskDefinitionList.map((t) => [t.name, t.code])),
      });
    return {
      projectCode: r.projectCode ?? 0,
      resourceRoot: r.resourceRoot,
      prefix: this.prefix(snapshot),
      timezone: scheduleZone(this.opts, s.config?.timezone),
      workflows,
      cycles: new Map(
        snapshot.workflows.map((w) => [
          w.workflow.name,
          w.workflow.schedule.type === 'periodic' ? w.workflow.schedule.cycle : 'D',
        ]),
      ),
      resourceFiles,
    };
  }

  /** Bytes of a resource use: the working-tree script, or the resource version (working tree or git). */
  private async bytesOf(snapshot: WorkspaceSnapshot, use: DsResourceUse): Promise<Uint8Array | undefined> {
    const s = snapshot as Partial<PublishSnapshot>;
    if (use.script !== undefined) {
      const text = s.scripts?.[use.script];
      return text === undefined ? undefined : Buffer.from(text, 'utf8');
    }
    const res = snapshot.resources.find((r) => r.name === use.resource?.name);
    const v = res?.versions.find((x) => x.version === use.resource?.version);
    if (!v || !s.root) return undefined;
    return (await readResourceVersion(s.root, v)) ?? undefined;
  }

  /** Codes for a local body: remote task codes by name, placeholders (negative) for new nodes. */
  private static plannedCodes(wf: Workflow, remote: DsRemoteWorkflow | undefined): Map<string, number> {
    const codes = new Map<string, number>();
    const existing = new Map((remote?.dag.taskDefinitionList ?? []).map((t) => [t.name, t.code]));
    let next = -1;
    for (const n of [...wf.references.map((r) => r.name), ...wf.tasks.map((t) => t.name)])
      codes.set(n, existing.get(n) ?? next--);
    return codes;
  }

  async plan(snapshot: WorkspaceSnapshot, remote: RemoteState): Promise<DsPublishPlan> {
    const r = remote as DsRemoteState;
    if (!r.workflows || !r.files)
      throw new Error('DsBackend.plan needs the state read by DsBackend.readRemoteState');
    const cache = await this.opts.cache.load();
    const ctx = this.mappingContext(snapshot, r);
    const bytes = new Map<string, Uint8Array>();
    const steps: DsPlanStep[] = [
      ...this.projectSteps(r),
      ...(await this.resourceSteps(snapshot, r, ctx, cache, bytes)),
      ...dependencyOrder(snapshot.workflows).map((sw) => this.workflowStep(sw, snapshot, r, ctx, cache)),
    ];
    return {
      backend: 'dolphinscheduler',
      environment: this.opts.environment,
      createdAt: this.clock(),
      steps,
      snapshot,
      remote: { projectCode: r.projectCode, resourceRoot: r.resourceRoot },
      bytes,
    };
  }

  /** The project, when it does not exist yet. */
  private projectSteps(r: DsRemoteState): DsPlanStep[] {
    if (r.projectCode !== undefined) return [];
    return [
      {
        kind: 'directory',
        name: this.opts.projectName,
        action: 'create',
        details: [`create the project ${this.opts.projectName}`],
      },
    ];
  }

  /** One step per file a task uses (script or resource version), compared by sha256. */
  private async resourceSteps(
    snapshot: WorkspaceSnapshot,
    r: DsRemoteState,
    ctx: DsMappingContext,
    cache: SyncCacheData,
    bytes: Map<string, Uint8Array>,
  ): Promise<DsPlanStep[]> {
    const uses = new Map<string, { use: DsResourceUse; users: string[] }>();
    for (const sw of snapshot.workflows)
      for (const u of taskResourceUses(sw.workflow, ctx)) {
        const e = uses.get(u.relPath) ?? { use: u, users: [] };
        e.users.push(`${sw.workflow.name}.${u.task}`);
        uses.set(u.relPath, e);
      }
    return mapLimited([...uses.values()], this.opts.concurrency ?? 4, ({ use, users }) =>
      this.resourceStep(snapshot, r, cache, use, users, bytes),
    );
  }

  private async resourceStep(
    snapshot: WorkspaceSnapshot,
    r: DsRemoteState,
    cache: SyncCacheData,
    use: DsResourceUse,
    users: string[],
    bytes: Map<string, Uint8Array>,
  ): Promise<DsPlanStep> {
    const name = use.resource ? use.key : (use.script ?? use.key);
    const data = await this.bytesOf(snapshot, use);
    const base = { kind: 'resource' as const, name, remoteId: r.resourceRoot + use.relPath };
    if (!data)
      return {
        ...base,
        action: 'unchanged',
        details: [`used by ${users.join(', ')}`],
        blocked: `${name} cannot be read from the workspace (missing file or git blob)`,
      };
    const hash = sha256(data);
    bytes.set(use.relPath, data);
    const remoteFile = r.files[use.relPath];
    const file = {
      relPath: use.relPath,
      sha256: hash,
      size: data.length,
      source: use.key,
      remoteExists: !!remoteFile,
    };
    const details = [
      `used by ${users.join(', ')}`,
      `→ ${r.resourceRoot}${use.relPath}`,
      `sha256 ${hash.slice(0, 12)}…, ${data.length} bytes`,
    ];
    const cached = cache.resources[use.relPath];
    if (!remoteFile)
      return {
        ...base,
        action: 'create',
        file,
        details: [
          cached ? 'deleted on DolphinScheduler since the last publish; uploaded again' : 'upload',
          ...details,
        ],
      };
    let remoteHash = cached && cached.size === remoteFile.size ? cached.sha256 : undefined;
    remoteHash ??= sha256(await this.opts.client.downloadResource(r.resourceRoot + use.relPath));
    if (remoteHash === hash) return { ...base, action: 'unchanged', file, details };
    const ours = cached?.sha256 === remoteHash;
    const why = ours
      ? 'content changed: upload again'
      : cached
        ? 'changed on DolphinScheduler since the last publish'
        : 'exists on DolphinScheduler but was not published from this workspace copy (no sync record)';
    return { ...base, action: ours ? 'update' : 'remote-changed', file, details: [why, ...details] };
  }

  /** A workflow: created, unchanged, only to be put online, or updated (offline, save, online). */
  private workflowStep(
    sw: SnapshotWorkflow,
    snapshot: WorkspaceSnapshot,
    r: DsRemoteState,
    ctx: DsMappingContext,
    cache: SyncCacheData,
  ): DsPlanStep {
    const wf = sw.workflow;
    const rw = r.workflows[wf.name];
    const base = {
      kind: 'workflow' as const,
      name: wf.name,
      path: sw.path,
      directory: sw.directory,
      uses: taskResourceUses(wf, ctx),
    };
    let mapped: ReturnType<typeof toDsDefinition>;
    try {
      mapped = this.mapForPlan(sw, snapshot, ctx, rw);
    } catch (e) {
      return { ...base, action: 'create', details: [], blocked: (e as Error).message };
    }
    const schedule = toDsSchedule(wf, ctx.timezone);
    const names = remoteNames(r);
    const localView = fromDsDefinition(
      {
        processDefinition: { ...mappedDefinition(mapped.body) },
        processTaskRelationList: mapped.body.taskRelationJson,
        taskDefinitionList: mapped.body.taskDefinitionJson,
      },
      schedule,
      names,
    );
    const after = yamlOf({ ...localView, references: wf.references });
    const notes = [...mapped.notes, ...portabilityNotes(wf, snapshot)];
    if (!rw) {
      const why = cache.workflows[wf.name]?.remoteId
        ? ['deleted on DolphinScheduler since the last publish; it is created again']
        : [];
      const what = `create the definition${schedule ? `, schedule ${schedule.crontab} (${schedule.timezoneId}) and put both online` : ' and put it online'}`;
      return { ...base, action: 'create', mode: 'create', details: [...why, what, ...notes], after };
    }
    const remoteSchedule = rw.schedule
      ? {
          crontab: rw.schedule.crontab,
          startTime: rw.schedule.startTime,
          endTime: rw.schedule.endTime,
          timezoneId: rw.schedule.timezoneId,
        }
      : undefined;
    const sameDef =
      canonicalJson(comparableDefinition(mapped.body)) ===
      canonicalJson(comparableDefinition(bodyOfDag(rw.dag)));
    const sameSchedule =
      !schedule || canonicalJson(scheduleKey(schedule)) === canonicalJson(scheduleKey(remoteSchedule));
    const withRemote = {
      ...base,
      remoteId: String(rw.dag.processDefinition.code),
      remoteFingerprint: rw.fingerprint,
    };
    if (sameDef && sameSchedule) {
      const pending = onlinePending(rw, schedule !== undefined);
      if (!pending.length) return { ...withRemote, action: 'unchanged', details: notes };
      const cutOff = cache.workflows[wf.name]?.pendingEnable ? ' (an earlier publish was cut off)' : '';
      return {
        ...withRemote,
        action: 'update',
        mode: 'online',
        details: [`${pending.join(', ')}${cutOff}`, ...notes],
      };
    }
    const cached = cache.workflows[wf.name];
    const ours =
      cached !== undefined &&
      cached.remoteId === withRemote.remoteId &&
      cached.fingerprint === rw.fingerprint;
    const why = ours
      ? []
      : cached?.remoteId === withRemote.remoteId
        ? ['changed on DolphinScheduler since the last publish']
        : ['exists on DolphinScheduler but was not published from this workspace copy (no sync record)'];
    const changed = [...(sameDef ? [] : ['definition']), ...(sameSchedule ? [] : ['schedule'])];
    return {
      ...withRemote,
      action: ours ? 'update' : 'remote-changed',
      mode: 'update',
      details: [
        ...why,
        `changed: ${changed.join(', ')}`,
        'take offline, save a new version, put online again',
        ...notes,
      ],
      before: yamlOf(fromDsDefinition(rw.dag, remoteSchedule, names)),
      after,
    };
  }

  /** The definition as it will be saved; workflows not published yet get placeholder codes for references. */
  private mapForPlan(
    sw: SnapshotWorkflow,
    snapshot: WorkspaceSnapshot,
    ctx: DsMappingContext,
    rw: DsRemoteWorkflow | undefined,
  ): ReturnType<typeof toDsDefinition> {
    const refCtx = { ...ctx, workflows: new Map(ctx.workflows) };
    for (const other of snapshot.workflows)
      if (!refCtx.workflows.has(other.workflow.name))
        refCtx.workflows.set(other.workflow.name, {
          code: 0,
          tasks: new Map(other.workflow.tasks.map((t, i) => [t.name, -(i + 1)])),
        });
    return toDsDefinition(sw.workflow, refCtx, DsBackend.plannedCodes(sw.workflow, rw), {
      dataSyncWorkspace: this.opts.workerWorkspace,
    });
  }

  async apply(
    plan: PublishPlan,
    onProgress: (p: ApplyProgress) => void,
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    const p = plan as DsPublishPlan;
    if (!p.snapshot || !p.bytes) throw new Error('DsBackend.apply needs a plan made by DsBackend.plan');
    const run = new DsApplyRun(this.opts, this.clock, p, (code) => (this.projectCodeValue = code));
    return applySteps(
      p.steps,
      run,
      onProgress,
      options,
      (step) => `${step.kind} ${step.name}: ${step.blocked}`,
    );
  }
}

function mappedDefinition(body: ReturnType<typeof toDsDefinition>['body']): DsDagData['processDefinition'] {
  return {
    code: 0,
    name: body.name,
    version: 0,
    releaseState: null,
    description: body.description,
    globalParams: JSON.stringify(body.globalParams),
    locations: JSON.stringify(body.locations),
    timeout: body.timeout,
    executionType: body.executionType,
  };
}

/** State of one apply and the per-step procedures. */
class DsApplyRun implements StepRunner<DsPlanStep> {
  readonly remoteIds: Record<string, string> = {};
  private projectCode?: number;
  private readonly byPath: Map<string, SnapshotWorkflow>;
  private readonly dirs = new Set<string>();

  constructor(
    private readonly opts: DsBackendOptions,
    private readonly now: () => number,
    private readonly plan: DsPublishPlan,
    private readonly onProject: (code: number) => void,
  ) {
    this.projectCode = plan.remote.projectCode;
    this.byPath = new Map(plan.snapshot.workflows.map((w) => [w.path, w]));
  }

  private get client(): DsClient {
    return this.opts.client;
  }

  skipReason(step: DsPlanStep, options: ApplyOptions): string | undefined {
    if (step.action === 'unchanged') return 'unchanged';
    if (step.action === 'remote-changed' && !options.force)
      return 'changed on DolphinScheduler; not overwritten without confirmation';
    return undefined;
  }

  async recordUnchanged(step: DsPlanStep): Promise<void> {
    const cache = this.opts.cache;
    const data = await cache.load();
    if (step.kind === 'resource' && step.file) {
      const c = data.resources[step.file.relPath];
      if (!c || c.sha256 !== step.file.sha256)
        await cache.setResource(
          step.file.relPath,
          { sha256: step.file.sha256, size: step.file.size, source: step.file.source },
          this.now(),
        );
    }
    if (step.kind === 'workflow' && step.remoteId && step.remoteFingerprint) {
      const c = data.workflows[step.name];
      if (!c || c.remoteId !== step.remoteId || c.fingerprint !== step.remoteFingerprint || c.pendingEnable)
        await cache.setWorkflow(
          step.name,
          { remoteId: step.remoteId, fingerprint: step.remoteFingerprint },
          this.now(),
        );
    }
  }

  async execute(step: DsPlanStep): Promise<void> {
    if (step.kind === 'directory') return this.createProject();
    if (step.kind === 'resource') return this.upload(step);
    const sw = step.path ? this.byPath.get(step.path) : undefined;
    if (!sw) throw new Error(`nothing to do for ${step.kind} ${step.name}`);
    const pc = await this.project();
    if (step.mode === 'create') await this.create(pc, sw);
    else {
      const fresh = await this.read(pc, sw.workflow.name);
      if (
        !fresh ||
        String(fresh.dag.processDefinition.code) !== step.remoteId ||
        fresh.fingerprint !== step.remoteFingerprint
      )
        throw new Error(
          `workflow ${sw.workflow.name} changed on DolphinScheduler after the plan was made; publish again to review it`,
        );
      if (step.mode === 'update') await this.update(pc, sw, fresh);
      else
        await this.opts.cache.setWorkflow(
          sw.workflow.name,
          {
            remoteId: String(fresh.dag.processDefinition.code),
            fingerprint: fresh.fingerprint,
            pendingEnable: true,
          },
          this.now(),
        );
    }
    await this.goOnline(pc, sw);
  }

  private async project(): Promise<number> {
    if (this.projectCode !== undefined) return this.projectCode;
    const p = await this.client.findProject(this.opts.projectName);
    if (!p) throw new Error(`project ${this.opts.projectName} does not exist on DolphinScheduler`);
    this.projectCode = p.code;
    this.onProject(p.code);
    return p.code;
  }

  private async createProject(): Promise<void> {
    const existing = await this.client.findProject(this.opts.projectName);
    const p =
      existing ?? (await this.client.createProject(this.opts.projectName, 'published from BDP Studio'));
    this.projectCode = p.code;
    this.onProject(p.code);
    this.remoteIds[`directory:${this.opts.projectName}`] = String(p.code);
    await this.opts.cache.setDirectory(this.opts.projectName, String(p.code));
  }

  /** Create the folders of `relPath` one by one; an existing folder is fine (a cut-off run made it). */
  private async ensureFolders(relPath: string): Promise<void> {
    const root = this.plan.remote.resourceRoot;
    const parts = relPath.split('/').slice(0, -1);
    let dir = root;
    for (const part of parts) {
      const next = `${dir}${part}/`;
      if (!this.dirs.has(next)) {
        const listed = await this.client.listResources(dir);
        if (!listed.some((e) => e.directory && `${e.fullName.replace(/\/$/, '')}/` === next)) {
          try {
            await this.client.createDirectory(dir, part);
          } catch (e) {
            if (!(e instanceof DsApiError && e.code === 20005)) throw e;
          }
        }
        this.dirs.add(next);
      }
      dir = next;
    }
  }

  private async upload(step: DsPlanStep): Promise<void> {
    const file = step.file!;
    const data = this.plan.bytes.get(file.relPath);
    if (!data) throw new Error(`resource ${step.name}: no bytes in the plan`);
    const root = this.plan.remote.resourceRoot;
    const fullName = root + file.relPath;
    const dir = fullName.slice(0, fullName.lastIndexOf('/') + 1);
    const name = fullName.slice(fullName.lastIndexOf('/') + 1);
    const listed = file.remoteExists ? undefined : await this.listOrEmpty(dir);
    const present = file.remoteExists || !!listed?.some((e) => e.fullName === fullName);
    if (present) {
      // An earlier run may have uploaded exactly this: compare before writing.
      const current = await this.client.downloadResource(fullName);
      if (sha256(current) !== file.sha256) await this.client.reuploadResource(fullName, data);
    } else {
      await this.ensureFolders(file.relPath);
      await this.client.uploadResource(dir, name, data);
    }
    this.remoteIds[`resource:${step.name}`] = fullName;
    await this.opts.cache.setResource(
      file.relPath,
      { sha256: file.sha256, size: file.size, source: file.source },
      this.now(),
    );
  }

  private async listOrEmpty(dir: string): Promise<StorageEntity[]> {
    try {
      return await this.client.listResources(dir);
    } catch {
      return [];
    }
  }

  private async read(pc: number, name: string): Promise<DsRemoteWorkflow | undefined> {
    const dag = await this.client.findDefinition(pc, name);
    if (!dag) return undefined;
    const [schedule] = await this.client.listSchedules(pc, dag.processDefinition.code);
    return { dag, schedule, fingerprint: dsFingerprint(dag, schedule) };
  }

  private async mappingFor(
    pc: number,
    wf: Workflow,
    existing: DsDagData | undefined,
  ): Promise<ReturnType<typeof toDsDefinition>> {
    const nodes = [...wf.references.map((r) => r.name), ...wf.tasks.map((t) => t.name)];
    const codes = new Map((existing?.taskDefinitionList ?? []).map((t) => [t.name, t.code]));
    const missing = nodes.filter((n) => !codes.has(n));
    if (missing.length) {
      const fresh = await this.client.genTaskCodes(pc, missing.length);
      missing.forEach((n, i) => codes.set(n, fresh[i]));
    }
    const workflows = new Map<string, { code: number; tasks: Map<string, number> }>();
    for (const ref of wf.references) {
      if (workflows.has(ref.workflow)) continue;
      const dag = await this.client.findDefinition(pc, ref.workflow);
      if (dag)
        workflows.set(ref.workflow, {
          code: dag.processDefinition.code,
          tasks: new Map(dag.taskDefinitionList.map((t) => [t.name, t.code])),
        });
    }
    const snapshot = this.plan.snapshot as Partial<PublishSnapshot>;
    const resourceFiles: Record<string, string> = {};
    for (const res of this.plan.snapshot.resources)
      for (const v of res.versions) resourceFiles[`${res.name}@${v.version}`] = path.posix.basename(v.path);
    const ctx: DsMappingContext = {
      projectCode: pc,
      resourceRoot: this.plan.remote.resourceRoot,
      prefix: `${(this.opts.resourceFolder ?? `bdp/${safeSegment(snapshot.config?.name ?? this.opts.projectName)}`).replace(/^\/+|\/+$/g, '')}/`,
      timezone: scheduleZone(this.opts, snapshot.config?.timezone),
      workflows,
      cycles: new Map(
        this.plan.snapshot.workflows.map((w) => [
          w.workflow.name,
          w.workflow.schedule.type === 'periodic' ? w.workflow.schedule.cycle : 'D',
        ]),
      ),
      resourceFiles,
    };
    const mapped = toDsDefinition(wf, ctx, codes, { dataSyncWorkspace: this.opts.workerWorkspace });
    // Keep the versions of unchanged tasks so the server does not bump them.
    const versions = new Map((existing?.taskDefinitionList ?? []).map((t) => [t.code, t.version]));
    return {
      ...mapped,
      body: {
        ...mapped.body,
        taskDefinitionJson: mapped.body.taskDefinitionJson.map((t) => ({
          ...t,
          version: versions.get(t.code) ?? 0,
        })),
      },
    };
  }

  private async create(pc: number, sw: SnapshotWorkflow): Promise<void> {
    const wf = sw.workflow;
    const found = await this.read(pc, wf.name);
    if (found) {
      // Left by a cut-off run of this publish: adopt it when it holds what we meant to write.
      const cached = (await this.opts.cache.load()).workflows[wf.name];
      const mapped = await this.mappingFor(pc, wf, found.dag);
      const same =
        canonicalJson(comparableDefinition(mapped.body)) ===
        canonicalJson(comparableDefinition(bodyOfDag(found.dag)));
      if (!same && cached?.remoteId !== '')
        throw new Error(
          `a workflow named ${wf.name} appeared on DolphinScheduler after the plan was made; publish again to compare`,
        );
      if (!same) await this.update(pc, sw, found);
      else
        await this.opts.cache.setWorkflow(
          wf.name,
          {
            remoteId: String(found.dag.processDefinition.code),
            fingerprint: found.fingerprint,
            pendingEnable: true,
          },
          this.now(),
        );
      return;
    }
    // Intent first: if the answer to the create is lost, the next run adopts what it finds.
    await this.opts.cache.setWorkflow(
      wf.name,
      { remoteId: '', fingerprint: '', pendingEnable: true },
      this.now(),
    );
    const mapped = await this.mappingFor(pc, wf, undefined);
    const def = await this.client.createDefinition(pc, mapped.body);
    const fresh = await this.read(pc, wf.name);
    this.remoteIds[`workflow:${wf.name}`] = String(def.code);
    await this.opts.cache.setWorkflow(
      wf.name,
      { remoteId: String(def.code), fingerprint: fresh?.fingerprint ?? '', pendingEnable: true },
      this.now(),
    );
  }

  private async update(pc: number, sw: SnapshotWorkflow, fresh: DsRemoteWorkflow): Promise<void> {
    const wf = sw.workflow;
    const code = fresh.dag.processDefinition.code;
    await this.opts.cache.setWorkflow(
      wf.name,
      { remoteId: String(code), fingerprint: fresh.fingerprint, pendingEnable: true },
      this.now(),
    );
    const mapped = await this.mappingFor(pc, wf, fresh.dag);
    // Only the schedule changed: the definition stays online (goOnline updates the schedule).
    if (
      canonicalJson(comparableDefinition(mapped.body)) ===
      canonicalJson(comparableDefinition(bodyOfDag(fresh.dag)))
    )
      return;
    // An ONLINE definition cannot be edited (50008): offline first (this also takes its schedule offline).
    if (fresh.dag.processDefinition.releaseState === 'ONLINE') await this.client.release(pc, code, 'OFFLINE');
    await this.client.updateDefinition(pc, code, mapped.body);
    const after = await this.read(pc, wf.name);
    await this.opts.cache.setWorkflow(
      wf.name,
      { remoteId: String(code), fingerprint: after?.fingerprint ?? '', pendingEnable: true },
      this.now(),
    );
  }

  /** Release online, then create / update the schedule and put it online (periodic) or offline (manual). */
  private async goOnline(pc: number, sw: SnapshotWorkflow): Promise<void> {
    const wf = sw.workflow;
    const current = await this.read(pc, wf.name);
    if (!current) throw new Error(`workflow ${wf.name} disappeared from DolphinScheduler during the publish`);
    const code = current.dag.processDefinition.code;
    if (current.dag.processDefinition.releaseState !== 'ONLINE')
      await this.client.release(pc, code, 'ONLINE');
    const snapshot = this.plan.snapshot as Partial<PublishSnapshot>;
    const wanted = toDsSchedule(wf, scheduleZone(this.opts, snapshot.config?.timezone));
    let schedule = current.schedule;
    if (wanted) {
      if (!schedule) schedule = await this.client.createSchedule(pc, code, wanted);
      else if (canonicalJson(scheduleKey(wanted)) !== canonicalJson(scheduleKey(schedule))) {
        if (schedule.releaseState === 'ONLINE') await this.client.scheduleOnline(pc, schedule.id, false);
        schedule = await this.client.updateSchedule(pc, schedule.id, wanted);
      }
      await this.client.scheduleOnline(pc, schedule.id, true);
    } else if (schedule?.releaseState === 'ONLINE') await this.client.scheduleOnline(pc, schedule.id, false);
    const final = await this.read(pc, wf.name);
    this.remoteIds[`workflow:${wf.name}`] = String(code);
    await this.opts.cache.setWorkflow(
      wf.name,
      { remoteId: String(code), fingerprint: final?.fingerprint ?? '' },
      this.now(),
    );
  }
}
