import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { canRerun, isTerminalState } from '../../shared/model/run';
import type { Workflow } from '../../shared/model/workflow';
import { AppError } from '../../shared/rpc/errors';
import type { Event } from '../../shared/contract';
import { businessDateOf } from '../../shared/variables';
import { Emitter } from '../../shared/emitter';
import { applyPlan, DagScheduler, planRun } from './dag-scheduler';
import { InstanceStore } from './instance-store';
import { nodeLauncher, type ProcessLauncher } from './process-launcher';
import { PythonTaskExecutor, ShellTaskExecutor } from './process-executors';
import { SpawnHelperLauncher } from './spawn-helper';
import {
  localReferenceResolver,
  satisfiedReferenceResolver,
  type ReferenceResolver,
} from './reference-resolver';
import { SlotPool } from './slot-pool';
import type { TaskExecutor, TaskExecutors } from './task-executor';
import { DataSyncTaskExecutor, type PasswordLookup } from './executors/data-sync-executor';
import { ExternalAppTaskExecutor } from './executors/external-app';
import { closeTaskRuntime, taskRuntimeEnv } from './task-runtime';
import { PROCESS_STARTED, WorkflowLocks, waitingReason } from './workflow-lock';
import { hostname } from 'node:os';
import { formatTriggerTime, normalizeTriggerTime, utcOffsetAt } from '../../shared/time/trigger-time';
import { setStatus, type LogChunk, type RunScope, type TaskInstance, type WorkflowInstance } from './types';
import type { RetentionPolicy } from '../../shared/runner-protocol';
import { RUNS_DIR, WORKFLOW_SNAPSHOT } from '../../shared/runner-protocol';
import type {
  InstanceChange,
  InstanceSummary,
  RerunRequest,
  RunnerApi,
  RunnerDiagnostics,
  RunnerServiceOptions,
  RunnerSettings,
  SourcePreview,
  SourcePreviewRequest,
  StartRequest,
  TaskFileSource,
} from '../../shared/runner-protocol';
import { connectionPassword, findConnection } from '../../shared/connections';
import type { Connection } from '../../shared/model';

/** Extension points that are code, not data (in-process use and tests only). */
export interface RunnerServiceHooks {
  executors?: Partial<Record<keyof TaskExecutors, TaskExecutor>>;
  references?: ReferenceResolver;
  /** Database passwords from main's secure store (over the IPC channel in the runner process). */
  passwords?: PasswordLookup;
  now?: () => Date;
}

interface Active {
  scheduler: DagScheduler;
  done: Promise<void>;
}

interface Queued {
  instance: WorkflowInstance;
  workflow: Workflow;
  run: string[];
  taskFiles?: Record<string, TaskFileSource>;
}

/** How long a reference may WAIT by default (`wait` / `run-first`). */
const DEFAULT_REFERENCE_TIMEOUT_S = 3600;

/** Why instances running when the runner is disposed (the app closes) end FAIL. */
export const CLOSED_REASON = 'BDP Studio was closed while this instance was running';

const RESOURCES = join('resources', 'runner');

