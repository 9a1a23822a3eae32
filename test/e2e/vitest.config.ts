import { defineConfig } from 'vitest/config';

// Browser journeys: one file at a time (each starts a server and a Chromium), long timeouts.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.ts'],
    // The longest journey (four people through the three-stage review, the rich-text editor in
    // each) takes about 100 s alone on a 2-core machine; a busy machine must not fail it.
    testTimeout: 240_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    env: { TZ: 'UTC' },
  },
});
