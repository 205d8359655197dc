import { defineConfig } from 'vitest/config';

/** `npm run test:slow`: tests that wait out real timeouts against real processes, one file at a time. */
export default defineConfig({
  test: {
    // The cluster test's long form: more submissions through the same kills (tests/cluster).
    include: ['tests/slow/**/*.slow.test.ts', 'tests/cluster/**/*.test.ts'],
    env: { CLUSTER_SUBMISSIONS: '400' },
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
