import { portabilityNotes } from '../common/portability-notes';
import { stringify as toYaml } from 'yaml';
import type { Workflow } from '../../../shared/model';
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
import type { SyncCache, SyncCacheData } from '../sync-cache';
import { dependencyOrder, type PublishSnapshot } from '../workspace-snapshot';
import { EnosBackendOperations } from './backend-operations';
import type { EnosClient } from './client';
import { EnosApiError } from './errors';
import { parseFlowGraph } from './graph';
import {
  comparableRemote,
  fromPortableFlow,
  normalizeForCompare,
  projectWorkflow,
  taskDefinitionsKey,
  taskResourceUses,
  toFlowGraph,
  toPortableFlow,
  type MappingContext,
  type RemoteRefNode,
  type TaskResourceUse,
} from './mapping';
import { canonicalJson } from '../common/canonical-json';
import { sha256Hex } from './signature';
import { parseEnosTime, zoneOffsetMinutes } from './time';
import type { FlowGraph, PortableFlow, WorkFlowDir } from './types';
import { mapLimited } from '../../../shared/util/map-limited';
import { applySteps, type StepRunner } from '../apply-steps';

export interface EnosBackendOptions {
  readonly client: EnosClient;
  /** Per-environment record of what was published (`.bdp/sync/<env>.json`). */
  readonly cache: SyncCache;
  /** Environment name, for messages. */
  readonly environment: string;
  /** `submitter` / `doAs` of published workflows (environment option `doAs`). */
  readonly doAs?: string;
  /** Embed text scripts in task commands (environment option `inlineScripts`, default true). */
  readonly inlineScripts?: boolean;
  /** Parallel reads while reading the remote state (default 4). */
  readonly concurrency?: number;
  readonly now?: () => number;
}

/** One remote workflow read in detail: its portable export and graph. */
export interface RemoteFlowDetail {
  readonly id: string;
  readonly directory: string;
  readonly portable: PortableFlow;
  readonly graph: FlowGraph;
  readonly active: 0 | 1;
  readonly fingerprint: string;
}

/** `RemoteState` plus the EnOS data plan and apply need. JSON-safe. */
export interface EnosRemoteState extends RemoteState {
  readonly rootDirId: string;
  /** Directory path (below the root "Workflow" node) -> dirId. */
  readonly dirIds: Readonly<Record<string, string>>;
  /** Every workflow in the OU tree: name -> flowId. */
  readonly flowIds: Readonly<Record<string, string>>;
  /** Workflows read in detail, by name. */
  readonly flows: Readonly<Record<string, RemoteFlowDetail>>;
}

/** How apply changes a workflow: Import, Save Flow, Delete + Import, or only Enable. */
export type EnosWriteMode = 'import' | 'save' | 'replace' | 'enable';

/** A plan step with what the UI shows side by side and what apply needs. */
export interface EnosPlanStep extends PlanStep {
  /** Workspace file of a workflow step. */
  readonly path?: string;
  /** Remote directory of a workflow step. */
  readonly directory?: string;
  readonly mode?: EnosWriteMode;
  /** Remote fingerprint the plan saw; apply refuses to write if it changed since. */
  readonly remoteFingerprint?: string;
  /** YAML of the normalized remote workflow (changed workflows). */
  readonly before?: string;
  /** YAML of the normalized local workflow as EnOS will hold it. */
  readonly after?: string;
  /** How each SHELL / PYTHON task's script travels. */
  readonly resources?: readonly TaskResourceUse[];
  /**
   * Cascade replace: workflows of the workspace that reference this one on EnOS (directly or
   * through each other), deepest first. EnOS refuses to delete a referenced workflow, so apply
   * deletes these before this one; their own (later) steps import them again.
   */
  readonly deleteFirst?: readonly string[];
  /** Replaced workflows this one references: it is re-created because of them. */
  readonly cascadeOf?: readonly string[];
  /** Re-created only because of `cascadeOf` (itself unchanged): skipped unless it was deleted. */
  readonly cascadeOnly?: boolean;
  /** Why apply cannot do this step; apply writes nothing while any step is blocked. */
  readonly blocked?: string;
}

export interface EnosPublishPlan extends PublishPlan {
  readonly environment: string;
  readonly steps: readonly EnosPlanStep[];
  readonly snapshot: WorkspaceSnapshot;
  readonly remote: Pick<EnosRemoteState, 'rootDirId' | 'dirIds' | 'flowIds'>;
}

