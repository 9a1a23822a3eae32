import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'test/**/*.test.ts', 'admin/src/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each worker keeps its modules between files (every test makes its own database, data
    // folder and clock): the suite runs in a third of the time it takes to load the server anew
    // for every file.
    isolate: false,
    env: { TZ: 'UTC' },
  },
});
