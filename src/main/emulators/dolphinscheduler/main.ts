import { COMMON_USAGE, parseEmulatorArgs, pasteReadyBlock } from '../common/cli';
import { createSystemClock } from '../common/clock';
import { DS_API_VERSIONS, type DsApiVersion } from '../../sync/dolphinscheduler/api-version';
import { isValidZone } from '../../../shared/time/zone';
import { startDsEmulator } from './server';
import { DEMO_ADMIN, DEMO_TOKEN } from './state';

const USAGE = `Usage: npm run emulator:dolphinscheduler -- [options]

A local DolphinScheduler REST API (3.2.2, or the 3.3 line) to publish to and operate, on
wall-clock time. It records and simulates; it never runs task code.

  --profile 3.2|3.3     API line to speak (default 3.2)
  --server-time-zone Z  the server's JVM zone (default UTC)
${COMMON_USAGE}
`;

/** `npm run emulator:dolphinscheduler`: runs the emulator until Ctrl+C. */
async function main(): Promise<void> {
  let args;
  try {
    args = parseEmulatorArgs(
      process.argv.slice(2),
      { profile: { type: 'string' }, 'server-time-zone': { type: 'string' } },
      'ds-local',
    );
  } catch (e) {
    process.stderr.write(`emulator:dolphinscheduler: ${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const profile = String(args.values.profile ?? process.env.DS_EMULATOR_PROFILE ?? '3.2');
  const zone = String(args.values['server-time-zone'] ?? 'UTC');
  if (!(DS_API_VERSIONS as readonly string[]).includes(profile) || !isValidZone(zone)) {
    process.stderr.write(
      `emulator:dolphinscheduler: --profile must be ${DS_API_VERSIONS.join(' or ')} and --server-time-zone an IANA zone\n`,
    );
    process.exit(2);
  }
  const emulator = await startDsEmulator({
    port: args.port,
    clock: createSystemClock(),
    profile: profile as DsApiVersion,
    serverTimeZone: zone,
    faults: args.faults,
  });
  const project = [...emulator.state.projects.values()][0];
  process.stdout.write(
    pasteReadyBlock({
      title: `DolphinScheduler ${profile === '3.3' ? '3.3 line' : '3.2.2'} API emulator`,
      url: emulator.url,
      envName: args.envName,
      kind: 'dolphinscheduler',
      options: { project: project?.name ?? 'bdp_demo', apiVersion: profile },
      secretLabel: 'access token',
      secret: DEMO_TOKEN,
      notes: [
        `admin user: ${DEMO_ADMIN.userName} / ${DEMO_ADMIN.password} (demo account of the emulator only)`,
        `server zone: ${zone}`,
      ],
      faults: args.faults,
    }),
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