export const CAPABILITIES: BackendCapabilities = {
  kind: 'enos',
  uploadResources: false,
  triggerFromTask: true,
  triggerWithParameters: true,
  deleteWorkflows: true,
  taskInstances: true,
  minRetriggerGapMs: 60_000,
  rerunInstance: false,
  recoverFailed: false,
  forceSuccess: false,
  backfill: false,
};

/** Fingerprint of a remote workflow: export plus layout, without volatile fields (active, times). */
export function remoteFingerprint(portable: PortableFlow, graph: FlowGraph): string {
  return sha256Hex(
    canonicalJson({
      portable,
      tasks: (graph.tasks ?? []).map((t) => [t.taskName, t.x, t.y]),
      flows: (graph.flows ?? []).map((f) => [f.flowName, f.isVirtual, f.x, f.y]),
      relations: graph.relations ?? [],
    }),
  );
}

function yamlOf(wf: Workflow): string {
  return toYaml(JSON.parse(JSON.stringify(wf)), { lineWidth: 0 });
}

/** Top-level fields (and task names) that differ, for the plan's details. */
function changedFields(a: Workflow, b: Workflow): string[] {
  const out: string[] = [];
  for (const key of [
    'description',
    'schedule',
    'alertMode',
    'owners',
    'parameters',
    'references',
    'relations',
  ] as const) {
    if (canonicalJson(a[key]) !== canonicalJson(b[key])) out.push(key);
  }
  const ta = new Map(a.tasks.map((t) => [t.name, canonicalJson(t)]));
  const tb = new Map(b.tasks.map((t) => [t.name, canonicalJson(t)]));
  for (const [name, t] of tb)
    if (ta.get(name) !== t) out.push(ta.has(name) ? `task ${name}` : `task ${name} (new)`);
  for (const name of ta.keys()) if (!tb.has(name)) out.push(`task ${name} (removed)`);
  return out;
}

/** Remote workflow name -> names of the remote workflows that reference it (Flow Ref / Task Ref). */
function remoteReferencers(flows: Readonly<Record<string, RemoteFlowDetail>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [name, f] of Object.entries(flows)) {
    for (const l of [...(f.portable.flowLinks ?? []), ...(f.portable.taskLinks ?? [])]) {
      if (!l.sourceFlowName || l.sourceFlowName === name) continue;
      const set = out.get(l.sourceFlowName) ?? new Set<string>();
      set.add(name);
      out.set(l.sourceFlowName, set);
    }
  }
  return out;
}

const joinNames = (names: readonly string[]): string =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/**
 * Cascade replace (docs/decisions.md "Cascade replace"), in place on the workflow steps: a
 * workflow that must be replaced (Delete + Import) while other workflows reference it on EnOS
 * deletes them first and they are imported again after it, when all of them are in the
 * workspace; otherwise its step is blocked, naming the workflows outside the workspace.
 */
