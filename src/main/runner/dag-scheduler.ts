import { WorkDirs } from './task-workdir';
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { type Reference, type Task, type Workflow } from '../../shared/model';
import { downstreamOf, topologicalOrder } from '../../shared/dag';
import type { TaskFileSource } from '../../shared/runner-protocol';
import { substituteVariables } from '../../shared/variables';
import type { ReferenceResolver } from './reference-resolver';
import type { ReleaseSlot, SlotPool } from './slot-pool';
import type { PreparedTask, TaskExecution, TaskExecutors, TaskOutcome } from './task-executor';
import { formatLogHeader, TaskLogWriter } from './task-log';
import {
  setStatus,
  type LogChunk,
  type NodeType,
  type RunScope,
  type TaskAttempt,
  type TaskInstance,
  type WorkflowInstance,
} from './types';

/** The nodes one pass of an instance runs, and those it marks SKIP (rerun=false edges). */
export interface RunPlan {
  run: string[];
  skip: string[];
}

/**
 * Which nodes a scope covers: the whole workflow; one node; or a node and its downstream where
 * nodes reached only through `rerun: false` relations are skipped (spec §4.1, `downstreamOf`).
 */
export function planRun(workflow: Workflow, scope: RunScope): RunPlan {
  if (scope.kind === 'workflow') return { run: topologicalOrder(workflow), skip: [] };
  if (!nodeOf(workflow, scope.node))
    throw new Error(`workflow "${workflow.name}" has no node "${scope.node}"`);
  if (scope.kind === 'node') return { run: [scope.node], skip: [] };
  return downstreamOf(workflow, scope.node, { honourRerun: true });
}

function nodeOf(workflow: Workflow, name: string): { task?: Task; reference?: Reference } | undefined {
  const task = workflow.tasks.find((t) => t.name === name);
  if (task) return { task };
  const reference = workflow.references.find((r) => r.name === name);
  return reference ? { reference } : undefined;
}

function nodeType(workflow: Workflow, name: string): NodeType {
  const n = nodeOf(workflow, name);
  if (n?.task) return n.task.type;
  return n?.reference?.kind === 'task' ? 'TASK_REF' : 'FLOW_REF';
}

/** A fresh INIT task record for node `name` of the instance with timestamp suffix `suffix`. */
export function newTaskInstance(workflow: Workflow, name: string, suffix: string): TaskInstance {
  const task = nodeOf(workflow, name)?.task;
  return {
    taskInstId: `${name}-${suffix}`,
    name,
    type: nodeType(workflow, name),
    status: 'INIT',
    statusCode: 0,
    runNum: 0,
    recallNum: 0,
    recallLimit: task?.config.retryTimes ?? 0,
    recallInterval: task?.config.retryInterval ?? 0,
    timeout: task?.config.timeout ?? 0,
    isTimeout: false,
    logs: [],
  };
}

/**
 * Applies a plan to an instance before a pass: nodes of `run` are reset to INIT (their run
 * numbers continue), nodes of `skip` become SKIP, nodes missing from the instance are added.
 * Tasks outside the plan keep their state. The task list stays in topological order.
 */
export function applyPlan(instance: WorkflowInstance, workflow: Workflow, plan: RunPlan): void {
  const suffix = instance.instanceId.slice(instance.workflow.length + 1);
  const byName = new Map(instance.tasks.map((t) => [t.name, t]));
  for (const name of [...plan.run, ...plan.skip]) {
    let t = byName.get(name);
    if (!t) {
      t = newTaskInstance(workflow, name, suffix);
      byName.set(name, t);
    } else {
      const fresh = newTaskInstance(workflow, name, suffix);
      Object.assign(t, {
        ...fresh,
        runNum: t.runNum,
        logs: t.logs,
        attempts: t.attempts,
        taskInstId: t.taskInstId,
        cmd: t.cmd,
      });
      delete t.reason;
      delete t.startTime;
      delete t.endTime;
      delete t.exitCode;
      delete t.signal;
    }
  }
  for (const name of plan.skip) {
    const t = byName.get(name)!;
    setStatus(t, 'SKIP');
    t.reason = 'not run: reached only through a relation with rerun=false';
  }
  const order = new Map(topologicalOrder(workflow).map((n, i) => [n, i]));
  instance.tasks = [...byName.values()].sort(
    (a, b) => (order.get(a.name) ?? 1e9) - (order.get(b.name) ?? 1e9),
  );
}

