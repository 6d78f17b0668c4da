import type { ExternalAppMode, RunTaskSource } from '../../shared/contract/runner';
import type { Task, TaskType, Workflow } from '../../shared/model';
import type { TaskFileSource } from '../../shared/runner-protocol';
import type { SubstitutionResult } from '../../shared/variables';

/** Everything an executor needs to run one attempt of one task. */
export interface TaskRunContext {
  task: Task;
  workflow: Workflow;
  instanceId: string;
  taskInstId: string;
  runNum: number;
  /** Workspace root (connections, the warehouse); task processes run in their own folder. */
  workspaceRoot: string;
  /** External APP tasks: send the request, or only record it (the instance's choice). */
  externalApp?: ExternalAppMode;
  /** The resource file of a resource-bound task, resolved by main. */
  taskFile?: TaskFileSource;
  /** The instance folder, for files an attempt needs (e.g. inline Python code). */
  instanceDir: string;
  /** An empty folder of this attempt's own, the working directory of its process. */
  workDir(): Promise<string>;
  /** Environment for task processes (already includes the BDP_* variables). */
  env: Readonly<Record<string, string | undefined>>;
  /** `${name}` substitution with this task's parameters, the workflow's and the system variables. */
  substitute(text: string): SubstitutionResult;
  /** Receives output in batches. */
  onOutput(stream: 'stdout' | 'stderr', text: string): void;
}

/** How an attempt ended. Timeouts are enforced by the scheduler through `cancel()`. */
export interface TaskOutcome {
  success: boolean;
  exitCode?: number | null;
  signal?: string | null;
  /** Why it failed, for the log and the task record. */
  message?: string;
}

/** A started attempt. */
export interface TaskExecution {
  readonly done: Promise<TaskOutcome>;
  /** Stops the attempt (kills its process tree); `done` then resolves. */
  cancel(): Promise<void>;
}

/** An attempt ready to start; its command line goes into the log header before it runs. */
export interface PreparedTask {
  /** The substituted command line, as shown in the log header. */
  commandLine: string;
  /** Placeholders nothing defines (left as written). */
  unresolved: string[];
  /** The file the attempt runs, for the instance record and the log header. */
  source?: RunTaskSource;
  /** Lines for the log header (what was put in the working directory). */
  notes?: string[];
  start(): TaskExecution;
}

/** Runs one task type. Later modules (Data Sync, External APP) plug in through this. */
export interface TaskExecutor {
  /** Substitutes variables and writes any files the attempt needs; throws when the task cannot run. */
  prepare(ctx: TaskRunContext): Promise<PreparedTask>;
}

/** One executor per task type. */
export type TaskExecutors = Readonly<Record<TaskType, TaskExecutor>>;

/** An executor for a task type the pre-run cannot run yet: every attempt fails with `reason`. */
export class UnsupportedTaskExecutor implements TaskExecutor {
  constructor(private readonly reason: string) {}

  async prepare(ctx: TaskRunContext): Promise<PreparedTask> {
    const message = `${ctx.task.type} tasks are not yet supported in pre-run: ${this.reason}`;
    return {
      commandLine: `(${ctx.task.type} task)`,
      unresolved: [],
      start: (): TaskExecution => {
        ctx.onOutput('stderr', `${message}\n`);
        return { done: Promise.resolve({ success: false, message }), cancel: () => Promise.resolve() };
      },
    };
  }
}