function cascadeReplaces(steps: EnosPlanStep[], flows: Readonly<Record<string, RemoteFlowDetail>>): void {
  const referencedBy = remoteReferencers(flows);
  const index = new Map(steps.map((s, i) => [s.name, i]));
  const replaced = new Set<string>();
  const roots = steps.filter((s) => s.mode === 'replace').map((s) => s.name);
  const plans = new Map<string, string[]>();
  /** Every (transitive) referencer of `w`, deepest first: whatever references X comes before X. */
  const referencersOf = (w: string): string[] => {
    const order: string[] = [];
    const seen = new Set([w]);
    const visit = (n: string): void => {
      for (const ref of [...(referencedBy.get(n) ?? [])].sort()) {
        if (seen.has(ref)) continue;
        seen.add(ref);
        visit(ref);
        order.push(ref);
      }
    };
    visit(w);
    return order;
  };
  for (const w of roots) {
    const order = referencersOf(w);
    if (order.length === 0) continue;
    const i = index.get(w)!;
    const step = steps[i];
    const outside = order.filter((n) => !index.has(n));
    if (outside.length > 0) {
      const direct = outside.every((n) => referencedBy.get(w)?.has(n));
      const reason =
        `blocked: ${joinNames(outside)} ${outside.length === 1 ? 'references' : 'reference'} ${w} on EnOS` +
        `${direct ? '' : ' (directly or through other workflows)'} and ${outside.length === 1 ? 'is' : 'are'} not in this workspace. ` +
        `${w} must be deleted and imported again (its task definitions changed), which EnOS refuses while it is referenced, ` +
        'and publish only re-creates workflows of this workspace. Remove the reference on EnOS or add the workflow to the workspace, then publish again.';
      steps[i] = { ...step, action: 'remote-changed', blocked: reason, details: [reason, ...step.details] };
      continue;
    }
    plans.set(w, order);
    replaced.add(w);
    order.forEach((n) => replaced.add(n));
  }
  for (const [w, order] of plans) {
    const i = index.get(w)!;
    const step = steps[i];
    const conflicts = order.filter((n) => steps[index.get(n)!].action === 'remote-changed');
    const details = [
      `deletes ${joinNames(order)} first (${order.length === 1 ? 'it references' : 'they reference'} ${w} on EnOS); ` +
        `${order.length === 1 ? 'it is' : 'they are'} imported again after it`,
      ...(conflicts.length > 0
        ? [`${joinNames(conflicts)} changed on EnOS since the last publish: replacing ${w} overwrites that`]
        : []),
    ];
    steps[i] = {
      ...step,
      action: conflicts.length > 0 && step.action === 'update' ? 'remote-changed' : step.action,
      deleteFirst: order,
      details: [...step.details, ...details],
    };
  }
  for (const n of replaced) {
    const i = index.get(n)!;
    const step = steps[i];
    const causes = [...replaced].filter((x) => referencedBy.get(x)?.has(n)).sort();
    if (causes.length === 0) continue;
    const only = step.action === 'unchanged' || step.mode === 'enable';
    const reason = `re-created because it references ${joinNames(causes)}, which must be replaced: deleted before and imported again after ${causes.length === 1 ? 'it' : 'them'}`;
    // Its own referencers go first too, should it be replaced without its cause (not confirmed).
    const own = plans.has(n) ? [] : referencersOf(n);
    const rest = step.details.filter(
      (d) => d !== 'save the graph and schedule' && !d.startsWith('start scheduling'),
    );
    steps[i] = {
      ...step,
      action: only ? 'update' : step.action,
      mode: 'replace',
      cascadeOf: causes,
      cascadeOnly: only || undefined,
      ...(own.length > 0 ? { deleteFirst: own } : {}),
      details: step.action === 'remote-changed' ? [rest[0], reason, ...rest.slice(1)] : [reason, ...rest],
    };
  }
}

/** Workflow directories: found on EnOS, or to be created. */
function directorySteps(snapshot: WorkspaceSnapshot, r: EnosRemoteState): EnosPlanStep[] {
  return snapshot.directories.map((dir) => {
    const id = r.dirIds[dir];
    return id
      ? { kind: 'directory', name: dir, action: 'unchanged', remoteId: id, details: [] }
      : { kind: 'directory', name: dir, action: 'create', details: ['create the directory'] };
  });
}

/** Resource versions tasks use: EnOS's API cannot upload them, so each is a manual step. */
function prerequisiteSteps(
  snapshot: WorkspaceSnapshot,
  workflowSteps: readonly EnosPlanStep[],
): EnosPlanStep[] {
  const prerequisites = new Map<string, { uses: string[]; version: string; name: string }>();
  for (const step of workflowSteps)
    for (const u of step.resources ?? []) {
      if (u.mode !== 'prerequisite' || !u.resource) continue;
      const key = `${u.resource.name}@${u.resource.version}`;
      const entry = prerequisites.get(key) ?? { uses: [], ...u.resource };
      entry.uses.push(`${step.name}.${u.task}`);
      prerequisites.set(key, entry);
    }
  return [...prerequisites].map(([key, p]) => {
    const res = snapshot.resources.find((x) => x.name === p.name);
    return {
      kind: 'resource',
      name: key,
      action: 'create',
      details: [`used by ${p.uses.join(', ')}`],
      manual: `upload ${p.name} ${p.version}${res ? ` (${res.format})` : ''} in the EnOS console (Task Resources); the API cannot upload resources`,
    };
  });
}

/** What the plan should tell about a workflow's scripts and references. */
function planNotes(
  wf: Workflow,
  uses: readonly TaskResourceUse[],
  snapshot: WorkspaceSnapshot,
  r: EnosRemoteState,
): string[] {
  const notes = uses.flatMap((u) =>
    u.mode === 'missing'
      ? [
          `task ${u.task}: script ${u.script} is not published (inline scripts are off or the file is missing); the command runs as written`,
        ]
      : [],
  );
  notes.push(...portabilityNotes(wf, snapshot));
  for (const ref of wf.references) {
    if (!r.flowIds[ref.workflow] && !snapshot.workflows.some((w) => w.workflow.name === ref.workflow)) {
      notes.push(
        `reference ${ref.name}: workflow ${ref.workflow} exists neither in the workspace nor on EnOS; Import will fail`,
      );
    }
  }
  return notes;
}

