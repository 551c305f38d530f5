import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One embedded database per worker costs seconds and hundreds of MB: keep workers few.
    pool: 'forks',
    // Share module state within a worker so test files reuse its one embedded database (test/support/db.ts).
    isolate: false,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
