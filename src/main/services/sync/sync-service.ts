import { randomUUID } from 'node:crypto';
import type {
  ApplyProgressEvent,
  ApplyResultInfo,
  ConnectionInfo,
  EnvironmentInfo,
  PlanInfo,
  PlanStepInfo,
  RemoteDirectory,
  RemoteInstanceDetail,
  RemoteInstanceFilter,
  RemoteInstanceInfo,
  RemoteWorkflowInfo,
  SyncService,
  WorkspaceService,
} from '../../../shared/contract';
import { PLAN_TTL_MS } from '../../../shared/contract';
import type { Environment } from '../../../shared/model';
import { AppError } from '../../../shared/rpc/errors';
import type { EnosClient, EnosClientOptions } from '../../sync/enos/client';
import type { EnosBackend, EnosPlanStep, EnosPublishPlan } from '../../sync/enos/enos-backend';
import { createEnosBackend, secretEnvVar } from '../../sync/enos/environment';
import { maskSecrets } from '../../sync/enos/errors';
import { parseInstanceGraph } from '../../sync/enos/graph';
import { exportPrerequisites } from '../../sync/enos/prerequisites';
import type { WorkFlowDir } from '../../sync/enos/types';
import { readWorkspaceSnapshot } from '../../sync/workspace-snapshot';
import { Emitter } from '../emitter';
import { resolveInside } from '../workspace/path-guard';
import type { SecretStore } from '../secrets/secret-store';
import { readEnvironments, removeEnvironment, secretKeyOf, upsertEnvironment } from './environments';
import { toSyncError } from './sync-errors';

export interface SyncServiceOptions {
  workspace: Pick<WorkspaceService, 'current' | 'readFile' | 'writeFile'>;
  secrets: SecretStore;
  /** Where `BDP_ENV_<NAME>_SECRET` overrides are read (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Client settings for tests (retries, timeouts). */
  clientOverrides?: Partial<EnosClientOptions>;
  now?: () => number;
}

interface Connection {
  env: Environment;
  secret: string;
  backend: EnosBackend;
  client: EnosClient;
}

interface StoredPlan {
  plan: EnosPublishPlan;
  connection: Connection;
  expiresAt: number;
  applying: boolean;
}

const CONFIG = 'bdp.yaml';

function directoryTree(root: WorkFlowDir | undefined): RemoteDirectory {
  const walk = (node: WorkFlowDir, p: string): RemoteDirectory => {
    const children = node.children ?? [];
    return {
      name: node.title,
      path: p,
      workflows: children.filter((c) => !c.isDirectory).map((c) => c.title),
      children: children
        .filter((c) => c.isDirectory)
        .map((c) => walk(c, p ? `${p}/${c.title}` : c.title)),
    };
  };
  return root ? walk(root, '') : { name: '', path: '', workflows: [], children: [] };
}

function stepInfo(step: EnosPlanStep, index: number, plan: EnosPublishPlan): PlanStepInfo {
  const wf = step.path ? plan.snapshot.workflows.find((w) => w.path === step.path) : undefined;
  return {
    index,
    kind: step.kind,
    name: step.name,
    action: step.action,
    path: step.path,
    directory: step.directory,
    details: [...step.details],
    before: step.before,
    after: step.after,
    resources: (step.resources ?? []).map((u) => ({
      task: u.task,
      mode: u.mode,
      source: u.resource ? `${u.resource.name}@${u.resource.version}` : u.script,
    })),
    manual: step.manual,
    periodic: wf ? wf.workflow.schedule.type === 'periodic' : undefined,
    blocked: step.blocked,
  };
}

/**
 * `SyncService` on top of `src/main/sync`: environments in bdp.yaml, secrets in the secure
 * store, plans kept in memory by id until applied or `PLAN_TTL_MS` old. Only `enos` targets
 * are implemented; the contract stays backend-neutral.
 */
export class SyncServiceNode implements SyncService {
  private readonly progress = new Emitter<ApplyProgressEvent>();
  readonly onDidProgress = this.progress.event;
  private readonly plans = new Map<string, StoredPlan>();
  private readonly connections = new Map<string, Connection>();
  private readonly now: () => number;

  constructor(private readonly opts: SyncServiceOptions) {
    this.now = opts.now ?? Date.now;
  }

  async listEnvironments(): Promise<EnvironmentInfo[]> {
    const { envs } = await this.readConfig();
    return Promise.all(envs.map((e) => this.info(e)));
  }

  async saveEnvironment(args: {
    environment: Omit<EnvironmentInfo, 'hasSecret'>;
    previousName?: string;
    secret?: string;
  }): Promise<EnvironmentInfo> {
    const { text, version } = await this.readConfig();
    const next = upsertEnvironment(text, args.environment, args.previousName);
    await this.opts.workspace.writeFile({ path: CONFIG, text: next, expectedVersion: version });
    const env = readEnvironments(next).find((e) => e.name === args.environment.name);
    if (!env) throw new AppError('INTERNAL', 'the environment was not saved');
    if (args.secret) await this.opts.secrets.set(secretKeyOf(env), args.secret);
    this.connections.clear();
    return this.info(env);
  }

