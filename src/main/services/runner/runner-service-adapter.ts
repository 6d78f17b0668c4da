import { open } from 'node:fs/promises';
import path from 'node:path';
import type {
  ConnectionPasswordInfo,
  RunBackfillArgs,
  RunInstance,
  RunInstanceChange,
  RunInstanceSummary,
  RunListArgs,
  RunLogChunk,
  RunLogSlice,
  RunnerService,
  RunPreviewSourceArgs,
  RunStartArgs,
  SourcePreviewResult,
} from '../../../shared/contract/runner';
import type { Event } from '../../../shared/contract/types';
import { AppError } from '../../../shared/rpc/errors';
import { businessDatesBetween, triggerTimeOfBusinessDate } from '../../../shared/run-dates';
import { RunnerClient } from './runner-client';
import type { RunScope } from '../../../shared/contract/runner';
import { Emitter } from '../../../shared/emitter';
import type { SecretStore } from '../secrets/secret-store';
import { listConnectionPasswords, setConnectionPassword, storedPasswordLookup } from './connection-passwords';
import { startReferencedFirst } from './run-first';
import { loadWorkflow, loadWorkspaceConfig } from './workflow-catalog';
import { ScriptRunAdapter } from './script-run-adapter';
import { previewTaskSource } from './source-preview';
import type {
  DebugCommand,
  DebugEvaluation,
  ScriptRunArgs,
  ScriptRunInfo,
  SyntaxProblem,
} from '../../../shared/contract/runner';
import {
  RUNS_DIR,
  type RunnerProcess,
  type RunnerServiceOptions,
  type StartRequest,
} from '../../../shared/runner-protocol';
import type { Workflow } from '../../../shared/model';
import { appIdentity } from './app-identity';
import { readWorkflowSnapshot, resolveTaskFiles } from './task-files';

export interface RunnerServiceAdapterOptions {
  /** The bundled runner entry (`out/main/runner.js`). */
  runnerModulePath: string;
  /** Starts the runner process; default Node's fork. The desktop app passes Electron's utilityProcess. */
  launch?: (modulePath: string, execArgv: string[]) => RunnerProcess;
  /** Extra runner options (tests: kill grace, submitter). */
  runner?: Partial<Omit<RunnerServiceOptions, 'workspaceRoot'>>;
  /** The interpreter for editor Python runs (the `pythonPath` setting); default `python3`. */
  pythonPath?: () => Promise<string | undefined>;
  /** Where database passwords live (the runner asks for them over its IPC channel at task start). */
  secrets?: SecretStore;
  /** How this process is named to others waiting for a workflow it runs (default `BDP Studio`). */
  owner?: string;
}

const DEFAULT_LOG_LIMIT = 1024 * 1024;

/** Bytes up to the last complete UTF-8 character. */
function completeUtf8(buf: Buffer): Buffer {
  let end = buf.length;
  let back = 0;
  while (back < 4 && end - back - 1 >= 0 && (buf[end - back - 1] & 0xc0) === 0x80) back++;
  const lead = end - back - 1;
  if (lead < 0) return buf;
  const b = buf[lead];
  const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  if (need > back + 1) end = lead;
  return buf.subarray(0, end);
}

/**
 * The renderer's {@link RunnerService}: forwards to a {@link RunnerClient} (the runner child
 * process) started lazily for the open workspace and restarted when the workspace changes.
 * Main itself never spawns task processes. Workflows are read from disk at each start/rerun,
 * so a pre-run always uses the saved file.
 */
export class RunnerServiceAdapter implements RunnerService {
  private readonly changeEmitter = new Emitter<RunInstanceChange>();
  private readonly logEmitter = new Emitter<RunLogChunk>();
  private root: string | null = null;
  private client: Promise<RunnerClient> | null = null;
  private readonly workflowOf = new Map<string, string>();
  /** Instances the runner reported unfinished, to announce again after a runner died. */
  private readonly live = new Set<string>();
  private readonly exitEmitter = new Emitter<{ how: string }>();
  /** The runner process died (not a shutdown); a new one is being started. */
  readonly onDidRunnerExit: Event<{ how: string }> = this.exitEmitter.event;

