import { isWorkspace, notAWorkspace } from './workspace-root';
import path from 'node:path';
import type { ApplyProgressEvent, ApplyResultInfo, PlanInfo, PlanStepInfo } from '../../shared/contract';
import { AppError } from '../../shared/rpc/errors';
import { MemorySecretStore } from '../services/secrets/secret-store';
import { SyncServiceNode } from '../services/sync/sync-service';
import { folderWorkspace } from '../services/workspace/folder-workspace';
import { planSummary } from '../sync/backend';
import type { DsClientOptions } from '../sync/dolphinscheduler/client';
import type { EnosClientOptions } from '../sync/enos/client';
import { secretEnvVar } from '../sync/common/secret-variable';
import { maskSecrets } from '../sync/common/mask';

export interface PublishCommandOptions {
  env?: string;
  'dry-run'?: boolean;
  json?: boolean;
  yes?: boolean;
  workspace?: string;
  'export-resources'?: string;
}

/** Where the command writes and reads; injectable for tests. */
export interface PublishCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Test hook: extra client options (clock, retry policy). */
  client?: Partial<EnosClientOptions>;
  /** Test hook for DolphinScheduler environments. */
  dsClient?: Partial<DsClientOptions>;
}

/** Exit codes of `bdp publish`. */
export const PUBLISH_EXIT = { ok: 0, error: 1, usage: 2, conflicts: 3 } as const;

const defaultIo: PublishCommandIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
};

function table(steps: readonly PlanStepInfo[]): string {
  const rows = steps.map((s) => [
    s.manual ? 'manual' : s.action,
    s.kind,
    s.name,
    [s.mode, ...s.details].filter(Boolean).join('; '),
  ]);
  const head = ['ACTION', 'KIND', 'NAME', 'DETAILS'];
  const widths = [0, 1, 2].map((i) => Math.max(head[i].length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    `${r
      .slice(0, 3)
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')}  ${r[3]}`.trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

function planJson(plan: PlanInfo): unknown {
  return {
    environment: plan.environment,
    createdAt: plan.createdAt,
    summary: planSummary(plan.steps),
    steps: plan.steps.map(({ index: _index, ...step }) => step),
  };
}

function resultJson(plan: PlanInfo, r: ApplyResultInfo): unknown {
  const label = (i: number): string => `${plan.steps[i].kind}:${plan.steps[i].name}`;
  return {
    ok: r.ok,
    applied: r.applied.map(label),
    skipped: r.skipped.map(label),
    failed: r.failed && { step: label(r.failed.index), error: r.failed.message },
  };
}

/**
 * `bdp publish --env NAME [--dry-run] [--json] [--yes] [--workspace DIR] [--export-resources DIR]`:
 * plan against the environment of bdp.yaml, print the plan, apply it unless `--dry-run`.
 * The SecretKey comes from `BDP_ENV_<NAME>_SECRET`. Exit 0 ok, 1 error, 2 usage, 3 when
 * remote changes were not overwritten (or would not be, with `--dry-run`) for want of `--yes`.
 */
export async function publishCommand(
  opts: PublishCommandOptions,
  io: PublishCommandIo = defaultIo,
): Promise<number> {
  if (!opts.env) {
    io.stderr('bdp publish: --env NAME is required\n');
    return PUBLISH_EXIT.usage;
  }
  const root = path.resolve(opts.workspace ?? process.cwd());
  if (!(await isWorkspace(root))) {
    io.stderr(`${notAWorkspace('publish', root)}\n`);
    return PUBLISH_EXIT.usage;
  }
  // The same service the app uses; the secret comes from the environment variable only.
  const service = new SyncServiceNode({
    workspace: folderWorkspace(() => root),
    secrets: new MemorySecretStore(),
    env: io.env,
    clientOverrides: io.client,
    dsClientOverrides: io.dsClient,
  });
  let secret = '';
  const say = (t: string): void => io.stderr(maskSecrets(t, [secret]));
  try {
    const envs = await service.listEnvironments();
    const env =
      envs.find((e) => e.name === opts.env) ??
      envs.find((e) => e.name.toLowerCase() === opts.env!.toLowerCase());
    if (!env) {
      say(
        `bdp publish: no environment "${opts.env}" in bdp.yaml (environments: ${envs.map((e) => e.name).join(', ') || 'none'})\n`,
      );
      return PUBLISH_EXIT.usage;
    }
    const varName = secretEnvVar(env.name);
    secret = io.env[varName] ?? '';
    if (!secret) {
      const what =
        env.kind === 'dolphinscheduler' ? (env.options.userName ? 'password' : 'access token') : 'SecretKey';
      say(`bdp publish: set ${varName} to the ${what} of environment "${env.name}"\n`);
      return PUBLISH_EXIT.usage;
    }
    const label = env.kind === 'dolphinscheduler' ? 'DolphinScheduler' : 'EnOS';
    const plan = await service.plan({ name: env.name });
    const conflicts = plan.steps.filter((s) => s.action === 'remote-changed').length;
    if (opts['export-resources'] && env.kind === 'enos') {
      const dir = path.relative(root, path.resolve(opts['export-resources']));
      const written = await service.exportPrerequisites({ planId: plan.planId, dir });
      if (!opts.json) for (const f of written) io.stdout(`exported ${f}\n`);
    }
    if (!opts.json) {
      io.stdout(`Publish plan for ${env.name} (${env.url})\n${table(plan.steps)}`);
      io.stdout(
        `${Object.entries(planSummary(plan.steps))
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}\n`,
      );
    }
    if (opts['dry-run']) {
      if (opts.json) io.stdout(JSON.stringify({ plan: planJson(plan) }, null, 2) + '\n');
      return conflicts && !opts.yes ? PUBLISH_EXIT.conflicts : PUBLISH_EXIT.ok;
    }
    const onProgress = (p: ApplyProgressEvent): void => {
      const step = plan.steps[p.index];
      if (opts.json || p.phase === 'start' || step.action === 'unchanged') return;
      io.stdout(
        `[${p.index + 1}/${p.total}] ${p.phase} ${step.kind} ${step.name}${p.message ? `: ${p.message}` : ''}\n`,
      );
    };
    const listening = service.onDidProgress(onProgress);
    const result = await service.apply({ planId: plan.planId, force: opts.yes === true }).finally(listening);
    if (opts.json)
      io.stdout(JSON.stringify({ plan: planJson(plan), result: resultJson(plan, result) }, null, 2) + '\n');
    if (!result.ok) {
      const failed = result.failed && plan.steps[result.failed.index];
      say(`bdp publish: stopped at ${failed?.kind} ${failed?.name}: ${result.failed?.message}\n`);
      say('the remote is consistent; run publish again to resume\n');
      return PUBLISH_EXIT.error;
    }
    if (conflicts && !opts.yes) {
      say(
        `bdp publish: ${conflicts} item(s) changed on ${label} were not overwritten; review the plan and rerun with --yes\n`,
      );
      return PUBLISH_EXIT.conflicts;
    }
    if (!opts.json) io.stdout(`published: ${result.applied.length} step(s) applied\n`);
    return PUBLISH_EXIT.ok;
  } catch (e) {
    say(`bdp publish: ${e instanceof AppError || e instanceof Error ? e.message : String(e)}\n`);
    return PUBLISH_EXIT.error;
  } finally {
    service.dispose();
  }
}
