import { spawnSync } from 'node:child_process';

/** Drops the browser tests' PostgreSQL database after the run. */
export default function teardown(): void {
  const name = process.env.E2E_DATABASE_NAME;
  if (name) spawnSync(process.execPath, ['tests/e2e/db-admin.ts', 'drop', name], { stdio: 'inherit' });
}