  readonly onDidChangeInstance: Event<RunInstanceChange> = this.changeEmitter.event;
  readonly onDidAppendLog: Event<RunLogChunk> = this.logEmitter.event;
  private readonly scripts = new ScriptRunAdapter(
    () => this.runner(),
    () => this.options.pythonPath?.() ?? Promise.resolve(undefined),
  );
  readonly onDidScriptOutput = this.scripts.onDidScriptOutput;
  readonly onDidScriptEnd = this.scripts.onDidScriptEnd;
  readonly onDidSqlResult = this.scripts.onDidSqlResult;
  readonly onDidScriptDebug = this.scripts.onDidScriptDebug;
  readonly onDidScriptTrace = this.scripts.onDidScriptTrace;

  constructor(private readonly options: RunnerServiceAdapterOptions) {}

  /** Switches workspace: the old runner stops (running instances end CANCEL); the next call starts a new one. */
  async setRoot(root: string | null): Promise<void> {
    if (root === this.root) return;
    this.root = root;
    const old = this.client;
    this.client = null;
    this.workflowOf.clear();
    if (old) await old.then((c) => c.dispose()).catch(() => undefined);
  }

  /** The runner of the open workspace; starting it runs crash recovery (with `recoveryReason` after a runner died). */
  runner(recoveryReason?: string): Promise<RunnerClient> {
    const root = this.root;
    if (!root) return Promise.reject(new AppError('NO_WORKSPACE', 'open a workspace first'));
    if (!this.client) {
      const starting = (async (): Promise<RunnerClient> => {
        const config = await loadWorkspaceConfig(root);
        const client = await RunnerClient.start({
          modulePath: this.options.runnerModulePath,
          launch: this.options.launch,
          service: {
            ...this.options.runner,
            workspaceRoot: root,
            timezone: config?.timezone,
            parallelism: config?.parallelism ?? 4,
            app: appIdentity(config, root),
            owner: this.options.owner ?? 'BDP Studio',
            ...(recoveryReason ? { recoveryReason } : {}),
          },
          passwords: storedPasswordLookup(this.options.secrets),
        });
        client.onDidExit(({ how }) => void this.runnerDied(root, starting, how));
        client.onDidChangeInstance((c) => {
          if (c.instance.endTime === undefined) this.live.add(c.instance.instanceId);
          else this.live.delete(c.instance.instanceId);
          if (this.root === root) this.changeEmitter.fire(c);
        });
        client.onDidAppendLog((l) => {
          if (this.root === root) this.logEmitter.fire(l);
        });
        client.onDidScriptEvent((e) => {
          if (this.root === root) this.scripts.fire(e);
        });
        return client;
      })();
      this.client = starting;
      // A runner that failed to start (or died) is started again on the next call.
      starting.catch(() => {
        if (this.client === starting) this.client = null;
      });
    }
    return this.client;
  }

  /**
   * The runner process ended on its own (killed, crashed): a new one is started at once; its crash
   * recovery ends the instances that were running FAIL with the reason, and the windows hear of
   * them. Open script runs end as failed.
   */
  private async runnerDied(root: string, dead: Promise<RunnerClient>, how: string): Promise<void> {
    if (this.client !== dead || this.root !== root) return;
    this.client = null;
    const reason = `the runner process exited (${how}) while this instance was running`;
    this.scripts.runnerExited(`the runner process exited (${how})`);
    const lost = [...this.live];
    this.live.clear();
    this.exitEmitter.fire({ how });
    try {
      const runner = await this.runner(reason);
      for (const id of lost) {
        const inst = await runner.get(id);
        if (!inst) continue;
        const { tasks, ...instance } = inst;
        this.changeEmitter.fire({ instance, tasks });
      }
    } catch {
      // The next call tries again and reports why.
    }
  }

