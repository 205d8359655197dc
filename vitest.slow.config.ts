import { defineConfig } from 'vitest/config';

/** `npm run test:slow`: tests that wait out real timeouts against real processes, one file at a time. */
export default defineConfig({
  test: {
    include: ['tests/slow/**/*.slow.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