/**
 * EnOS Batch Processing as a publish target (DESIGN.md "Publish semantics"). Creates with
 * Import Flow, updates with Save Flow when the task definitions are unchanged and otherwise
 * with Delete + Import, records every step in the sync cache at once, and re-finds remote ids
 * by name so a rerun never duplicates anything. Decisions: docs/decisions.md "EnOS publish".
 */
export class EnosBackend extends EnosBackendOperations implements SyncBackend {
  readonly capabilities = CAPABILITIES;
  private readonly opts: EnosBackendOptions;
  private readonly clock: () => number;

  constructor(options: EnosBackendOptions) {
    const now = options.now ?? Date.now;
    super(options.client, now);
    this.opts = options;
    this.clock = now;
  }

  private get api(): EnosClient {
    return this.opts.client;
  }

  private mappingContext(snapshot: WorkspaceSnapshot): MappingContext {
    const s = snapshot as Partial<PublishSnapshot>;
    return {
      doAs: this.opts.doAs,
      inlineScripts: this.opts.inlineScripts !== false,
      scripts: s.scripts ?? {},
      resourceTexts: s.resourceTexts ?? {},
    };
  }

  /** Read directories and every workflow (or only those named in `names`) in detail. */
  async readRemoteState(names?: ReadonlySet<string>): Promise<EnosRemoteState> {
    const [tree, zone, readAt] = await Promise.all([
      this.api.listWorkflowDirectories(),
      this.api.getTimeZone(),
      this.api.getCurrentTime(),
    ]);
    const offset = zoneOffsetMinutes(zone);
    const dirIds: Record<string, string> = {};
    const flowIds: Record<string, string> = {};
    const files: { id: string; name: string; directory: string }[] = [];
    const walk = (node: WorkFlowDir, p: string): void => {
      for (const child of node.children ?? []) {
        if (child.isDirectory) {
          const cp = p ? `${p}/${child.title}` : child.title;
          dirIds[cp] = String(child.key);
          walk(child, cp);
        } else {
          flowIds[child.title] = String(child.key);
          files.push({ id: String(child.key), name: child.title, directory: p });
        }
      }
    };
    for (const root of tree) walk(root, '');
    const wanted = files.filter((f) => !names || names.has(f.name));
    const details = await mapLimited(wanted, this.opts.concurrency ?? 4, async (f) => {
      const d = await this.readFlow(f.id, f.directory);
      const flow = d.flow;
      const item: RemoteItem = {
        kind: 'workflow',
        name: f.name,
        remoteId: f.id,
        fingerprint: d.detail.fingerprint,
        updatedAt: parseEnosTime(flow.updateTime, offset),
        updatedBy: flow.updateUser,
      };
      return { item, detail: d.detail, name: f.name };
    });
    const items: RemoteItem[] = [
      ...Object.entries(dirIds).map(([name, remoteId]) => ({ kind: 'directory' as const, name, remoteId })),
      ...details.map((d) => d.item),
    ];
    return {
      items,
      readAt,
      rootDirId: tree[0] ? String(tree[0].key) : '',
      dirIds,
      flowIds,
      flows: Object.fromEntries(details.map((d) => [d.name, d.detail])),
    };
  }

  private async readFlow(
    id: string,
    directory: string,
  ): Promise<{ detail: RemoteFlowDetail; flow: { updateTime: string; updateUser: string } }> {
    const [flow, portable] = await Promise.all([this.api.getFlow(id), this.api.exportFlow(id)]);
    const graph = parseFlowGraph(flow.graph);
    return {
      flow,
      detail: {
        id,
        directory,
        portable,
        graph,
        active: flow.active,
        fingerprint: remoteFingerprint(portable, graph),
      },
    };
  }

  /** Read the remote state for the snapshot's workflows (and those they reference), then plan. */
  async planSnapshot(snapshot: WorkspaceSnapshot): Promise<EnosPublishPlan> {
    const names = new Set(
      snapshot.workflows.flatMap((w) => [w.workflow.name, ...w.workflow.references.map((r) => r.workflow)]),
    );
    const state = await this.readRemoteState(names);
    const first = await this.plan(snapshot, state);
    // A replace deletes the workflow, which EnOS refuses while any workflow references it: read
    // the rest of the OU too, so the plan knows every referencer (cascade or blocked).
    const unread = Object.keys(state.flowIds).some((n) => !state.flows[n]);
    if (!unread || !first.steps.some((s) => s.mode === 'replace')) return first;
    return this.plan(snapshot, await this.readRemoteState());
  }

