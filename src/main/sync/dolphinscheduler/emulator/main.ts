import { createSystemClock } from '../../enos/emulator/clock';
import { startDsEmulator } from './server';
import { DEMO_ADMIN, DEMO_TOKEN } from './state';

/** `npm run emulator:dolphinscheduler [-- --port N]`: runs the emulator on wall-clock time until Ctrl+C. */
async function main(): Promise<void> {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.DS_EMULATOR_PORT ?? 0);
  const emulator = await startDsEmulator({ port, clock: createSystemClock() });
  const project = [...emulator.state.projects.values()][0];
  process.stdout.write(
    [
      `DolphinScheduler 3.2.2 API emulator listening on ${emulator.url}`,
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
