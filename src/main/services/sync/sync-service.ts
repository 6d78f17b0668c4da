import { randomUUID } from 'node:crypto';
import type {
  ApplyProgressEvent,
  ApplyResultInfo,
  ConnectionInfo,
  EnvironmentInfo,
  EnvironmentInput,
  PlanInfo,
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
import type { PublishPlan } from '../../sync/backend';
import type { DsClientOptions } from '../../sync/dolphinscheduler/client';
import { DS_CAPABILITIES } from '../../sync/dolphinscheduler/ds-backend';
import type { EnosClientOptions } from '../../sync/enos/client';
import { CAPABILITIES as ENOS_CAPABILITIES } from '../../sync/enos/enos-backend';
import { secretEnvVar } from '../../sync/common/secret-variable';
import { maskSecrets } from '../../sync/common/mask';
import { readWorkspaceSnapshot } from '../../sync/workspace-snapshot';
import { Emitter } from '../../../shared/emitter';
import { resolveInside } from '../workspace/path-guard';
import type { SecretStore } from '../secrets/secret-store';
import { dsTarget } from './ds-target';
import { enosTarget } from './enos-target';
import { readEnvironments, removeEnvironment, secretKeyOf, upsertEnvironment } from './environments';
import { remoteCapabilities, type PublishTarget } from './publish-target';
import { toSyncError } from './sync-errors';

export interface SyncServiceOptions {
  workspace: Pick<WorkspaceService, 'current' | 'readFile' | 'writeFile'>;
  secrets: SecretStore;
  /** Where `BDP_ENV_<NAME>_SECRET` overrides are read (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** EnOS client settings for tests (retries, timeouts). */
  clientOverrides?: Partial<EnosClientOptions>;
  /** DolphinScheduler client settings for tests. */
  dsClientOverrides?: Partial<DsClientOptions>;
  now?: () => number;
}

interface Connection {
  env: Environment;
  secret: string;
  target: PublishTarget;
}

interface StoredPlan {
  plan: PublishPlan;
  connection: Connection;
  expiresAt: number;
  applying: boolean;
}

const CONFIG = 'bdp.yaml';

const CAPABILITIES_BY_KIND = { enos: ENOS_CAPABILITIES, dolphinscheduler: DS_CAPABILITIES } as const;

/**
 * `SyncService` on top of `src/main/sync`: environments in bdp.yaml, secrets in the secure
 * store, plans kept in memory by id until applied or `PLAN_TTL_MS` old. The environment's kind
 * picks a `PublishTarget` (EnOS or DolphinScheduler); nothing else here depends on the kind.
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
    environment: EnvironmentInput;
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
    await this.opts.workspace.writeFile({
      path: CONFIG,
      text: removeEnvironment(text, args.name),
      expectedVersion: version,
    });
    // Another environment may use the same credential.
    if (env && !envs.some((e) => e !== env && secretKeyOf(e) === secretKeyOf(env))) {
      await this.opts.secrets.delete(secretKeyOf(env));
    }
    this.connections.clear();
  }

  testConnection(args: { name: string }): Promise<ConnectionInfo> {
    return this.withConnection(args.name, ({ target }) => target.testConnection());
  }

  plan(args: { name: string }): Promise<PlanInfo> {
    return this.withConnection(args.name, async (connection) => {
      const root = await this.root();
      const snapshot = await readWorkspaceSnapshot(root);
      const { plan, steps } = await connection.target.plan(snapshot);
      this.dropExpired();
      const planId = randomUUID();
      this.plans.set(planId, { plan, connection, expiresAt: this.now() + PLAN_TTL_MS, applying: false });
      return {
        planId,
        environment: connection.env.name,
        backend: plan.backend,
        createdAt: plan.createdAt,
        steps,
      };
    });
  }

  async apply(args: { planId: string; force: boolean }): Promise<ApplyResultInfo> {
    const stored = this.storedPlan(args.planId);
    if (stored.applying) throw new AppError('CONFLICT', 'this plan is being applied already');
    stored.applying = true;
    const { connection } = stored;
    try {
      const result = await connection.target.apply(
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
      const indexOf = (s: unknown): number => stored.plan.steps.indexOf(s as PublishPlan['steps'][number]);
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
    return stored.connection.target.exportPrerequisites(
      stored.plan,
      await resolveInside(workspace.root, args.dir),
    );
  }

  listRemoteWorkflows(args: { name: string }): Promise<RemoteWorkflowInfo[]> {
    return this.withConnection(args.name, ({ target }) => target.listWorkflows());
  }

  listRemoteInstances(args: {
    name: string;
    filter: RemoteInstanceFilter;
  }): Promise<{ items: RemoteInstanceInfo[]; total: number }> {
    return this.withConnection(args.name, async ({ target }) => {
      const { filter } = args;
      const workflowId = filter.workflow ? await target.workflowId(filter.workflow) : undefined;
      const page = await target.operations.listInstances({
        workflowId,
        states: filter.states,
        page: filter.page,
        pageSize: filter.pageSize,
      });
      return { items: page.items.map((i) => ({ ...i })), total: page.total };
    });
  }

  getRemoteInstance(args: { name: string; instanceId: string }): Promise<RemoteInstanceDetail> {
    return this.withConnection(args.name, ({ target }) => target.getInstance(args.instanceId));
  }

  getRemoteTaskLog(args: { name: string; taskInstanceId: string; maxLength?: number }): Promise<string> {
    return this.withConnection(args.name, ({ target }) =>
      target.operations.getTaskLog(args.taskInstanceId, args.maxLength),
    );
  }

  trigger(args: { name: string; workflow: string; triggerTime: number }): Promise<string> {
    return this.withConnection(args.name, async ({ target }) =>
      target.operations.trigger(await target.workflowId(args.workflow), args.triggerTime),
    );
  }

  triggerFromTask(args: {
    name: string;
    workflow: string;
    taskId: string;
    triggerTime: number;
  }): Promise<string> {
    return this.withConnection(args.name, async ({ target }) =>
      target.operations.triggerFromTask(
        await target.workflowId(args.workflow),
        args.taskId,
        args.triggerTime,
      ),
    );
  }

  cancel(args: { name: string; instanceId: string }): Promise<void> {
    return this.withConnection(args.name, ({ target }) => target.operations.cancel(args.instanceId));
  }

  setEnabled(args: { name: string; workflow: string; enabled: boolean }): Promise<void> {
    return this.withConnection(args.name, async ({ target }) =>
      target.operations.setEnabled(await target.workflowId(args.workflow), args.enabled),
    );
  }

  rerunInstance(args: { name: string; instanceId: string }): Promise<void> {
    return this.withConnection(args.name, ({ target }) =>
      this.need(target, 'rerunInstance', 'rerun an instance').rerunInstance!(args.instanceId),
    );
  }

  recoverInstance(args: { name: string; instanceId: string }): Promise<void> {
    return this.withConnection(args.name, ({ target }) =>
      this.need(target, 'recoverFailed', 'recover failed tasks').recoverFailed!(args.instanceId),
    );
  }

  forceTaskSuccess(args: { name: string; taskInstanceId: string }): Promise<void> {
    return this.withConnection(args.name, ({ target }) =>
      this.need(target, 'forceSuccess', 'force a task to success').forceSuccess!(args.taskInstanceId),
    );
  }

  backfill(args: { name: string; workflow: string; from: number; to: number }): Promise<string[]> {
    return this.withConnection(args.name, async ({ target }) =>
      this.need(target, 'backfill', 'backfill').backfill!(
        await target.workflowId(args.workflow),
        args.from,
        args.to,
      ),
    );
  }

  /** The operations of a target that has `capability`, else `INVALID_ARGUMENT`. */
  private need(
    target: PublishTarget,
    capability: 'rerunInstance' | 'recoverFailed' | 'forceSuccess' | 'backfill',
    what: string,
  ): PublishTarget['operations'] {
    const fn = target.operations[capability];
    if (!target.capabilities[capability] || !fn)
      throw new AppError('INVALID_ARGUMENT', `${target.capabilities.kind} targets cannot ${what}`);
    return target.operations;
  }

  dispose(): void {
    this.progress.dispose();
    this.plans.clear();
    for (const c of this.connections.values()) c.target.close();
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
    return {
      name: env.name,
      kind: env.kind,
      url: env.url,
      options: { ...env.options },
      hasSecret: !!(await this.secretOf(env)),
      capabilities: remoteCapabilities(CAPABILITIES_BY_KIND[env.kind]),
    };
  }

  private async connect(name: string): Promise<Connection> {
    const root = await this.root();
    const env = (await this.readConfig()).envs.find((e) => e.name === name);
    if (!env) throw new AppError('NOT_FOUND', `no environment named "${name}" in bdp.yaml`);
    const secret = await this.secretOf(env);
    if (!secret)
      throw new AppError(
        'UNAUTHORIZED',
        `environment "${name}" has no ${env.kind === 'dolphinscheduler' ? 'token or password' : 'secret'} stored; edit it and enter it`,
      );
    const key = `${root}\n${JSON.stringify(env)}`;
    const cached = this.connections.get(key);
    if (cached && cached.secret === secret) return cached;
    cached?.target.close();
    let target: PublishTarget;
    try {
      target =
        env.kind === 'dolphinscheduler'
          ? dsTarget(root, env, secret, this.opts.dsClientOverrides ?? {})
          : enosTarget(root, env, secret, this.opts.clientOverrides ?? {});
    } catch (error) {
      throw new AppError('INVALID_ARGUMENT', (error as Error).message);
    }
    const connection = { env, secret, target };
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