  /** Pure with respect to the target: compares the snapshot with the remote state and the cache. */
  async plan(snapshot: WorkspaceSnapshot, remote: RemoteState): Promise<EnosPublishPlan> {
    const r = remote as EnosRemoteState;
    if (!r.flows || !r.dirIds)
      throw new Error('EnosBackend.plan needs the state read by EnosBackend.readRemoteState');
    const cache = await this.opts.cache.load();
    const ctx = this.mappingContext(snapshot);
    const workflowSteps = dependencyOrder(snapshot.workflows).map((sw) =>
      this.workflowStep(sw, snapshot, r, ctx, cache),
    );
    cascadeReplaces(workflowSteps, r.flows);
    return {
      backend: 'enos',
      environment: this.opts.environment,
      createdAt: this.clock(),
      steps: [
        ...directorySteps(snapshot, r),
        ...prerequisiteSteps(snapshot, workflowSteps),
        ...workflowSteps,
      ],
      snapshot,
      remote: { rootDirId: r.rootDirId, dirIds: r.dirIds, flowIds: r.flowIds },
    };
  }

  /** A workflow: imported, unchanged, enabled, saved, or replaced (deleted and imported again). */
  private workflowStep(
    sw: SnapshotWorkflow,
    snapshot: WorkspaceSnapshot,
    r: EnosRemoteState,
    ctx: MappingContext,
    cache: SyncCacheData,
  ): EnosPlanStep {
    const wf = sw.workflow;
    const uses = taskResourceUses(wf, ctx);
    const notes = planNotes(wf, uses, snapshot, r);
    const local = normalizeForCompare(projectWorkflow(wf, ctx));
    const cached = cache.workflows[wf.name];
    const rf = r.flows[wf.name];
    const base = {
      kind: 'workflow' as const,
      name: wf.name,
      path: sw.path,
      directory: sw.directory,
      resources: uses,
    };
    if (!rf) {
      const why = cached?.remoteId ? ['deleted on EnOS since the last publish; it is created again'] : [];
      return { ...base, action: 'create', mode: 'import', details: [...why, ...notes], after: yamlOf(local) };
    }
    if (rf.directory !== sw.directory)
      notes.push(`is in directory "${rf.directory || '/'}" on EnOS; the API cannot move workflows`);
    const remoteWf = comparableRemote(fromPortableFlow(rf.portable, rf.graph), local);
    const withRemote = { ...base, remoteId: rf.id, remoteFingerprint: rf.fingerprint };
    if (canonicalJson(remoteWf) === canonicalJson(local)) {
      if (wf.schedule.type === 'periodic' && rf.active === 0 && cached?.pendingEnable)
        return {
          ...withRemote,
          action: 'update',
          mode: 'enable',
          details: ['start scheduling (an earlier publish was cut off)', ...notes],
        };
      return { ...withRemote, action: 'unchanged', details: notes };
    }
    const ours = cached !== undefined && cached.remoteId === rf.id && cached.fingerprint === rf.fingerprint;
    const mode: EnosWriteMode =
      taskDefinitionsKey(toPortableFlow(wf, ctx)) === taskDefinitionsKey(rf.portable) ? 'save' : 'replace';
    const why = ours
      ? []
      : cached?.remoteId === rf.id
        ? ['changed on EnOS since the last publish']
        : ['exists on EnOS but was not published from this workspace copy (no sync record)'];
    return {
      ...withRemote,
      action: ours ? 'update' : 'remote-changed',
      mode,
      details: [
        ...why,
        `changed: ${changedFields(remoteWf, local).join(', ')}`,
        mode === 'replace'
          ? 'task definitions changed: delete and import again (task ids change, instances history goes)'
          : 'save the graph and schedule',
        ...notes,
      ],
      before: yamlOf(remoteWf),
      after: yamlOf(local),
    };
  }