/** What a scheduler needs besides the instance. */
/** A SHELL / PYTHON task with a file to lay out in its own folder (a resource version or a `script:`). */
function shipsFile(task: Task, taskFiles: SchedulerOptions['taskFiles']): boolean {
  return (
    (task.type === 'SHELL' || task.type === 'PYTHON') &&
    (task.resource !== undefined || task.script !== undefined || taskFiles?.[task.name] !== undefined)
  );
}

export interface SchedulerOptions {
  workflow: Workflow;
  /** Prepared with {@link applyPlan}; mutated in place as the pass proceeds. */
  instance: WorkflowInstance;
  /** The nodes this pass runs (the plan's `run`). */
  run: readonly string[];
  executors: TaskExecutors;
  references: ReferenceResolver;
  slots: SlotPool;
  /** Workspace root (task processes run in their own folder under the instance). */
  workspaceRoot: string;
  instanceDir: string;
  /** Files of resource-bound tasks, by task name (resolved by main). */
  taskFiles?: Readonly<Record<string, TaskFileSource>>;
  /** `${env.APP_CUSTOMER}` / `${env.APP_ID}`. */
  app?: { customer: string; id: string };
  /** Base environment of task processes. */
  env: Readonly<Record<string, string | undefined>>;
  submitter: string;
  logName(task: string, runNum: number): string;
  /** Called after every change, with the tasks that changed (none for instance-only changes). */
  onChange(instance: WorkflowInstance, tasks: TaskInstance[]): void;
  onLog(chunk: LogChunk): void;
  now?: () => Date;
}

/**
 * Runs one pass of a workflow instance: a node starts once every upstream inside the pass is
 * SUCCESS or SKIP; at most `slots` attempts run at once; failed attempts are retried after
 * `retryInterval` up to `retryTimes`; a timeout kills the attempt and counts as a failure. The
 * first FAIL turns the instance FAIL at once while independent branches go on; nodes
 * downstream of a failure end SKIP. `stop()` kills what runs and cancels the rest.
 */
export class DagScheduler {
  private readonly abort = new AbortController();
  private readonly running = new Map<string, TaskExecution>();
  private readonly now: () => Date;
  private stopped = false;
  private readonly workDirs: WorkDirs;
  private cancelNotStarted: () => void = () => {};

  constructor(private readonly o: SchedulerOptions) {
    this.now = o.now ?? ((): Date => new Date());
    this.workDirs = new WorkDirs(o.instanceDir);
    // Every node waiting for a slot listens for the stop signal; hundreds may wait at once.
    setMaxListeners(0, this.abort.signal);
  }

