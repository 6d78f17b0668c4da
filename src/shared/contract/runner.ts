import { connectionMethods, type ConnectionsService } from './connections';
import { runEvents, runMethods, type RunsService } from './runs';
import { scriptEvents, scriptMethods, type ScriptsService } from './scripts';
import { defineService } from './types';

export * from './connections';
export * from './runs';
export * from './scripts';

/**
 * Local pre-runs (EnOS Workflow Operation). Main forwards to the runner child process, which
 * it starts for the open workspace on first use (crash recovery runs then). Without an open
 * workspace every method fails with `NO_WORKSPACE`.
 */
export interface RunnerService extends RunsService, ScriptsService, ConnectionsService {}

export const runnerDescriptor = defineService({
  methods: { ...runMethods, ...scriptMethods, ...connectionMethods },
  events: [...runEvents, ...scriptEvents],
});
