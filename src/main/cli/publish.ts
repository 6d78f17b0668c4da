import path from 'node:path';
import type { ApplyProgress, ApplyResult, PlanStep, PublishPlan } from '../sync/backend';
import type { DsClientOptions } from '../sync/dolphinscheduler/client';
import { createDsBackend } from '../sync/dolphinscheduler/environment';
import type { EnosClientOptions } from '../sync/enos/client';
import { type EnosPublishPlan, planSummary } from '../sync/enos/enos-backend';
import { createEnosBackend, secretEnvVar } from '../sync/enos/environment';
import { maskSecrets } from '../sync/enos/errors';
import { exportPrerequisites } from '../sync/enos/prerequisites';
import { readWorkspaceSnapshot, WorkspaceValidationError } from '../sync/workspace-snapshot';

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

function table(steps: readonly (PlanStep & { mode?: string })[]): string {
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

function planJson(plan: PublishPlan & { environment: string }): unknown {
  return {
    environment: plan.environment,
    createdAt: plan.createdAt,
    summary: planSummary(plan),
    steps: plan.steps.map((st) => ({ ...st, file: undefined, uses: undefined })),
  };
}

function resultJson(r: ApplyResult): unknown {
  return {
    ok: r.ok,
    applied: r.applied.map((s) => `${s.kind}:${s.name}`),
    skipped: r.skipped.map((s) => `${s.kind}:${s.name}`),
    failed: r.failed && {
      step: `${r.failed.step.kind}:${r.failed.step.name}`,
      error: r.failed.error.message,
    },
    remoteIds: r.remoteIds,
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
  let secret = '';
  const say = (t: string): void => io.stderr(maskSecrets(t, [secret]));
  try {
    const snapshot = await readWorkspaceSnapshot(root);
    const env =
      snapshot.config.environments.find((e) => e.name === opts.env) ??
      snapshot.config.environments.find((e) => e.name.toLowerCase() === opts.env!.toLowerCase());
    if (!env) {
      const known = snapshot.config.environments.map((e) => e.name).join(', ') || 'none';
      say(`bdp publish: no environment "${opts.env}" in bdp.yaml (environments: ${known})\n`);
      return PUBLISH_EXIT.usage;
    }
    const varName = secretEnvVar(env.name);
    secret = io.env[varName] ?? '';
    if (!secret) {
      const what = env.kind === 'dolphinscheduler' ? (env.options.userName ? 'password' : 'access token') : 'SecretKey';
      say(`bdp publish: set ${varName} to the ${what} of environment "${env.name}"\n`);
      return PUBLISH_EXIT.usage;
    }
    const ds = env.kind === 'dolphinscheduler';
    const label = ds ? 'DolphinScheduler' : 'EnOS';
    const { backend, client } = ds ? createDsBackend(root, env, secret, io.dsClient) : createEnosBackend(root, env, secret, io.client);
    try {
      const plan = await backend.planSnapshot(snapshot);
      const conflicts = plan.steps.filter((s) => s.action === 'remote-changed').length;
      if (opts['export-resources'] && !ds) {
        const written = await exportPrerequisites(plan as EnosPublishPlan, path.resolve(opts['export-resources']));
        if (!opts.json) for (const f of written) io.stdout(`exported ${f}\n`);
      }
      if (!opts.json) {
        io.stdout(`Publish plan for ${env.name} (${env.url})\n${table(plan.steps)}`);
        const sum = planSummary(plan);
        io.stdout(
          `${Object.entries(sum)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}\n`,
        );
      }
      if (opts['dry-run']) {
        if (opts.json) io.stdout(JSON.stringify({ plan: planJson(plan) }, null, 2) + '\n');
        return conflicts && !opts.yes ? PUBLISH_EXIT.conflicts : PUBLISH_EXIT.ok;
      }
      const onProgress = (p: ApplyProgress): void => {
        if (opts.json || p.phase === 'start' || p.step.action === 'unchanged') return;
        io.stdout(
          `[${p.index + 1}/${p.total}] ${p.phase} ${p.step.kind} ${p.step.name}${p.message ? `: ${maskSecrets(p.message, [secret])}` : ''}\n`,
        );
      };
      const result = await backend.apply(plan, onProgress, { force: opts.yes === true });
      if (opts.json)
        io.stdout(JSON.stringify({ plan: planJson(plan), result: resultJson(result) }, null, 2) + '\n');
      if (!result.ok) {
        say(
          `bdp publish: stopped at ${result.failed?.step.kind} ${result.failed?.step.name}: ${result.failed?.error.message}\n`,
        );
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
    } finally {
      client.close();
    }
  } catch (e) {
    if (e instanceof WorkspaceValidationError) {
      say(`bdp publish: ${e.message}\n`);
      return PUBLISH_EXIT.error;
    }
    say(`bdp publish: ${e instanceof Error ? e.message : String(e)}\n`);
    return PUBLISH_EXIT.error;
  }
}
