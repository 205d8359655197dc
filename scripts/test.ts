/**
 * `npm test`: every check, in order, stopping at the first failure: types,
 * lint, the i18n check, the site build, unit and API tests (PGlite, and
 * PostgreSQL when TEST_DATABASE_URL is set) with the byte budgets, then the
 * Playwright tests in Chromium.
 */
import { spawnSync } from 'node:child_process';

const bin = (name: string) => `node_modules/.bin/${name}`;
const steps: [string, string, string[]][] = [
  ['types (astro check)', bin('astro'), ['check', '--silent']],
  ['types (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['lint', bin('eslint'), ['.']],
  ['i18n check', process.execPath, ['scripts/i18n-check.ts']],
  ['npm audit (when the registry answers)', process.execPath, ['scripts/audit.ts']],
  ['build', process.execPath, ['scripts/build.ts', '--if-stale']],
  ['unit, API and budget tests (vitest)', bin('vitest'), ['run']],
  ['browser tests (Playwright)', bin('playwright'), ['test']],
  // The short form of `npm run test:crash`: nothing acknowledged is lost across kills.
  ...(process.env.TEST_DATABASE_URL
    ? [['crash test, short (PostgreSQL, SIGKILL)', process.execPath, ['scripts/crash-test.ts', '--cycles', '6']] as [string, string, string[]]]
    : []),
  ['crash test, short (PGlite, SIGTERM)', process.execPath, ['scripts/crash-test.ts', '--driver', 'pglite', '--signal', 'TERM', '--cycles', '3']],
];

if (!process.env.TEST_DATABASE_URL) {
  console.log('TEST_DATABASE_URL is not set: the PostgreSQL tests are skipped (PGlite tests still run).');
}
const started = Date.now();
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}`);
  const t0 = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) {
    console.error(`\n=== FAILED: ${name} (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ok: ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
console.log(`\nall checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
