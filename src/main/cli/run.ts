import path from 'node:path';
import type { RunInstance, RunTask } from '../../shared/contract/runner';
import { isTerminalState } from '../../shared/model/run';
import { RunnerServiceAdapter } from '../services/runner/runner-service-adapter';
import { RUNS_DIR } from '../../shared/runner-protocol';
import { isWorkspace, notAWorkspace } from './workspace-root';

export interface RunCommandOptions {
  date?: string;
  node?: string;
  downstream?: boolean;
  json?: boolean;
  workspace?: string;
  /** `satisfied` (default) | `wait` | `run-first`. */
  references?: string;
  /** Seconds a reference may wait (`wait` / `run-first`). */
  referenceTimeout?: string;
  /** Resource-bound tasks run the working copy of the resource's source, not the pinned version. */
  workingCopy?: boolean;
  /** `call` | `record` (default: bdp.yaml `prerun.externalApp`). */
  externalApp?: string;
}

/** Where the command writes; injectable for tests. */
export interface RunCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The bundled runner entry; default `runner.js` next to the CLI bundle. */
  runnerModulePath?: string;
  /** Test hook: e.g. a short kill grace. */
  runner?: ConstructorParameters<typeof RunnerServiceAdapter>[0]['runner'];
}

/** Exit codes of `bdp run`. */
export const RUN_EXIT = { success: 0, failed: 1, usage: 2, interrupted: 130 } as const;

const defaultIo: RunCommandIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** The `--json` document: EnOS state names and codes, run numbers and absolute log paths. */
export function instanceJson(inst: RunInstance, runsRoot: string): unknown {
  const dir = path.join(runsRoot, inst.workflow, inst.instanceId);
  return {
    instanceId: inst.instanceId,
    workflow: inst.workflow,
    scope: inst.scope,
    triggerTime: inst.triggerTime,
    businessDate: inst.calDt,
    status: inst.status,
    statusCode: inst.statusCode,
    reason: inst.reason,
    startTime: inst.startTime,
    endTime: inst.endTime,
    rerunCount: inst.rerunCount,
    workingCopy: inst.workingCopy === true,
    externalApp: inst.externalApp ?? 'call',
    tasks: inst.tasks.map((t) => ({
      name: t.name,
      type: t.type,
      status: t.status,
      statusCode: t.statusCode,
      runNum: t.runNum,
      retries: t.recallNum,
      exitCode: t.exitCode,
      reason: t.reason,
      source: t.source,
      startTime: t.startTime,
      endTime: t.endTime,
      log: t.runNum > 0 ? path.join(dir, `${t.name}.${t.runNum}.log`) : null,
      logs: t.logs.map((l) => path.join(dir, l)),
    })),
  };
}

function taskLine(t: RunTask): string {
  const extra = t.reason
    ? ` (${t.reason})`
    : t.exitCode !== undefined && t.exitCode !== null
      ? ` (exit ${t.exitCode})`
      : '';
  return `[${t.name}] ${t.status}${t.runNum > 0 ? ` run ${t.runNum}` : ''}${extra}\n`;
}

/**
 * `bdp run <workflow> [--date YYYY-MM-DD] [--node NAME [--downstream]] [--json] [--workspace DIR] [--references MODE]`:
 * pre-runs in the runner child process, streams task state changes and log lines to stderr,
 * prints the final instance as JSON with `--json`. Exit 0 only when the instance ends SUCCESS.
 * `--date` is the business date (trigger = next day 00:00 in the workspace zone); default yesterday.
 */