/** Finds `resources/runner` by walking up from `start`; the packaged app passes the folder explicitly. */
export function findRunnerResources(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, RESOURCES);
    if (existsSync(join(candidate, 'python_main_shim.py'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** Instances of one workflow in one lane run one at a time (EnOS); only backfill uses other lanes. */
function laneKey(instance: WorkflowInstance): string {
  return instance.lane ? `${instance.workflow}\u0000${instance.lane}` : instance.workflow;
}

function summary(instance: WorkflowInstance): InstanceSummary {
  const { tasks: _tasks, ...rest } = instance;
  return structuredClone(rest);
}

/**
 * Executes workflow instances: one running instance per workflow (later ones WAIT and run in
 * order), a shared parallelism limit, persistence under `<workspace>/.bdp/runs/`, crash recovery
 * in {@link init}. Lives in the runner process; main talks to it through `RunnerClient`.
 */
export class RunnerServiceNode implements RunnerApi {
  private readonly store: InstanceStore;
  private readonly slots: SlotPool;
  private readonly executors: TaskExecutors;
  private readonly references: ReferenceResolver;
  private readonly now: () => Date;
  private readonly changeEmitter = new Emitter<InstanceChange>();
  private readonly logEmitter = new Emitter<LogChunk>();
  private readonly index = new Map<string, string>(); // instanceId -> workflow
  private readonly live = new Map<string, WorkflowInstance>(); // instances not yet finished
  private readonly active = new Map<string, Active>(); // workflow -> running pass
  private readonly queues = new Map<string, Queued[]>();
  /** Lanes whose next instance waits for another process to give the workflow's lock back. */
  private readonly lockRetries = new Map<string, NodeJS.Timeout>();
  private readonly locks: WorkflowLocks;
  private readonly pendingChanges = new Map<
    string,
    { instance: WorkflowInstance; tasks: Map<string, TaskInstance>; timer: NodeJS.Timeout }
  >();
  private retention: RetentionPolicy;
  private disposed = false;
  private readonly resourcesDir: string;
  private launcher: ProcessLauncher = nodeLauncher;

  readonly onDidChangeInstance: Event<InstanceChange> = this.changeEmitter.event;
  readonly onDidAppendLog: Event<LogChunk> = this.logEmitter.event;

  constructor(
    private readonly options: RunnerServiceOptions,
    private readonly hooks: RunnerServiceHooks = {},
  ) {
    this.store = new InstanceStore(join(options.workspaceRoot, RUNS_DIR), options.persistIntervalMs ?? 250);
    this.locks = new WorkflowLocks(join(options.workspaceRoot, RUNS_DIR), options.owner ?? 'BDP Studio');
    this.slots = new SlotPool(options.parallelism ?? 4);
    this.retention = options.retention ?? {};
    this.references = hooks.references ?? satisfiedReferenceResolver;
    this.now = hooks.now ?? ((): Date => new Date());
    this.resourcesDir =
      options.resourcesDir ??
      findRunnerResources(__dirname) ??
      findRunnerResources(process.cwd()) ??
      RESOURCES;
    const processOptions = {
      bashPath: options.bashPath,
      pythonPath: options.pythonPath,
      pythonShimPath: join(this.resourcesDir, 'python_main_shim.py'),
      unpackPath: join(this.resourcesDir, 'unpack.py'),
      killGraceMs: options.killGraceMs,
      launcher: (): ProcessLauncher => this.launcher,
      toolEnv: taskRuntimeEnv(this.resourcesDir, options.workspaceRoot),
    };
    this.executors = {
      SHELL: new ShellTaskExecutor(processOptions),
      PYTHON: new PythonTaskExecutor(processOptions),
      DATA_SYNC: new DataSyncTaskExecutor(hooks.passwords),
      EXTERNAL_APP: new ExternalAppTaskExecutor(),
      ...hooks.executors,
    };
  }

  /** Crash recovery and pruning; call once before anything else. Returns the instances recovered. */
  async init(): Promise<WorkflowInstance[]> {
    if (this.options.spawnHelper ?? process.platform !== 'win32') {
      const python = this.options.pythonPath ?? 'python3';
      this.launcher =
        (await SpawnHelperLauncher.start(python, join(this.resourcesDir, 'spawn_helper.py'))) ?? nodeLauncher;
    }
    await this.store.init();
    const recovered = await this.store.recover(this.now(), this.options.recoveryReason);
    await this.store.prune(this.retention, this.now());
    for (const inst of await this.store.list()) this.index.set(inst.instanceId, inst.workflow);
    return recovered;
  }

  async start(request: StartRequest): Promise<WorkflowInstance> {
    this.assertUsable();
    const workflow = request.workflow;
    if (workflow.tasks.length === 0)
      throw new AppError('INVALID_ARGUMENT', `workflow "${workflow.name}" has no tasks`);
    const scope = request.scope ?? { kind: 'workflow' };
    const plan = this.plan(workflow, scope);
    let triggerTime: string;
    let calDt: string;
    let utcOffsetMinutes: number;
    try {
      triggerTime =
        request.triggerTime !== undefined
          ? normalizeTriggerTime(request.triggerTime)
          : formatTriggerTime(this.now(), this.options.timezone);
      calDt = businessDateOf(triggerTime);
      utcOffsetMinutes = utcOffsetAt(triggerTime, this.options.timezone);
    } catch (error) {
      throw new AppError('INVALID_ARGUMENT', error instanceof Error ? error.message : String(error));
    }
    const instanceId = this.store.allocateInstanceId(workflow.name, triggerTime);
    const instance: WorkflowInstance = {
      instanceId,
      workflow: workflow.name,
      scope,
      triggerTime,
      utcOffsetMinutes,
      calDt,
      status: 'INIT',
      statusCode: 0,
      submitter: this.options.submitter ?? osUser(),
      createdAt: this.now().toISOString(),
      rerunCount: 0,
      parameters: { ...(request.parameters ?? {}) },
      ...(request.lane ? { lane: request.lane } : {}),
      ...(request.references && request.references !== 'satisfied'
        ? {
            references: request.references,
            referenceTimeoutSeconds: request.referenceTimeoutSeconds ?? DEFAULT_REFERENCE_TIMEOUT_S,
          }
        : {}),
      ...(request.workingCopy ? { workingCopy: true } : {}),
      ...(request.externalApp === 'record' ? { externalApp: 'record' as const } : {}),
      owner: {
        pid: process.pid,
        host: hostname(),
        label: this.options.owner ?? 'BDP Studio',
        startedAt: PROCESS_STARTED,
      },
      tasks: [],
    };
    applyPlan(instance, workflow, plan);
    writeFileSync(
      join(this.store.instanceDir(workflow.name, instanceId), WORKFLOW_SNAPSHOT),
      JSON.stringify(workflow),
    );
    this.index.set(instanceId, workflow.name);
    this.enqueue({ instance, workflow, run: plan.run, taskFiles: request.taskFiles });
    return structuredClone(instance);
  }

  async stop(instanceId: string): Promise<WorkflowInstance> {
    const instance = await this.mustGet(instanceId);
    const queue = this.queues.get(laneKey(instance)) ?? [];
    const qi = queue.findIndex((q) => q.instance.instanceId === instanceId);
    if (qi >= 0) {
      const [q] = queue.splice(qi, 1);
      setStatus(q.instance, 'CANCEL');
      q.instance.reason = 'stopped by the user before it started';
      q.instance.endTime = this.now().toISOString();
      for (const t of q.instance.tasks) {
        if (!isTerminalState(t.status)) {
          setStatus(t, 'CANCEL');
          t.reason = 'not run: stopped by the user';
        }
      }
      this.changed(q.instance, q.instance.tasks);
      await this.finishInstance(q.instance);
      return structuredClone(q.instance);
    }
    const active = this.active.get(laneKey(instance));
    if (!active || this.live.get(instanceId) === undefined) {
      throw new AppError('CONFLICT', `instance ${instanceId} is not running (${instance.status})`);
    }
    await active.scheduler.stop();
    await active.done;
    return (await this.get(instanceId))!;
  }

  async rerun(request: RerunRequest): Promise<WorkflowInstance> {
    this.assertUsable();
    const instance = await this.mustGet(request.instanceId);
    if (this.live.has(instance.instanceId) || !canRerun(instance.status)) {
      throw new AppError(
        'CONFLICT',
        `instance ${instance.instanceId} cannot be rerun while ${instance.status}`,
      );
    }
    const workflow = request.workflow ?? this.snapshot(instance);
    const scope = request.scope ?? instance.scope;
    const plan = this.plan(workflow, scope);
    setStatus(instance, 'RERUN');
    instance.owner = {
      pid: process.pid,
      host: hostname(),
      label: this.options.owner ?? 'BDP Studio',
      startedAt: PROCESS_STARTED,
    };
    instance.rerunCount++;
    instance.scope = scope;
    delete instance.reason;
    delete instance.endTime;
    applyPlan(instance, workflow, plan);
    writeFileSync(
      join(this.store.instanceDir(workflow.name, instance.instanceId), WORKFLOW_SNAPSHOT),
      JSON.stringify(workflow),
    );
    this.changed(instance, instance.tasks);
    this.enqueue({ instance, workflow, run: plan.run, taskFiles: request.taskFiles });
    return structuredClone(instance);
  }

  async list(filter?: { workflow?: string }): Promise<InstanceSummary[]> {
    const stored = await this.store.list(filter?.workflow ?? undefined);
    return stored.map((s) => summary(this.live.get(s.instanceId) ?? s));
  }

  async get(instanceId: string): Promise<WorkflowInstance | undefined> {
    const live = this.live.get(instanceId);
    if (live) return structuredClone(live);
    let workflow = this.index.get(instanceId);
    if (workflow === undefined) {
      // Perhaps created by another process of this workspace (a `bdp run`).
      for (const inst of await this.store.list()) this.index.set(inst.instanceId, inst.workflow);
      workflow = this.index.get(instanceId);
    }
    return workflow === undefined ? undefined : this.store.load(workflow, instanceId);
  }

  async readLog(instanceId: string, task: string, runNum?: number): Promise<string | undefined> {
    const instance = await this.get(instanceId);
    const t = instance?.tasks.find((x) => x.name === task);
    if (!instance || !t) return undefined;
    return this.store.readLog(instance.workflow, instanceId, task, runNum ?? t.runNum);
  }

  async previewSource(request: SourcePreviewRequest): Promise<SourcePreview> {
    // Loaded on first use: the preview reader pulls in DuckDB and the database drivers.
    const [{ previewSource }, { loadConnections }] = await Promise.all([
      import('./executors/preview'),
      import('./executors/connections'),
    ]);
    const root = this.options.workspaceRoot;
    let connection: Connection;
    try {
      connection = findConnection(await loadConnections(root), request.source.connection);
    } catch (error) {
      throw new AppError('INVALID_ARGUMENT', error instanceof Error ? error.message : String(error));
    }
    try {
      const password = (
        await connectionPassword(
          connection.name,
          this.options.env ?? process.env,
          this.hooks.passwords ? () => this.hooks.passwords!(connection) : undefined,
        )
      ).password;
      const preview = await previewSource(
        root,
        connection,
        request.source,
        Math.min(200, request.limit),
        password,
      );
      return {
        ...preview,
        files: preview.files.map((f) => (isAbsolute(f) ? relative(root, f).split(sep).join('/') : f)),
      };
    } catch (error) {
      throw new AppError('INVALID_ARGUMENT', error instanceof Error ? error.message : String(error));
    }
  }

  async configure(settings: RunnerSettings): Promise<void> {
    if (settings.parallelism !== undefined) this.slots.resize(settings.parallelism);
    if (settings.retention !== undefined) this.retention = settings.retention;
  }

  async diagnostics(): Promise<RunnerDiagnostics> {
    return {
      pid: process.pid,
      rssBytes: process.memoryUsage().rss,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of this.lockRetries.values()) clearTimeout(t);
    this.lockRetries.clear();
    for (const queue of this.queues.values()) {
      for (const q of queue.splice(0)) {
        setStatus(q.instance, 'CANCEL');
        q.instance.reason = 'BDP Studio closed before it started';
        q.instance.endTime = this.now().toISOString();
        void this.store.save(q.instance, true);
      }
    }
    const running = [...this.live.values()];
    await Promise.all(
      [...this.active.values()].map(async (a) => {
        await a.scheduler.stop();
        await a.done;
      }),
    );
    // Closing the app is not the user's Stop: like a crash, the instance FAILs with the reason.
    await Promise.all(
      running.map((inst) => {
        setStatus(inst, 'FAIL');
        inst.reason = CLOSED_REASON;
        for (const t of inst.tasks) {
          if (t.status !== 'CANCEL') continue;
          setStatus(t, t.startTime ? 'FAIL' : 'SKIP');
          t.reason = t.startTime ? CLOSED_REASON : `not run: ${CLOSED_REASON}`;
        }
        return this.store.save(inst, true);
      }),
    );
    await this.store.flush();
    await closeTaskRuntime(this.options.workspaceRoot);
    this.launcher.dispose();
    for (const p of this.pendingChanges.values()) clearTimeout(p.timer);
    this.changeEmitter.dispose();
    this.logEmitter.dispose();
  }

  private assertUsable(): void {
    if (this.disposed) throw new AppError('UNAVAILABLE', 'the runner is shutting down');
    if (this.store.readOnly) throw new AppError('UNAVAILABLE', this.store.readOnly);
  }

  private plan(workflow: Workflow, scope: RunScope): ReturnType<typeof planRun> {
    try {
      return planRun(workflow, scope);
    } catch (error) {
      throw new AppError('INVALID_ARGUMENT', error instanceof Error ? error.message : String(error));
    }
  }

  private snapshot(instance: WorkflowInstance): Workflow {
    const file = join(this.store.instanceDir(instance.workflow, instance.instanceId), WORKFLOW_SNAPSHOT);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Workflow;
    } catch {
      throw new AppError(
        'NOT_FOUND',
        `instance ${instance.instanceId} has no workflow snapshot; pass the workflow to rerun it`,
      );
    }
  }

  private async mustGet(instanceId: string): Promise<WorkflowInstance> {
    const live = this.live.get(instanceId);
    if (live) return live;
    const stored = await this.get(instanceId);
    if (!stored) throw new AppError('NOT_FOUND', `no instance ${instanceId}`);
    return stored;
  }

  /** Starts the pass now, or queues it (WAIT) behind the workflow's running instance. */
  private enqueue(q: Queued): void {
    this.live.set(q.instance.instanceId, q.instance);
    const running = this.active.has(laneKey(q.instance)) || this.lockRetries.has(laneKey(q.instance));
    const queue = this.queues.get(laneKey(q.instance)) ?? [];
    if (!running && queue.length === 0) {
      this.launch(q);
      return;
    }
    setStatus(q.instance, 'WAIT');
    q.instance.reason = 'waiting for the running instance of this workflow to finish';
    queue.push(q);
    this.queues.set(laneKey(q.instance), queue);
    this.changed(q.instance, []);
  }

  private launch(q: Queued): void {
    const { instance, workflow } = q;
    const key = laneKey(instance);
    const lock = this.locks.tryAcquire(workflow.name, instance.lane, instance.instanceId);
    if (!lock.ok) {
      // Another process (a `bdp run`, the app) runs this workflow: wait at the head of the lane.
      const reason = waitingReason(lock.holder);
      if (instance.status !== 'WAIT' || instance.reason !== reason) {
        setStatus(instance, 'WAIT');
        instance.reason = reason;
        this.changed(instance, []);
      }
      const queue = this.queues.get(key) ?? [];
      queue.unshift(q);
      this.queues.set(key, queue);
      this.lockRetries.set(
        key,
        setTimeout(() => {
          this.lockRetries.delete(key);
          const next = this.queues.get(key)?.shift();
          if (next && !this.disposed) this.launch(next);
        }, this.options.lockPollMs ?? 500),
      );
      return;
    }
    const scheduler = new DagScheduler({
      workflow,
      instance,
      run: q.run,
      executors: this.executors,
      references: this.referencesFor(instance),
      slots: this.slots,
      workspaceRoot: this.options.workspaceRoot,
      instanceDir: this.store.instanceDir(workflow.name, instance.instanceId),
      taskFiles: q.taskFiles,
      app: this.options.app,
      env: this.options.env ?? process.env,
      submitter: instance.submitter,
      logName: (task, runNum) => this.store.logName(task, runNum),
      onChange: (inst, tasks) => this.changed(inst, tasks),
      onLog: (chunk) => this.logEmitter.fire(chunk),
      now: this.now,
    });
    const done = scheduler
      .run()
      .catch((error: unknown) => {
        setStatus(instance, 'INTERNAL_ERROR');
        instance.reason = `runner error: ${error instanceof Error ? error.message : String(error)}`;
        instance.endTime = this.now().toISOString();
        this.changed(instance, []);
      })
      .then(() => {
        this.locks.release(workflow.name, instance.lane, instance.instanceId);
        this.active.delete(laneKey(instance));
        const next = this.queues.get(laneKey(instance))?.shift();
        if (next && !this.disposed) this.launch(next);
        return this.finishInstance(instance);
      });
    this.active.set(laneKey(instance), { scheduler, done });
  }

  /** The instance's reference mode: the injected resolver (tests), else satisfied / local lookups. */
  private referencesFor(instance: WorkflowInstance): ReferenceResolver {
    if (this.hooks.references || !instance.references || instance.references === 'satisfied')
      return this.references;
    return localReferenceResolver(
      { instances: (workflow) => this.instancesOf(workflow) },
      {
        mode: instance.references,
        calDt: instance.calDt,
        timeoutMs: (instance.referenceTimeoutSeconds ?? DEFAULT_REFERENCE_TIMEOUT_S) * 1000,
        pollMs: this.options.referencePollMs ?? 1000,
      },
    );
  }

  /** Stored and live instances of a workflow, live state first, newest first. */
  private async instancesOf(workflow: string): Promise<WorkflowInstance[]> {
    const stored = await this.store.list(workflow);
    const seen = new Set<string>();
    const out: WorkflowInstance[] = [];
    for (const i of [...[...this.live.values()].filter((l) => l.workflow === workflow), ...stored]) {
      if (seen.has(i.instanceId)) continue;
      seen.add(i.instanceId);
      out.push(this.live.get(i.instanceId) ?? i);
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  /** Persists the final state, then announces it: whoever sees the last event finds it on disk. */
  private finishInstance(instance: WorkflowInstance): Promise<void> {
    this.live.delete(instance.instanceId);
    return this.store.save(instance, true).then(() => {
      this.flushChanges(instance.instanceId);
      if (!this.disposed)
        void this.store
          .prune(this.retention, this.now(), new Set(this.live.keys()))
          .then((ids) => ids.forEach((id) => this.index.delete(id)));
    });
  }

  /** Persists (throttled) and batches change events per instance. */
  private changed(instance: WorkflowInstance, tasks: TaskInstance[]): void {
    this.store.save(instance);
    let p = this.pendingChanges.get(instance.instanceId);
    if (!p) {
      const timer = setTimeout(
        () => this.flushChanges(instance.instanceId),
        this.options.eventIntervalMs ?? 100,
      );
      p = { instance, tasks: new Map(), timer };
      this.pendingChanges.set(instance.instanceId, p);
    }
    for (const t of tasks) p.tasks.set(t.name, t);
    // The pass ended: the last batch waits for finishInstance, after the final write.
    if (instance.endTime !== undefined) clearTimeout(p.timer);
  }

  private flushChanges(instanceId: string): void {
    const p = this.pendingChanges.get(instanceId);
    if (!p) return;
    clearTimeout(p.timer);
    this.pendingChanges.delete(instanceId);
    this.changeEmitter.fire({
      instance: summary(p.instance),
      tasks: [...p.tasks.values()].map((t) => structuredClone(t)),
    });
  }
}