  /**
   * Run the plan in order. Each step's outcome is recorded in the sync cache as soon as it
   * succeeds (and the intent before a create or delete), so a run cut off anywhere resumes: the
   * next plan re-reads the remote state and re-finds everything by name.
   */
  async apply(
    plan: PublishPlan,
    onProgress: (p: ApplyProgress) => void,
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    const p = plan as EnosPublishPlan;
    if (!p.snapshot || !p.remote) throw new Error('EnosBackend.apply needs a plan made by EnosBackend.plan');
    const run = new ApplyRun(this.opts, this.clock, p, this.mappingContext(p.snapshot));
    // A blocked cascade must not start deleting: nothing is written while any step is blocked.
    return applySteps(p.steps, run, onProgress, options, (step) => `workflow ${step.name}: ${step.blocked}`);
  }
}

/** State of one apply: ids known so far and the per-step procedures. */
class ApplyRun implements StepRunner<EnosPlanStep> {
  readonly remoteIds: Record<string, string> = {};
  private readonly dirIds: Record<string, string>;
  private readonly flowIds: Record<string, string>;
  private readonly byPath: Map<string, SnapshotWorkflow>;
  /** Workflows deleted by this run and not imported again yet. */
  private readonly deleted = new Set<string>();

  constructor(
    private readonly opts: EnosBackendOptions,
    private readonly now: () => number,
    private readonly plan: EnosPublishPlan,
    private readonly ctx: MappingContext,
  ) {
    this.dirIds = { ...plan.remote.dirIds };
    this.flowIds = { ...plan.remote.flowIds };
    this.byPath = new Map(plan.snapshot.workflows.map((w) => [w.path, w]));
  }

  private get client(): EnosClient {
    return this.opts.client;
  }

  wasDeleted(name: string): boolean {
    return this.deleted.has(name);
  }

  skipReason(step: EnosPlanStep, options: ApplyOptions): string | undefined {
    if (step.action === 'unchanged') return 'unchanged';
    if (step.manual) return `manual: ${step.manual}`;
    if (step.action === 'remote-changed' && !options.force)
      return 'changed on EnOS; not overwritten without confirmation';
    if (step.cascadeOnly && !this.wasDeleted(step.name))
      return `not needed: ${joinNames(step.cascadeOf ?? [])} was not replaced`;
    return undefined;
  }

  async recordUnchanged(step: EnosPlanStep): Promise<void> {
    const cache = this.opts.cache;
    const data = await cache.load();
    if (step.kind === 'directory' && step.remoteId && data.directories[step.name] !== step.remoteId) {
      await cache.setDirectory(step.name, step.remoteId);
    }
    if (step.kind === 'workflow' && step.remoteId && step.remoteFingerprint) {
      const c = data.workflows[step.name];
      if (!c || c.remoteId !== step.remoteId || c.fingerprint !== step.remoteFingerprint || c.pendingEnable) {
        await cache.setWorkflow(
          step.name,
          { remoteId: step.remoteId, fingerprint: step.remoteFingerprint },
          this.now(),
        );
      }
    }
  }

  async execute(step: EnosPlanStep): Promise<void> {
    if (step.kind === 'directory') return this.createDirectory(step.name);
    const sw = step.path ? this.byPath.get(step.path) : undefined;
    if (step.kind !== 'workflow' || !sw) throw new Error(`nothing to do for ${step.kind} ${step.name}`);
    const wf = sw.workflow;
    if (step.mode === 'import' || (step.mode === 'replace' && this.deleted.has(wf.name))) {
      // Deleted earlier in this run by a cascade: import it again.
      await this.importWorkflow(sw);
    } else {
      if (!step.remoteId) throw new Error(`workflow ${wf.name}: no remote id in the plan`);
      const fresh = await this.read(step.remoteId, sw.directory);
      if (fresh.fingerprint !== step.remoteFingerprint) {
        throw new Error(
          `workflow ${wf.name} changed on EnOS after the plan was made; publish again to review it`,
        );
      }
      if (step.mode === 'save') await this.save(wf, fresh);
      else if (step.mode === 'replace') await this.replace(sw, fresh, step.deleteFirst ?? []);
      else
        await this.opts.cache.setWorkflow(
          wf.name,
          { remoteId: fresh.id, fingerprint: fresh.fingerprint, pendingEnable: true },
          this.now(),
        );
    }
    await this.enableIfPending(wf);
  }

  private async enableIfPending(wf: Workflow): Promise<void> {
    const periodic = wf.schedule.type === 'periodic';
    const entry = (await this.opts.cache.load()).workflows[wf.name];
    if (periodic && entry?.pendingEnable) {
      await this.client.enableFlow(entry.remoteId);
      await this.opts.cache.setWorkflow(
        wf.name,
        { remoteId: entry.remoteId, fingerprint: entry.fingerprint },
        this.now(),
      );
    }
  }