  /** Runs the pass to the end; resolves with the instance in its final state. */
  async run(): Promise<WorkflowInstance> {
    const { instance, workflow } = this.o;
    const inPass = new Set(this.o.run);
    const tasks = new Map(instance.tasks.map((t) => [t.name, t]));
    const children = new Map<string, string[]>();
    const pendingUp = new Map<string, number>();
    for (const name of inPass) {
      children.set(name, []);
      pendingUp.set(name, 0);
    }
    for (const rel of workflow.relations) {
      if (inPass.has(rel.from) && inPass.has(rel.to)) {
        children.get(rel.from)!.push(rel.to);
        pendingUp.set(rel.to, pendingUp.get(rel.to)! + 1);
      }
    }

    setStatus(instance, 'RUNNING');
    delete instance.reason;
    instance.startTime = this.now().toISOString();
    delete instance.endTime;
    this.o.onChange(instance, []);

    let remaining = inPass.size;
    let resolveAll!: () => void;
    const allDone = new Promise<void>((r) => (resolveAll = r));
    if (remaining === 0) resolveAll();

    const finished = (name: string): void => {
      const t = tasks.get(name)!;
      remaining--;
      if (t.status === 'SUCCESS' || t.status === 'SKIP') {
        for (const c of children.get(name)!) {
          const left = pendingUp.get(c)! - 1;
          pendingUp.set(c, left);
          if (left === 0 && tasks.get(c)!.status === 'INIT') start(c);
        }
      } else if (t.status === 'FAIL') {
        if (instance.status !== 'FAIL' && !this.stopped) {
          setStatus(instance, 'FAIL');
          instance.reason = /no space left on device/i.test(t.reason ?? '')
            ? `no space left on device (task "${name}")`
            : `task "${name}" failed`;
          this.o.onChange(instance, []);
        }
        this.blockDownstream(name, children, tasks, finishedSilently);
      }
      if (remaining === 0) resolveAll();
    };
    const finishedSilently = (): void => {
      remaining--;
      if (remaining === 0) resolveAll();
    };
    const start = (name: string): void => {
      void this.runNode(tasks.get(name)!).then(() => finished(name));
    };
    this.cancelNotStarted = (): void => {
      const changed: TaskInstance[] = [];
      for (const name of inPass) {
        const t = tasks.get(name)!;
        if (t.status !== 'INIT') continue;
        setStatus(t, 'CANCEL');
        t.reason = 'not run: stopped by the user';
        changed.push(t);
        finishedSilently();
      }
      if (changed.length > 0) this.o.onChange(instance, changed);
    };

    for (const name of this.o.run) if (pendingUp.get(name) === 0) start(name);
    await allDone;

    const list = [...inPass].map((n) => tasks.get(n)!);
    if (this.stopped) {
      setStatus(instance, 'CANCEL');
      instance.reason = 'stopped by the user';
    } else if (list.some((t) => t.status === 'FAIL')) {
      setStatus(instance, 'FAIL');
      instance.reason ??= 'a task failed';
    } else {
      setStatus(instance, 'SUCCESS');
      delete instance.reason;
    }
    instance.endTime = this.now().toISOString();
    this.o.onChange(instance, []);
    return instance;
  }

  /** Kills running attempts and cancels every node not finished yet. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    this.cancelNotStarted();
    await Promise.all([...this.running.values()].map((e) => e.cancel()));
  }

  /** Marks every not-started node downstream of `failed` SKIP; each counts as finished. */
  private blockDownstream(
    failed: string,
    children: Map<string, string[]>,
    tasks: Map<string, TaskInstance>,
    done: () => void,
  ): void {
    const queue = [...children.get(failed)!];
    const changed: TaskInstance[] = [];
    for (let i = 0; i < queue.length; i++) {
      const t = tasks.get(queue[i])!;
      if (t.status !== 'INIT') continue;
      setStatus(t, 'SKIP');
      t.reason = `not run: upstream "${failed}" failed`;
      changed.push(t);
      done();
      queue.push(...children.get(t.name)!);
    }
    if (changed.length > 0) this.o.onChange(this.o.instance, changed);
  }

  private change(t: TaskInstance, status: TaskInstance['status'], reason?: string): void {
    setStatus(t, status);
    if (reason !== undefined) t.reason = reason;
    this.o.onChange(this.o.instance, [t]);
  }

  private cancelled(t: TaskInstance): void {
    t.endTime ??= this.now().toISOString();
    this.change(t, 'CANCEL', 'stopped by the user');
  }

