import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['common/src/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on PostgreSQL, not the CPU: three at once on a 2-core machine halve the run (383 s → 174 s).
    maxWorkers: 3,
  },
});
