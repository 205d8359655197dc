import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/proof/**/*.test.ts', 'tests/cluster/**/*.test.ts'],
    pool: 'forks',
    // Drops any PostgreSQL test database of this run that a test left behind.
    globalSetup: ['tests/support/database-sweep.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