  private async runNode(t: TaskInstance): Promise<void> {
    if (this.stopped) return this.cancelled(t);
    const node = nodeOf(this.o.workflow, t.name);
    if (node?.reference) return this.resolveReference(t, node.reference);
    if (!node?.task) {
      t.endTime = this.now().toISOString();
      return this.change(t, 'FAIL', `node "${t.name}" is not in the workflow any more`);
    }
    const task = node.task;
    for (;;) {
      this.change(t, 'READY');
      // Its folder is made while it waits for a slot, off the path from slot to process.
      if (shipsFile(task, this.o.taskFiles)) this.workDirs.prepare(task.name);
      const release = await this.o.slots.acquire(this.abort.signal);
      if (!release) return this.cancelled(t);
      let outcome: TaskOutcome;
      let timedOut: boolean;
      try {
        t.runNum++;
        t.startTime ??= this.now().toISOString();
        t.isTimeout = false;
        const logName = this.o.logName(t.name, t.runNum);
        t.logs.push(logName);
        const record: TaskAttempt = { runNum: t.runNum, startTime: this.now().toISOString() };
        (t.attempts ??= []).push(record);
        try {
          ({ outcome, timedOut } = await this.attempt(t, task, logName, release));
        } finally {
          record.endTime = this.now().toISOString();
        }
        record.status = this.stopped ? 'CANCEL' : outcome.success ? 'SUCCESS' : timedOut ? 'TIMEOUT' : 'FAIL';
      } finally {
        release();
      }
      t.exitCode = outcome.exitCode ?? null;
      t.signal = outcome.signal ?? null;
      t.isTimeout = timedOut;
      if (this.stopped) return this.cancelled(t);
      if (outcome.success) {
        t.endTime = this.now().toISOString();
        delete t.reason;
        return this.change(t, 'SUCCESS');
      }
      const why = timedOut
        ? `timed out after ${t.timeout} s`
        : (outcome.message ?? `exit code ${outcome.exitCode}`);
      if (t.recallNum < t.recallLimit) {
        t.recallNum++;
        this.change(
          t,
          timedOut ? 'TIMEOUT' : 'WAIT',
          `${why}; retry ${t.recallNum} of ${t.recallLimit} in ${t.recallInterval} s`,
        );
        if (!(await this.sleep(t.recallInterval * 1000))) return this.cancelled(t);
        continue;
      }
      t.endTime = this.now().toISOString();
      return this.change(t, 'FAIL', t.recallLimit > 0 ? `${why} (retries used: ${t.recallNum})` : why);
    }
  }