  async deleteEnvironment(args: { name: string }): Promise<void> {
    const { text, version, envs } = await this.readConfig();
    const env = envs.find((e) => e.name === args.name);
    await this.opts.workspace.writeFile({ path: CONFIG, text: removeEnvironment(text, args.name), expectedVersion: version });
    // Another environment may use the same credential.
    if (env && !envs.some((e) => e !== env && secretKeyOf(e) === secretKeyOf(env))) {
      await this.opts.secrets.delete(secretKeyOf(env));
    }
    this.connections.clear();
  }

  testConnection(args: { name: string }): Promise<ConnectionInfo> {
    return this.withConnection(args.name, async ({ client }) => {
      const [timezone, serverTime, tree] = await Promise.all([
        client.getTimeZone(),
        client.getCurrentTime(),
        client.listWorkflowDirectories(),
      ]);
      return { timezone, serverTime, directories: directoryTree(tree[0]) };
    });
  }

  plan(args: { name: string }): Promise<PlanInfo> {
    return this.withConnection(args.name, async (connection) => {
      const root = await this.root();
      const snapshot = await readWorkspaceSnapshot(root);
      const plan = await connection.backend.planSnapshot(snapshot);
      this.dropExpired();
      const planId = randomUUID();
      this.plans.set(planId, { plan, connection, expiresAt: this.now() + PLAN_TTL_MS, applying: false });
      return {
        planId,
        environment: connection.env.name,
        backend: plan.backend,
        createdAt: plan.createdAt,
        steps: plan.steps.map((s, i) => stepInfo(s, i, plan)),
      };
    });
  }

  async apply(args: { planId: string; force: boolean }): Promise<ApplyResultInfo> {
    const stored = this.storedPlan(args.planId);
    if (stored.applying) throw new AppError('CONFLICT', 'this plan is being applied already');
    stored.applying = true;
    const { connection } = stored;
    try {
      const result = await connection.backend.apply(
        stored.plan,
        (p) =>
          this.progress.fire({
            planId: args.planId,
            index: p.index,
            total: p.total,
            phase: p.phase,
            message: p.message && maskSecrets(p.message, [connection.secret]),
          }),
        { force: args.force },
      );
      const indexOf = (s: unknown): number => stored.plan.steps.indexOf(s as EnosPlanStep);
      return {
        planId: args.planId,
        ok: result.ok,
        applied: result.applied.map(indexOf),
        skipped: result.skipped.map(indexOf),
        failed: result.failed && {
          index: indexOf(result.failed.step),
          message: toSyncError(result.failed.error, connection.secret, connection.env.name).message,
        },
      };
    } catch (error) {
      throw toSyncError(error, connection.secret, connection.env.name);
    } finally {
      // A plan describes the remote as it was; after an apply it is stale.
      this.plans.delete(args.planId);
    }
  }

  async exportPrerequisites(args: { planId: string; dir: string }): Promise<string[]> {
    const stored = this.storedPlan(args.planId);
    const workspace = await this.opts.workspace.current();
    if (!workspace) throw new AppError('NO_WORKSPACE', 'no workspace is open');
    return exportPrerequisites(stored.plan, await resolveInside(workspace.root, args.dir));
  }