  async start(args: RunStartArgs): Promise<RunInstance> {
    const root = this.requireRoot();
    const { workflow } = await loadWorkflow(root, args.workflow);
    const scope = this.scopeOf(args.scope ?? (args.node ? 'node' : 'workflow'), args.node);
    const triggerTime =
      args.triggerTime ?? (args.businessDate ? triggerTimeOfBusinessDate(args.businessDate) : undefined);
    const runner = await this.runner();
    const files = (wf: Workflow) => this.filesFor(root, wf, args);
    if (args.references === 'run-first')
      await startReferencedFirst(root, runner, workflow, triggerTime, files, (i) => this.remember(i));
    const inst = await runner.start({
      workflow,
      triggerTime,
      scope,
      parameters: args.parameters,
      references: args.references,
      referenceTimeoutSeconds: args.referenceTimeoutSeconds,
      ...(await files(workflow)),
    });
    return this.remember(inst);
  }

  async stop(args: { instanceId: string }): Promise<RunInstance> {
    return this.remember(await (await this.runner()).stop(args.instanceId));
  }

  async rerun(args: { instanceId: string; node?: string; downstream?: boolean }): Promise<RunInstance> {
    const root = this.requireRoot();
    const runner = await this.runner();
    const current = await runner.get(args.instanceId);
    if (!current) throw new AppError('NOT_FOUND', `no instance ${args.instanceId}`);
    // Rerun with the saved workflow when it still parses; otherwise the snapshot taken at creation.
    const workflow = await loadWorkflow(root, current.workflow).then(
      (w) => w.workflow,
      () => undefined,
    );
    const scope: RunScope | undefined = args.node
      ? this.scopeOf(args.downstream ? 'downstream' : 'node', args.node)
      : undefined;
    // The files are resolved again, as they were chosen at the start (pinned versions or working copies).
    const taskFiles = await resolveTaskFiles(root, workflow ?? (await readWorkflowSnapshot(root, current)), {
      workingCopy: current.workingCopy,
    });
    return this.remember(await runner.rerun({ instanceId: args.instanceId, scope, workflow, taskFiles }));
  }

  async backfill(args: RunBackfillArgs): Promise<RunInstanceSummary[]> {
    const root = this.requireRoot();
    let dates: string[];
    try {
      dates = businessDatesBetween(args.from, args.to, args.order);
    } catch (error) {
      throw new AppError('INVALID_ARGUMENT', error instanceof Error ? error.message : String(error));
    }
    const { workflow } = await loadWorkflow(root, args.workflow);
    const runner = await this.runner();
    const files = await this.filesFor(root, workflow, {});
    const lanes = Math.max(1, Math.min(args.parallelism, dates.length));
    const stamp = Date.now().toString(36);
    const created: RunInstanceSummary[] = [];
    // Round-robin over lanes keeps the requested order inside each lane and across lane heads.
    for (const [i, date] of dates.entries()) {
      const inst = await runner.start({
        workflow,
        triggerTime: triggerTimeOfBusinessDate(date),
        lane: lanes > 1 ? `backfill-${stamp}-${i % lanes}` : undefined,
        ...files,
      });
      const { tasks: _tasks, ...summary } = this.remember(inst);
      created.push(summary);
    }
    return created;
  }

  async list(args: RunListArgs): Promise<RunInstanceSummary[]> {
    const all = await (await this.runner()).list(args.workflow ? { workflow: args.workflow } : undefined);
    return all.filter(
      (i) =>
        (!args.status || i.status === args.status) &&
        (!args.from || i.calDt >= args.from) &&
        (!args.to || i.calDt <= args.to) &&
        (!args.createdAfter || i.createdAt >= args.createdAfter) &&
        (!args.createdBefore || i.createdAt < args.createdBefore),
    );
  }

  async get(args: { instanceId: string }): Promise<RunInstance> {
    const inst = await (await this.runner()).get(args.instanceId);
    if (!inst) throw new AppError('NOT_FOUND', `no instance ${args.instanceId}`);
    return this.remember(inst);
  }

