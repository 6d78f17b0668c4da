import { parseArgs } from 'node:util';
import { secretEnvVar } from '../../sync/common/secret-variable';
import { FAULT_STATUSES, type FaultSettings, type FaultStatus } from './faults';

/** What both emulator commands accept; each adds its own options. */
export interface EmulatorArgs {
  port: number;
  /** Name of the environment in the printed bdp.yaml block. */
  envName: string;
  faults: FaultSettings;
  values: Record<string, string | boolean | undefined>;
}

export const COMMON_USAGE = `  --port N              listen on 127.0.0.1:N (default: a free port)
  --env-name NAME       name of the environment in the printed bdp.yaml block
Faults (to see how a publish copes; all off by default):
  --status CODE         answer the next business call(s) with HTTP 401, 429, 500 or 503...
  --times N             ...this many times (default 1)
  --fail-rate P         answer this fraction (0-1) of business calls with --fail-status, at random
  --fail-status CODE    status of those failures (default 503)
  --seed N              seed of --fail-rate, for a repeatable run
  --drop-at N[,N...]    drop the connection of these requests (1-based), without an answer
  --slow MS             delay every answer by MS milliseconds
  --help                this text`;

function statusOf(name: string, text: string | undefined): FaultStatus | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(FAULT_STATUSES as readonly number[]).includes(n))
    throw new Error(`--${name} must be one of ${FAULT_STATUSES.join(', ')}, not "${text}"`);
  return n as FaultStatus;
}

function wholeNumber(name: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be a whole number >= ${min}, not "${text}"`);
  return n;
}

/**
 * Parses an emulator's command line. Throws an Error whose message is one line naming the bad
 * option; `help` is true when --help was given.
 */
export function parseEmulatorArgs(
  argv: string[],
  extra: Record<string, { type: 'string' | 'boolean' }>,
  defaultEnvName: string,
): EmulatorArgs & { help: boolean } {
  const { values: parsed } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      'env-name': { type: 'string' },
      status: { type: 'string' },
      times: { type: 'string' },
      'fail-rate': { type: 'string' },
      'fail-status': { type: 'string' },
      seed: { type: 'string' },
      'drop-at': { type: 'string' },
      slow: { type: 'string' },
      help: { type: 'boolean' },
      ...extra,
    },
  });
  const values = parsed as Record<string, string | boolean | undefined>;
  const str = (k: string): string | undefined =>
    typeof values[k] === 'string' ? (values[k] as string) : undefined;
  const failRateText = str('fail-rate');
  const failRate = failRateText === undefined ? undefined : Number(failRateText);
  if (failRate !== undefined && !(failRate >= 0 && failRate <= 1))
    throw new Error(`--fail-rate must be a number from 0 to 1, not "${failRateText}"`);
  const dropAt = str('drop-at')
    ?.split(',')
    .map((t) => wholeNumber('drop-at', t.trim(), 1)!);
  const faults: FaultSettings = {
    status: statusOf('status', str('status')),
    times: wholeNumber('times', str('times'), 1),
    failRate,
    failStatus: statusOf('fail-status', str('fail-status')),
    seed: wholeNumber('seed', str('seed')),
    dropAt,
    slowMs: wholeNumber('slow', str('slow')),
  };
  const envName = str('env-name') ?? defaultEnvName;
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(envName))
    throw new Error(`--env-name must be letters, digits, - or _, not "${envName}"`);
  return {
    port: wholeNumber('port', str('port') ?? process.env.EMULATOR_PORT) ?? 0,
    envName,
    faults: Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined)) as FaultSettings,
    values,
    help: values.help === true,
  };
}

/** The lines to print: where it listens, the bdp.yaml block to paste, and the secret to export. */
export function pasteReadyBlock(o: {
  title: string;
  url: string;
  envName: string;
  kind: 'enos' | 'dolphinscheduler';
  options: Record<string, string>;
  secretLabel: string;
  secret: string;
  notes: string[];
  faults: FaultSettings;
}): string {
  const options = Object.entries(o.options)
    .map(([k, v]) => `${k}: ${/^[\w.-]+$/.test(v) && !/^\d+(\.\d+)?$/.test(v) ? v : JSON.stringify(v)}`)
    .join(', ');
  const faults = Object.entries(o.faults).map(
    ([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`,
  );
  return [
    `${o.title} listening on ${o.url}`,
    ...o.notes.map((n) => `  ${n}`),
    ...(faults.length ? [`  faults: ${faults.join(' ')}`] : []),
    '',
    'Paste into bdp.yaml (in place of "environments: []", or as one more item of the list):',
    '',
    'environments:',
    `  - name: ${o.envName}`,
    `    kind: ${o.kind}`,
    `    url: ${o.url}`,
    `    options: { ${options} }`,
    '',
    `Then give bdp publish the ${o.secretLabel} (in the app: Publish view, pick ${o.envName}, Edit environment):`,
    '',
    `  export ${secretEnvVar(o.envName)}=${o.secret}`,
    `  npx bdp publish --env ${o.envName} --dry-run`,
    '',
    'Ctrl+C stops the emulator; its state lives in memory only.',
    '',
  ].join('\n');
}