  private async createDirectory(dirPath: string): Promise<void> {
    const slash = dirPath.lastIndexOf('/');
    const parentPath = slash < 0 ? '' : dirPath.slice(0, slash);
    const parentId = parentPath ? this.dirIds[parentPath] : this.plan.remote.rootDirId;
    if (!parentId) throw new Error(`directory ${dirPath}: parent ${parentPath} has no remote id`);
    let dirId: string;
    try {
      dirId = (await this.client.createDirectory(parentId, dirPath.slice(slash + 1))).dirId;
    } catch (e) {
      // Created by an earlier, cut-off run or by someone else meanwhile: find it by name.
      const found = await this.findDirectory(dirPath);
      if (!found) throw e;
      dirId = found;
    }
    this.dirIds[dirPath] = dirId;
    this.remoteIds[`directory:${dirPath}`] = dirId;
    await this.opts.cache.setDirectory(dirPath, dirId);
  }

  private async findDirectory(dirPath: string): Promise<string | undefined> {
    let nodes = await this.client.listWorkflowDirectories();
    nodes = nodes[0]?.children ?? [];
    let found: WorkFlowDir | undefined;
    for (const part of dirPath.split('/')) {
      found = nodes.find((n) => n.isDirectory && n.title === part);
      if (!found) return undefined;
      nodes = found.children ?? [];
    }
    return found ? String(found.key) : undefined;
  }

  private async read(id: string, directory: string): Promise<RemoteFlowDetail> {
    const [flow, portable] = await Promise.all([this.client.getFlow(id), this.client.exportFlow(id)]);
    const graph = parseFlowGraph(flow.graph);
    return {
      id,
      directory,
      portable,
      graph,
      active: flow.active,
      fingerprint: remoteFingerprint(portable, graph),
    };
  }

  /** Exact-name lookup through Search Flow (fuzzy on the server, filtered here). */
  private async findFlowByName(name: string): Promise<string | undefined> {
    for (let pageNo = 1; ; pageNo++) {
      const page = await this.client.searchFlow({ expression: name, pagination: { pageNo, pageSize: 50 } });
      const hit = page.find((f) => f.flowName === name);
      if (hit) return String(hit.flowId);
      if (page.length < 50) return undefined;
    }
  }

  private async importWorkflow(sw: SnapshotWorkflow): Promise<void> {
    const wf = sw.workflow;
    const existing = await this.findFlowByName(wf.name);
    if (existing)
      throw new Error(
        `a workflow named ${wf.name} appeared on EnOS after the plan was made; publish again to compare`,
      );
    const dirId = sw.directory ? this.dirIds[sw.directory] : this.plan.remote.rootDirId;
    if (!dirId) throw new Error(`workflow ${wf.name}: directory ${sw.directory} has no remote id`);
    const periodic = wf.schedule.type === 'periodic';
    // Intent first: if the answer to Import is lost, the next run still knows to enable it.
    await this.opts.cache.setWorkflow(
      wf.name,
      { remoteId: '', fingerprint: '', pendingEnable: periodic },
      this.now(),
    );
    const { flowId } = await this.client.importFlow({
      flowName: wf.name,
      desc: wf.description ?? '',
      dirId,
      flowJson: toPortableFlow(wf, this.ctx),
    });
    const id = String(flowId);
    this.deleted.delete(wf.name);
    this.flowIds[wf.name] = id;
    this.remoteIds[`workflow:${wf.name}`] = id;
    const fresh = await this.read(id, sw.directory);
    await this.opts.cache.setWorkflow(
      wf.name,
      { remoteId: id, fingerprint: fresh.fingerprint, pendingEnable: periodic },
      this.now(),
    );
    // Import places nodes itself and uses default cycle gaps: a Save Flow sets the local layout.
    const needsLayout =
      [...wf.tasks, ...wf.references].some((n) => n.position) ||
      wf.relations.some((r) => r.cycleGap !== undefined);
    if (needsLayout) await this.save(wf, fresh);
  }

  private async save(wf: Workflow, fresh: RemoteFlowDetail): Promise<RemoteFlowDetail> {
    const taskIds = new Map((fresh.graph.tasks ?? []).map((t) => [t.taskName, String(t.taskId)]));
    const body = toFlowGraph(wf, {
      ...this.ctx,
      flowId: Number(fresh.id),
      active: fresh.active,
      taskIds,
      refNodes: this.refNodes(wf, fresh.graph),
      current: fresh.graph,
    });
    await this.client.saveFlow(body);
    const after = await this.read(fresh.id, fresh.directory);
    const prev = (await this.opts.cache.load()).workflows[wf.name];
    await this.opts.cache.setWorkflow(
      wf.name,
      { remoteId: fresh.id, fingerprint: after.fingerprint, pendingEnable: prev?.pendingEnable },
      this.now(),
    );
    return after;
  }

