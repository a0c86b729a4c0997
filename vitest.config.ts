import { defineConfig } from 'vitest/config';

/**
 * Two projects, kept apart: `unit` runs the fast Node-side tests (core, relay,
 * extension logic on fake IndexedDB); `e2e` drives the built extension in Debian's
 * Chromium, one file at a time because each spec launches its own browsers.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/setup/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/core/**/*.test.ts', 'test/sync-server/**/*.test.ts', 'test/extension/**/*.test.ts', 'test/soak/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.spec.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
