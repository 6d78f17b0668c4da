import { COMMON_USAGE, parseEmulatorArgs, pasteReadyBlock } from '../common/cli';
import { createSystemClock } from '../common/clock';
import { startEnosEmulator } from './server';
import { DEMO_APP, DEMO_USER } from './store';

const USAGE = `Usage: npm run emulator:enos -- [options]

A local EnOS Batch Processing Service API (v2.1) to publish to and operate, on wall-clock time.
It records and simulates; it never runs task code.

${COMMON_USAGE}
`;

/** `npm run emulator:enos`: runs the emulator until Ctrl+C. */
async function main(): Promise<void> {
  let args;
  try {
    args = parseEmulatorArgs(process.argv.slice(2), {}, 'enos-local');
  } catch (e) {
    process.stderr.write(`emulator:enos: ${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEnosEmulator({
    port: args.port,
    clock: createSystemClock(),
    faults: args.faults,
  });
  process.stdout.write(
    pasteReadyBlock({
      title: 'EnOS Batch Processing emulator',
      url: emulator.url,
      envName: args.envName,
      kind: 'enos',
      options: { orgId: DEMO_USER.orgId, userId: DEMO_USER.userId, accessKey: DEMO_APP.appKey },
      secretLabel: 'SecretKey',
      secret: DEMO_APP.appSecret,
      notes: [
        `user: ${DEMO_USER.name} (demo credentials of the emulator only)`,
        `root directory: ${emulator.state.rootDirs.get(DEMO_USER.orgId)}`,
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
