import type { Event } from '../../../shared/contract';
import type { Connection } from '../../../shared/model';
import { AppError, deserializeError } from '../../../shared/rpc/errors';
import { Emitter } from '../../../shared/emitter';
import type {
  RunInstance as WorkflowInstance,
  RunLogChunk as LogChunk,
} from '../../../shared/contract/runner';
import {
  type FromRunner,
  type InstanceChange,
  type InstanceSummary,
  type RerunRequest,
  type RunnerApi,
  type RunnerDiagnostics,
  type RunnerMethod,
  type RunnerServiceOptions,
  type RunnerSettings,
  type ScriptEvent,
  type ScriptMethod,
  type ScriptRunnerApi,
  type SourcePreview,
  type SourcePreviewRequest,
  type StartRequest,
  type ToRunner,
  type RunnerProcess,
} from '../../../shared/runner-protocol';
import { forkRunner } from './fork-runner';

/** How to start the runner process. */
export interface RunnerClientOptions {
  /** The bundled `runner-process` entry (a .js/.cjs file). */
  modulePath: string;
  service: RunnerServiceOptions;
  /** Extra Node flags for the child, e.g. a memory limit (Node fork only). */
  execArgv?: string[];
  /** Starts the runner process; default Node's fork ({@link forkRunner}); Electron passes a utilityProcess. */
  launch?: (modulePath: string, execArgv: string[]) => RunnerProcess;
  /** Answers the runner's requests for database passwords (main's secure store); default: none. */
  passwords?: (connection: Connection) => Promise<string | undefined>;
}

/**
 * Main's handle on the runner: forks the runner process and exposes {@link RunnerApi} over its
 * IPC channel, so main itself never spawns task processes (DESIGN "Processes").
 */
export class RunnerClient implements RunnerApi {
  private readonly changeEmitter = new Emitter<InstanceChange>();
  private readonly logEmitter = new Emitter<LogChunk>();
  private readonly calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private exited = false;
  private readonly exitWaiters: Array<() => void> = [];
  private disposing = false;
  private readonly exitEmitter = new Emitter<{ how: string }>();
  /** The runner process ended without being disposed (killed, crashed): `how` is the signal or exit code. */
  readonly onDidExit: Event<{ how: string }> = this.exitEmitter.event;

  readonly onDidChangeInstance: Event<InstanceChange> = this.changeEmitter.event;
  readonly onDidAppendLog: Event<LogChunk> = this.logEmitter.event;
  private readonly scriptEmitter = new Emitter<ScriptEvent>();
  /** Output, SQL results, debugger stops and ends of editor script runs. */
  readonly onDidScriptEvent: Event<ScriptEvent> = this.scriptEmitter.event;

  private constructor(
    private readonly child: RunnerProcess,
    private readonly passwords?: (connection: Connection) => Promise<string | undefined>,
  ) {}

  /** Starts the runner, initialises it (crash recovery included) and resolves once it is ready. */
  static start(options: RunnerClientOptions): Promise<RunnerClient> {
    const child = (options.launch ?? forkRunner)(options.modulePath, options.execArgv ?? []);
    const client = new RunnerClient(child, options.passwords);
    return new Promise((resolve, reject) => {
      let ready = false;
      child.onMessage((msg) => {
        if (!ready && msg.type === 'ready') {
          ready = true;
          resolve(client);
        } else if (!ready && msg.type === 'init-failed') {
          ready = true;
          child.kill();
          reject(deserializeError(msg.error));
        } else client.receive(msg);
      });
      child.onExit((how) => {
        client.exited = true;
        client.exitWaiters.forEach((w) => w());
        const error = new AppError('UNAVAILABLE', `the runner process exited (${how})`);
        reject(error);
        for (const c of client.calls.values()) c.reject(error);
        client.calls.clear();
        if (!client.disposing) client.exitEmitter.fire({ how });
      });
      client.post({ type: 'init', options: options.service });
    });
  }

