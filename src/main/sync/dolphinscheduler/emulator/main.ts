import { createSystemClock } from '../../enos/emulator/clock';
import { DS_API_VERSIONS, type DsApiVersion } from '../api-version';
import { startDsEmulator } from './server';
import { DEMO_ADMIN, DEMO_TOKEN } from './state';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/**
 * `npm run emulator:dolphinscheduler [-- --port N] [--profile 3.2|3.3]`: runs the emulator on
 * wall-clock time until Ctrl+C.
 */
async function main(): Promise<void> {
  const port = Number(flag('--port') ?? process.env.DS_EMULATOR_PORT ?? 0);
  const profile = flag('--profile') ?? process.env.DS_EMULATOR_PROFILE ?? '3.2';
  if (!(DS_API_VERSIONS as readonly string[]).includes(profile)) {
    process.stderr.write(`--profile must be one of ${DS_API_VERSIONS.join(', ')}, not "${profile}"\n`);
    process.exit(2);
  }
  const emulator = await startDsEmulator({
    port,
    clock: createSystemClock(),
    profile: profile as DsApiVersion,
  });
  const project = [...emulator.state.projects.values()][0];
  process.stdout.write(
    [
      `DolphinScheduler ${profile === '3.3' ? '3.3 (spec §10)' : '3.2.2'} API emulator listening on ${emulator.url}`,
      `  user:     ${DEMO_ADMIN.userName} / ${DEMO_ADMIN.password}   (demo account of the emulator only)`,
      `  token:    ${DEMO_TOKEN}`,
      `  project:  ${project?.name ?? '(none)'}${project ? ` (code ${project.code})` : ''}`,
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
