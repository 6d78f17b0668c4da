import { createSystemClock } from './clock';
import { startEnosEmulator } from './server';
import { DEMO_APP, DEMO_USER } from './store';

/** `npm run emulator:enos [-- --port N]`: runs the emulator on wall-clock time until Ctrl+C. */
async function main(): Promise<void> {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.ENOS_EMULATOR_PORT ?? 0);
  const emulator = await startEnosEmulator({ port, clock: createSystemClock() });
  const root = emulator.state.rootDirs.get(DEMO_USER.orgId);
  process.stdout.write(
    [
      `EnOS Batch Processing emulator listening on ${emulator.url}`,
      `  service:   ${emulator.url}/batch-processing-service/v2.1`,
      `  token:     ${emulator.url}/apim-token-service/v2.0/token/get`,
      `  orgId:     ${DEMO_USER.orgId}`,
      `  userId:    ${DEMO_USER.userId} (${DEMO_USER.name})`,
      `  appKey:    ${DEMO_APP.appKey}`,
      `  appSecret: ${DEMO_APP.appSecret}   (demo credentials of the emulator only)`,
      `  root dir:  ${root}`,
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
