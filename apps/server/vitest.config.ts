import { defineConfig } from 'vitest/config';

// Each test file gets its own database cloned from a migrated, seeded template (test/global-setup.ts),
// so files run in parallel without seeing each other's writes.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