  /** One attempt: prepare, write the header, run with the timeout, write the footer. */
  private async attempt(
    t: TaskInstance,
    task: Task,
    logName: string,
    release: ReleaseSlot,
  ): Promise<{ outcome: TaskOutcome; timedOut: boolean }> {
    const { instance } = this.o;
    const log = new TaskLogWriter(join(this.o.instanceDir, logName));
    let seq = 0;
    const emit = (stream: LogChunk['stream'], text: string): void => {
      log.write(text);
      this.o.onLog({
        instanceId: instance.instanceId,
        workflow: instance.workflow,
        task: t.name,
        runNum: t.runNum,
        seq: seq++,
        stream,
        text,
      });
    };
    const started = Date.now();
    let timedOut = false;
    let outcome: TaskOutcome;
    let prepared: PreparedTask | undefined;
    let prepareError: string | undefined;
    try {
      prepared = await this.o.executors[task.type].prepare({
        task,
        workflow: this.o.workflow,
        instanceId: instance.instanceId,
        taskInstId: t.taskInstId,
        runNum: t.runNum,
        workspaceRoot: this.o.workspaceRoot,
        taskFile: this.o.taskFiles?.[task.name],
        externalApp: instance.externalApp,
        instanceDir: this.o.instanceDir,
        workDir: () =>
          shipsFile(task, this.o.taskFiles) ? this.workDirs.fresh(task.name) : this.workDirs.shared(),
        env: this.taskEnv(t),
        substitute: (text) =>
          substituteVariables(text, {
            context: {
              triggerTime: instance.triggerTime,
              utcOffsetMinutes: instance.utcOffsetMinutes,
              taskId: t.taskInstId,
              instanceId: instance.instanceId,
              appCustomer: this.o.app?.customer,
              appId: this.o.app?.id,
            },
            workflowParameters: { ...this.o.workflow.parameters, ...instance.parameters },
            taskParameters: task.parameters,
          }),
        onOutput: (stream, text) => emit(stream, text),
      });
    } catch (error) {
      prepareError = error instanceof Error ? error.message : String(error);
    }
    t.cmd = prepared?.commandLine;
    if (prepared?.source) t.source = prepared.source;
    else delete t.source;
    emit(
      'system',
      formatLogHeader({
        runNum: t.runNum,
        instanceId: instance.instanceId,
        taskInstId: t.taskInstId,
        commandLine: prepared?.commandLine ?? '(not started)',
        submitter: this.o.submitter,
        time: this.now(),
        unresolved: prepared?.unresolved,
        notes: prepared?.notes,
      }),
    );
    delete t.reason;
    this.change(t, 'RUNNING');
    if (!prepared) {
      outcome = { success: false, message: `could not prepare the task: ${prepareError}` };
      emit('stderr', `${outcome.message}\n`);
    } else if (this.stopped) {
      // Stopped while the attempt was being prepared: its process never starts.
      outcome = { success: false, message: 'stopped before it started' };
    } else {
      const exec = prepared.start();
      this.running.set(t.name, exec);
      const timer =
        t.timeout > 0
          ? setTimeout(() => {
              timedOut = true;
              void exec.cancel();
            }, t.timeout * 1000)
          : undefined;
      outcome = await exec.done;
      if (timer) clearTimeout(timer);
      this.running.delete(t.name);
    }
    // The slot limits running processes; writing the log's tail need not hold it.
    release();
    const verdict = this.stopped ? 'CANCEL' : outcome.success ? 'SUCCESS' : timedOut ? 'TIMEOUT' : 'FAIL';
    const code = outcome.exitCode !== undefined ? `exit code ${outcome.exitCode}` : '';
    const signal = outcome.signal ? `, signal ${outcome.signal}` : '';
    emit(
      'system',
      `${'-'.repeat(60)}\n${verdict}${code ? `: ${code}` : ''}${signal} after ${Date.now() - started} ms${outcome.message && !outcome.success ? ` (${outcome.message})` : ''}\n`,
    );
    await log.close();
    // A task whose log could not be kept (a full disk) did not run as recorded: it fails, saying why.
    if (log.error)
      outcome = { ...outcome, success: false, message: `its log could not be written: ${log.error.message}` };
    return { outcome, timedOut };
  }

  private taskEnv(t: TaskInstance): Record<string, string | undefined> {
    const { instance } = this.o;
    return {
      ...this.o.env,
      BDP_INSTANCE_ID: instance.instanceId,
      BDP_TASK_INSTANCE_ID: t.taskInstId,
      BDP_TASK_NAME: t.name,
      BDP_RUN_NUM: String(t.runNum),
      BDP_TRIGGER_TIME: instance.triggerTime,
      BDP_CAL_DT: instance.calDt,
      PYTHONUNBUFFERED: '1',
      PYTHONIOENCODING: 'utf-8',
    };
  }

  private async resolveReference(t: TaskInstance, reference: Reference): Promise<void> {
    t.startTime = this.now().toISOString();
    this.change(
      t,
      'WAIT',
      `waiting for ${reference.workflow}${reference.kind === 'task' ? `.${reference.task}` : ''} (business date ${this.o.instance.calDt})`,
    );
    try {
      const r = await this.o.references.resolve(
        reference,
        {
          workflow: this.o.workflow.name,
          instanceId: this.o.instance.instanceId,
          triggerTime: this.o.instance.triggerTime,
        },
        this.abort.signal,
      );
      if (this.stopped) return this.cancelled(t);
      t.endTime = this.now().toISOString();
      this.change(t, r.state, r.message);
    } catch (error) {
      if (this.stopped) return this.cancelled(t);
      t.endTime = this.now().toISOString();
      this.change(
        t,
        'FAIL',
        `reference could not be resolved: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Resolves true after `ms`, or false as soon as the pass is stopped. */
  private sleep(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.abort.signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      this.abort.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
