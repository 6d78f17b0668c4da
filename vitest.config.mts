import { defineConfig } from 'vitest/config';

// No retries anywhere: a flaky test is a bug in the app or the test, to be found, not hidden.
const retry = 0;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'src/main/**/*.test.ts',
            'src/shared/**/*.test.ts',
            'tests/contract/**/*.test.ts',
            'tests/integration/**/*.test.ts',
            'tests/oracles/**/*.test.ts',
          ],
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