  /** Process id of the runner. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  start(request: StartRequest): Promise<WorkflowInstance> {
    return this.call('start', [request]) as Promise<WorkflowInstance>;
  }

  stop(instanceId: string): Promise<WorkflowInstance> {
    return this.call('stop', [instanceId]) as Promise<WorkflowInstance>;
  }

  rerun(request: RerunRequest): Promise<WorkflowInstance> {
    return this.call('rerun', [request]) as Promise<WorkflowInstance>;
  }

  list(filter?: { workflow?: string }): Promise<InstanceSummary[]> {
    return this.call('list', [filter]) as Promise<InstanceSummary[]>;
  }

  get(instanceId: string): Promise<WorkflowInstance | undefined> {
    return this.call('get', [instanceId]) as Promise<WorkflowInstance | undefined>;
  }

  readLog(instanceId: string, task: string, runNum?: number): Promise<string | undefined> {
    return this.call('readLog', [instanceId, task, runNum]) as Promise<string | undefined>;
  }

  previewSource(request: SourcePreviewRequest): Promise<SourcePreview> {
    return this.call('previewSource', [request]) as Promise<SourcePreview>;
  }

  configure(settings: RunnerSettings): Promise<void> {
    return this.call('configure', [settings]) as Promise<void>;
  }

  diagnostics(): Promise<RunnerDiagnostics> {
    return this.call('diagnostics', []) as Promise<RunnerDiagnostics>;
  }

  /** Stops running instances (CANCEL), then ends the runner process. */
  async dispose(): Promise<void> {
    this.disposing = true;
    if (!this.exited) {
      const exited = new Promise<void>((r) => this.exitWaiters.push(r));
      await this.call('dispose', []).catch(() => undefined);
      this.post({ type: 'shutdown' });
      // A runner that does not leave in time is killed; its spawn helper then kills the tasks.
      const killer = setTimeout(() => this.child.kill(), 10_000);
      await exited;
      clearTimeout(killer);
    }
    this.changeEmitter.dispose();
    this.logEmitter.dispose();
    this.scriptEmitter.dispose();
    this.exitEmitter.dispose();
  }

  /** Calls the runner's script runner (editor Run / Debug). */
  script<M extends ScriptMethod>(
    method: M,
    ...args: Parameters<ScriptRunnerApi[M]>
  ): Promise<Awaited<ReturnType<ScriptRunnerApi[M]>>> {
    return this.call(method, args, 'script') as Promise<Awaited<ReturnType<ScriptRunnerApi[M]>>>;
  }

  private call(
    method: RunnerMethod | ScriptMethod,
    args: unknown[],
    type: 'call' | 'script' = 'call',
  ): Promise<unknown> {
    if (this.exited) return Promise.reject(new AppError('UNAVAILABLE', 'the runner process is not running'));
    const id = this.nextId++;
    // JSON turns a trailing undefined into null, which would defeat optional parameters.
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.post({ type, id, method, args } as ToRunner, (error) => {
        this.calls.delete(id);
        reject(new AppError('UNAVAILABLE', `the runner process is not reachable: ${error.message}`));
      });
    });
  }

  private post(message: ToRunner, onError: (error: Error) => void = () => {}): void {
    this.child.send(message, onError);
  }

  private receive(msg: FromRunner): void {
    if (msg.type === 'reply') {
      const c = this.calls.get(msg.id);
      if (!c) return;
      this.calls.delete(msg.id);
      if (msg.ok) c.resolve(msg.result);
      else c.reject(deserializeError(msg.error));
    } else if (msg.type === 'password-request') {
      const answer = (password?: string): void => this.post({ type: 'password-reply', id: msg.id, password });
      void (this.passwords?.(msg.connection) ?? Promise.resolve(undefined)).then(answer, () =>
        answer(undefined),
      );
    } else if (msg.type === 'script-event') {
      this.scriptEmitter.fire(msg.event);
    } else if (msg.type === 'events') {
      for (const e of msg.events) {
        if (e.event === 'onDidChangeInstance') this.changeEmitter.fire(e.payload);
        else this.logEmitter.fire(e.payload);
      }
    }
  }
}
