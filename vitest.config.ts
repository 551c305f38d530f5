import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One embedded database per worker costs seconds and hundreds of MB: keep workers few.
    pool: 'forks',
    // Share module state within a worker so test files reuse its one embedded database (test/support/db.ts).
    isolate: false,
    maxWorkers: 2,
    // Browser tests walk many pages with axe; on a loaded 2-core machine one can take a minute or more.
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