  /** Remote node per local reference: existing graph nodes first, else a flow id found by name. */
  private refNodes(wf: Workflow, graph: FlowGraph): Map<string, RemoteRefNode> {
    const out = new Map<string, RemoteRefNode>();
    const free = [...(graph.flows ?? [])];
    for (const ref of wf.references) {
      const k = free.findIndex((f) =>
        ref.kind === 'flow'
          ? !f.isVirtual && f.flowName === ref.workflow
          : f.isVirtual && f.flowName.endsWith(`(${ref.task})`),
      );
      if (k >= 0) {
        const f = free.splice(k, 1)[0];
        out.set(ref.name, { flowId: String(f.flowId), flowName: f.flowName, isVirtual: f.isVirtual });
      } else if (ref.kind === 'flow' && this.flowIds[ref.workflow]) {
        out.set(ref.name, { flowId: this.flowIds[ref.workflow], flowName: ref.workflow, isVirtual: false });
      } else {
        throw new Error(`workflow ${wf.name}: reference ${ref.name} cannot be resolved on EnOS`);
      }
    }
    return out;
  }

  /**
   * Delete + Import. Referencing workflows (`deleteFirst`, deepest first) are deleted before it,
   * each checked against the plan's fingerprint and recorded like the workflow itself; their own
   * steps import them again. If a delete is refused, those deleted here are imported again.
   */
  private async replace(
    sw: SnapshotWorkflow,
    fresh: RemoteFlowDetail,
    deleteFirst: readonly string[],
  ): Promise<void> {
    const removed: SnapshotWorkflow[] = [];
    try {
      for (const name of deleteFirst) {
        if (this.deleted.has(name)) continue;
        const step = this.plan.steps.find((s) => s.kind === 'workflow' && s.name === name);
        const rsw = step?.path ? this.byPath.get(step.path) : undefined;
        if (!step?.remoteId || !rsw)
          throw new Error(`workflow ${name}: not in the plan; publish again to review it`);
        const current = await this.read(step.remoteId, rsw.directory);
        if (current.fingerprint !== step.remoteFingerprint)
          throw new Error(
            `workflow ${name} changed on EnOS after the plan was made; publish again to review it`,
          );
        await this.deleteRemote(rsw, current, `it references ${sw.workflow.name}, which must be replaced`);
        removed.push(rsw);
      }
      await this.deleteRemote(sw, fresh, 'its task definitions changed');
    } catch (e) {
      // Roll forward what this step deleted (they still reference the old workflow, which stays).
      for (const rsw of [...removed].reverse()) {
        try {
          await this.importWorkflow(rsw);
          await this.enableIfPending(rsw.workflow);
        } catch {
          break; // the next plan sees them missing and creates them
        }
      }
      throw e;
    }
    await this.importWorkflow(sw);
  }

  /** Delete Flow with the intent recorded first; the cache then says "deleted, import pending". */
  private async deleteRemote(sw: SnapshotWorkflow, fresh: RemoteFlowDetail, why: string): Promise<void> {
    const wf = sw.workflow;
    const pendingEnable = wf.schedule.type === 'periodic';
    await this.opts.cache.setWorkflow(
      wf.name,
      { remoteId: fresh.id, fingerprint: fresh.fingerprint, pendingEnable },
      this.now(),
    );
    try {
      await this.client.deleteFlow(fresh.id);
    } catch (e) {
      if (e instanceof EnosApiError && e.code === 62104) {
        throw new Error(
          `workflow ${wf.name}: ${why}, which EnOS can only apply by deleting and importing it again, ` +
            `but EnOS refuses to delete it (${e.serverMessage ?? 'referenced by other workflows or running'}). ` +
            'Remove the references to it (or wait for the running instance), then publish again.',
          { cause: e },
        );
      }
      throw e;
    }
    delete this.flowIds[wf.name];
    this.deleted.add(wf.name);
    await this.opts.cache.setWorkflow(wf.name, { remoteId: '', fingerprint: '', pendingEnable }, this.now());
  }
}

/** Count of plan steps per action, for summaries. */