export async function runCommand(
  workflow: string | undefined,
  opts: RunCommandOptions,
  io: RunCommandIo = defaultIo,
): Promise<number> {
  if (!workflow) {
    io.stderr('bdp run: name the workflow (name or workflows/... path)\n');
    return RUN_EXIT.usage;
  }
  if (opts.downstream && !opts.node) {
    io.stderr('bdp run: --downstream needs --node NAME\n');
    return RUN_EXIT.usage;
  }
  if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) {
    io.stderr(`bdp run: --date must be YYYY-MM-DD, got "${opts.date}"\n`);
    return RUN_EXIT.usage;
  }
  const references = opts.references ?? 'satisfied';
  if (references !== 'satisfied' && references !== 'wait' && references !== 'run-first') {
    io.stderr(`bdp run: --references must be satisfied, wait or run-first, got "${references}"\n`);
    return RUN_EXIT.usage;
  }
  const referenceTimeoutSeconds =
    opts.referenceTimeout !== undefined ? Number(opts.referenceTimeout) : undefined;
  if (
    referenceTimeoutSeconds !== undefined &&
    !(Number.isInteger(referenceTimeoutSeconds) && referenceTimeoutSeconds >= 1)
  ) {
    io.stderr(
      `bdp run: --reference-timeout must be a whole number of seconds >= 1, got "${opts.referenceTimeout}"\n`,
    );
    return RUN_EXIT.usage;
  }
  if (opts.externalApp !== undefined && opts.externalApp !== 'call' && opts.externalApp !== 'record') {
    io.stderr(`bdp run: --external-app must be call or record, got "${opts.externalApp}"\n`);
    return RUN_EXIT.usage;
  }
  const root = path.resolve(opts.workspace ?? process.cwd());
  if (!(await isWorkspace(root))) {
    io.stderr(`${notAWorkspace('run', root)}\n`);
    return RUN_EXIT.usage;
  }
  const adapter = new RunnerServiceAdapter({
    runnerModulePath: io.runnerModulePath ?? path.join(__dirname, 'runner.js'),
    runner: io.runner,
    owner: 'bdp run',
  });
  await adapter.setRoot(root);
  let instanceId: string | undefined;
  let finished: (inst: RunInstance) => void = () => {};
  const done = new Promise<RunInstance>((r) => (finished = r));
  const seen = new Map<string, string>();
  const partial = new Map<string, string>();
  adapter.onDidChangeInstance((c) => {
    if (c.instance.instanceId !== instanceId) return;
    for (const t of c.tasks) {
      const key = `${t.status}/${t.runNum}`;
      if (seen.get(t.name) !== key) {
        seen.set(t.name, key);
        io.stderr(taskLine(t));
      }
    }
    if (isTerminalState(c.instance.status) && c.instance.endTime) {
      void adapter.get({ instanceId: c.instance.instanceId }).then((inst) => {
        if (inst.tasks.every((t) => isTerminalState(t.status))) finished(inst);
      });
    }
  });
  adapter.onDidAppendLog((l) => {
    if (l.instanceId !== instanceId || l.seq === 0) return;
    const key = `${l.task}.${l.runNum}`;
    const lines = ((partial.get(key) ?? '') + l.text).split('\n');
    partial.set(key, lines.pop() ?? '');
    for (const line of lines) io.stderr(`[${l.task}] ${line}\n`);
  });
  const onSigint = (): void => {
    if (instanceId) void adapter.stop({ instanceId }).catch(() => undefined);
  };
  process.once('SIGINT', onSigint);
  try {
    const started = await adapter.start({
      workflow,
      businessDate: opts.date,
      scope: opts.node ? (opts.downstream ? 'downstream' : 'node') : 'workflow',
      node: opts.node,
      references,
      referenceTimeoutSeconds,
      workingCopy: opts.workingCopy,
      externalApp: opts.externalApp as 'call' | 'record' | undefined,
    });
    instanceId = started.instanceId;
    io.stderr(
      `instance ${started.instanceId}: business date ${started.calDt}, trigger ${started.triggerTime}${started.workingCopy ? ', working copies of resources' : ''}${started.externalApp === 'record' ? ', External APP calls recorded' : ''}\n`,
    );
    if (started.status === 'WAIT' && started.reason) io.stderr(`${started.reason}\n`);
    // The final change event can precede our subscription's first look; poll as a backstop.
    const poll = setInterval(() => {
      void adapter.get({ instanceId: started.instanceId }).then(
        (inst) => {
          if (
            isTerminalState(inst.status) &&
            inst.endTime &&
            inst.tasks.every((t) => isTerminalState(t.status))
          )
            finished(inst);
        },
        () => undefined,
      );
    }, 1000);
    const final = await done;
    clearInterval(poll);
    for (const [key, rest] of partial)
      if (rest) io.stderr(`[${key.slice(0, key.lastIndexOf('.'))}] ${rest}\n`);
    io.stderr(`instance ${final.instanceId} ${final.status}${final.reason ? `: ${final.reason}` : ''}\n`);
    if (opts.json) io.stdout(`${JSON.stringify(instanceJson(final, path.join(root, RUNS_DIR)), null, 2)}\n`);
    return final.status === 'SUCCESS' ? RUN_EXIT.success : RUN_EXIT.failed;
  } catch (error) {
    io.stderr(`bdp run: ${error instanceof Error ? error.message : String(error)}\n`);
    return RUN_EXIT.failed;
  } finally {
    process.off('SIGINT', onSigint);
    await adapter.dispose();
  }
}