  listRemoteWorkflows(args: { name: string }): Promise<RemoteWorkflowInfo[]> {
    return this.withConnection(args.name, async ({ backend }) => {
      const state = await backend.readRemoteState();
      return Object.entries(state.flows)
        .map(([name, f]) => ({
          name,
          id: f.id,
          directory: f.directory,
          enabled: f.active === 1,
          scheduling: f.graph.type === 1 ? ('periodic' as const) : ('manual' as const),
          tasks: (f.graph.tasks ?? []).map((t) => ({ id: String(t.taskId), name: t.taskName })),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  listRemoteInstances(args: {
    name: string;
    filter: RemoteInstanceFilter;
  }): Promise<{ items: RemoteInstanceInfo[]; total: number }> {
    return this.withConnection(args.name, async ({ backend }) => {
      const { filter } = args;
      const workflowId = filter.workflow ? await this.flowId(backend, filter.workflow) : undefined;
      const page = await backend.listInstances({
        workflowId,
        states: filter.states,
        page: filter.page,
        pageSize: filter.pageSize,
      });
      return { items: page.items.map((i) => ({ ...i })), total: page.total };
    });
  }

  getRemoteInstance(args: { name: string; instanceId: string }): Promise<RemoteInstanceDetail> {
    return this.withConnection(args.name, async ({ backend, client }) => {
      const [detail, raw] = await Promise.all([
        backend.getInstance(args.instanceId),
        client.getFlowInstance(args.instanceId),
      ]);
      const graph = parseInstanceGraph(raw.graph);
      const taskOfNode = new Map(graph.tasks.map((t) => [t.nodeId, String(t.taskId)]));
      const relations = graph.relations.flatMap((r) => {
        const source = taskOfNode.get(r.source);
        const target = taskOfNode.get(r.target);
        return source && target ? [{ source, target }] : [];
      });
      return {
        ...detail,
        tasks: detail.tasks.map((t) => ({ id: t.id, taskId: t.taskId, taskName: t.taskName, state: t.state })),
        relations,
        parameters: { ...detail.parameters },
      };
    });
  }

  getRemoteTaskLog(args: { name: string; taskInstanceId: string; maxLength?: number }): Promise<string> {
    return this.withConnection(args.name, ({ backend }) => backend.getTaskLog(args.taskInstanceId, args.maxLength));
  }

  trigger(args: { name: string; workflow: string; triggerTime: number }): Promise<string> {
    return this.withConnection(args.name, async ({ backend }) =>
      backend.trigger(await this.flowId(backend, args.workflow), args.triggerTime),
    );
  }

  triggerFromTask(args: { name: string; workflow: string; taskId: string; triggerTime: number }): Promise<string> {
    return this.withConnection(args.name, async ({ backend }) =>
      backend.triggerFromTask(await this.flowId(backend, args.workflow), args.taskId, args.triggerTime),
    );
  }

  cancel(args: { name: string; instanceId: string }): Promise<void> {
    return this.withConnection(args.name, ({ backend }) => backend.cancel(args.instanceId));
  }

  setEnabled(args: { name: string; workflow: string; enabled: boolean }): Promise<void> {
    return this.withConnection(args.name, async ({ backend }) =>
      backend.setEnabled(await this.flowId(backend, args.workflow), args.enabled),
    );
  }

  dispose(): void {
    this.progress.dispose();
    this.plans.clear();
    this.connections.clear();
  }

  private async root(): Promise<string> {
    const ws = await this.opts.workspace.current();
    if (!ws) throw new AppError('NO_WORKSPACE', 'open a workspace first');
    return ws.root;
  }

  private async readConfig(): Promise<{ text: string; version?: string; envs: Environment[] }> {
    await this.root();
    try {
      const file = await this.opts.workspace.readFile({ path: CONFIG });
      return { text: file.text, version: file.version, envs: readEnvironments(file.text) };
    } catch (error) {
      if ((error as AppError).code !== 'NOT_FOUND') throw error;
      return { text: '', envs: [] };
    }
  }

  private async secretOf(env: Environment): Promise<string | undefined> {
    const fromEnv = (this.opts.env ?? process.env)[secretEnvVar(env.name)];
    return fromEnv || (await this.opts.secrets.get(secretKeyOf(env)));
  }

  private async info(env: Environment): Promise<EnvironmentInfo> {
    return { name: env.name, kind: env.kind, url: env.url, options: { ...env.options }, hasSecret: !!(await this.secretOf(env)) };
  }

  private async connect(name: string): Promise<Connection> {
    const root = await this.root();
    const env = (await this.readConfig()).envs.find((e) => e.name === name);
    if (!env) throw new AppError('NOT_FOUND', `no environment named "${name}" in bdp.yaml`);
    if (env.kind !== 'enos') throw new AppError('INVALID_ARGUMENT', `environment "${name}": ${env.kind} targets are not supported yet`);
    const secret = await this.secretOf(env);
    if (!secret) throw new AppError('UNAUTHORIZED', `environment "${name}" has no secret stored; edit it and enter the secret`);
    const key = `${root}\n${JSON.stringify(env)}`;
    const cached = this.connections.get(key);
    if (cached && cached.secret === secret) return cached;
    let created: ReturnType<typeof createEnosBackend>;
    try {
      created = createEnosBackend(root, env, secret, this.opts.clientOverrides);
    } catch (error) {
      throw new AppError('INVALID_ARGUMENT', (error as Error).message);
    }
    const connection = { env, secret, backend: created.backend, client: created.client };
    this.connections.set(key, connection);
    return connection;
  }

  private async withConnection<T>(name: string, fn: (c: Connection) => Promise<T>): Promise<T> {
    const connection = await this.connect(name);
    try {
      return await fn(connection);
    } catch (error) {
      throw toSyncError(error, connection.secret, name);
    }
  }

  private async flowId(backend: EnosBackend, workflow: string): Promise<string> {
    const id = (await backend.readRemoteState(new Set())).flowIds[workflow];
    if (!id) throw new AppError('NOT_FOUND', `workflow ${workflow} is not published to this environment`);
    return id;
  }

  private storedPlan(planId: string): StoredPlan {
    this.dropExpired();
    const stored = this.plans.get(planId);
    if (!stored) throw new AppError('NOT_FOUND', 'the plan expired or was applied already; make a new plan');
    return stored;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [id, p] of this.plans) if (p.expiresAt < now && !p.applying) this.plans.delete(id);
  }
}
