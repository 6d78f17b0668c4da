import { EnosClient, type EnosClientOptions } from '../../src/main/sync/enos/client';
import { createManualClock, type EmulatorClock } from '../../src/main/emulators/common/clock';
import {
  startEnosEmulator,
  type EnosEmulator,
  type EnosEmulatorOptions,
} from '../../src/main/emulators/enos/server';
import { DEMO_APP, DEMO_USER } from '../../src/main/emulators/enos/store';
import type { PortableFlow, PortableTask } from '../../src/main/sync/enos/types';

/** 2024-01-15 10:00:00 at GMT+8. */
export const T0 = Date.UTC(2024, 0, 15, 2, 0, 0);

export interface ClientAndEmulator {
  emulator: EnosEmulator;
  client: EnosClient;
  clock: EmulatorClock;
  /** Backoff waits the client asked for (sleep is instant in tests). */
  sleeps: number[];
  rootDirId: string;
  close(): Promise<void>;
}

/** An emulator on 127.0.0.1 with a simulated clock and a client wired to the same clock. */
export async function startClientAndEmulator(
  emulatorOptions: EnosEmulatorOptions = {},
  clientOptions: Partial<EnosClientOptions> = {},
): Promise<ClientAndEmulator> {
  const clock = emulatorOptions.clock ?? createManualClock(T0);
  const emulator = await startEnosEmulator({ ...emulatorOptions, clock });
  const sleeps: number[] = [];
  const client = new EnosClient({
    gateway: emulator.url,
    orgId: DEMO_USER.orgId,
    userId: DEMO_USER.userId,
    appKey: DEMO_APP.appKey,
    appSecret: DEMO_APP.appSecret,
    now: () => clock.now(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    timeoutMs: 5000,
    ...clientOptions,
  });
  return {
    emulator,
    client,
    clock,
    sleeps,
    rootDirId: emulator.state.rootDirs.get(DEMO_USER.orgId) as string,
    close: async () => {
      client.close();
      await emulator.close();
    },
  };
}

export function task(name: string, cmd: string): PortableTask {
  return {
    name,
    resource: 'default',
    type: 'COMMAND',
    syncType: 1,
    cmd,
    submitter: '',
    filePackage: '',
    cron: '',
    priorityLevel: 0,
    timeout: 300,
    retryLimit: 3,
    retryInterval: 0,
    successCode: '0',
    asLink: false,
    runMode:
      '{"taskMode":1,"cpu":0.5,"memory":1,"maxParallel":0,"keyType":0,"datasourceId":0,"path":"","content":""}',
  };
}

/** extract -> transform (rerun true) -> load (rerun false). */
export function samplePortableFlow(name: string, overrides: Partial<PortableFlow> = {}): PortableFlow {
  return {
    name,
    cycle: 'D',
    cron: '0 0 2 * * ? *',
    parameters: '[{"key":"region","value":"cn"}]',
    alertMode: 1,
    submitter: 'db_demo',
    owners: ';demo;',
    visitors: '',
    type: 1,
    syncType: 1,
    desc: 'sample',
    startTime: '2024-01-01',
    tasks: [
      task('extract', 'echo extract ${region}'),
      task('transform', 'sh transform.sh'),
      task('load', 'sh load.sh'),
    ],
    flowLinks: [],
    taskLinks: [],
    relations: [
      { sourceTaskName: 'extract', targetTaskName: 'transform', rerun: true },
      { sourceTaskName: 'transform', targetTaskName: 'load', rerun: false },
    ],
    linkRelations: [],
    ...overrides,
  };
}
