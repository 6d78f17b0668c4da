import { defineConfig } from 'vitest/config';

// Real processes and timers on a 2-core CI machine: one retry there, none locally (a flaky test shows up here first).
const retry = process.env.CI ? 1 : 0;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/main/**/*.test.ts', 'src/shared/**/*.test.ts', 'tests/contract/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/oracles/**/*.test.ts'],
          testTimeout: 30000,
          retry,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          retry,
        },
      },
    ],
  },
});