  async readLog(args: {
    instanceId: string;
    task: string;
    runNum: number;
    offset?: number;
    limit?: number;
  }): Promise<RunLogSlice> {
    const root = this.requireRoot();
    let workflow = this.workflowOf.get(args.instanceId);
    if (!workflow) workflow = (await this.get({ instanceId: args.instanceId })).workflow;
    // Names come from the instance record, never straight from the caller, so the path stays inside .bdp/runs.
    if (/[/\\]|^\.\.?$/.test(args.task) || /[/\\]|^\.\.?$/.test(args.instanceId))
      throw new AppError('INVALID_ARGUMENT', 'bad task or instance name');
    const file = path.join(root, RUNS_DIR, workflow, args.instanceId, `${args.task}.${args.runNum}.log`);
    const offset = args.offset ?? 0;
    const limit = args.limit ?? DEFAULT_LOG_LIMIT;
    let handle;
    try {
      handle = await open(file, 'r');
    } catch {
      return { text: '', offset, nextOffset: offset, size: 0, path: file, exists: false };
    }
    try {
      const { size } = await handle.stat();
      const length = Math.max(0, Math.min(limit, size - offset));
      const buf = Buffer.alloc(length);
      const { bytesRead } = length > 0 ? await handle.read(buf, 0, length, offset) : { bytesRead: 0 };
      const bytes = completeUtf8(buf.subarray(0, bytesRead));
      return {
        text: bytes.toString('utf8'),
        offset,
        nextOffset: offset + bytes.length,
        size,
        path: file,
        exists: true,
      };
    } finally {
      await handle.close();
    }
  }

  async previewSource(args: RunPreviewSourceArgs): Promise<SourcePreviewResult> {
    return previewTaskSource(this.requireRoot(), args, await this.runner());
  }

  runScript(args: ScriptRunArgs): Promise<ScriptRunInfo> {
    return this.scripts.run(args);
  }

  stopScript(args: { runId: string }): Promise<void> {
    return this.scripts.stop(args);
  }

  debugScript(args: { runId: string; command: DebugCommand }): Promise<void> {
    return this.scripts.command(args);
  }

  evaluateInScript(args: { runId: string; expression: string; frame: number }): Promise<DebugEvaluation> {
    return this.scripts.evaluate(args);
  }

  setScriptBreakpoints(args: { runId: string; path: string; lines: number[] }): Promise<void> {
    return this.scripts.setBreakpoints(args);
  }

  previewScript(args: ScriptRunArgs): Promise<{ text: string; unresolved: string[] }> {
    return this.scripts.preview(args);
  }

  checkPythonSyntax(args: { text: string }): Promise<SyntaxProblem | null> {
    return this.scripts.checkPythonSyntax(args);
  }

  listConnectionPasswords(): Promise<ConnectionPasswordInfo[]> {
    return listConnectionPasswords(this.requireRoot(), this.options.secrets);
  }

  setConnectionPassword(args: { connection: string; password: string }): Promise<void> {
    return setConnectionPassword(this.requireRoot(), this.options.secrets, args.connection, args.password);
  }

  async dispose(): Promise<void> {
    await this.setRoot(null);
    this.scripts.dispose();
    this.changeEmitter.dispose();
    this.logEmitter.dispose();
    this.exitEmitter.dispose();
  }

  /** The task files and run modes of a start: pinned versions (or working copies) and the External APP mode. */
  private async filesFor(
    root: string,
    workflow: Workflow,
    args: Pick<RunStartArgs, 'workingCopy' | 'externalApp'>,
  ): Promise<Pick<StartRequest, 'taskFiles' | 'workingCopy' | 'externalApp'>> {
    const config = await loadWorkspaceConfig(root);
    return {
      taskFiles: await resolveTaskFiles(root, workflow, { workingCopy: args.workingCopy }),
      workingCopy: args.workingCopy === true,
      externalApp: args.externalApp ?? config?.prerun.externalApp ?? 'call',
    };
  }

  private requireRoot(): string {
    if (!this.root) throw new AppError('NO_WORKSPACE', 'open a workspace first');
    return this.root;
  }

  private scopeOf(kind: 'workflow' | 'node' | 'downstream', node: string | undefined): RunScope {
    if (kind === 'workflow') return { kind };
    if (!node) throw new AppError('INVALID_ARGUMENT', `scope "${kind}" needs a node`);
    return { kind, node };
  }

  private remember<T extends { instanceId: string; workflow: string }>(inst: T): T {
    this.workflowOf.set(inst.instanceId, inst.workflow);
    return inst;
  }
}
