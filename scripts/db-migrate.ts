/**
 * `npm run db:migrate`: applies pending migrations with the owner's login
 * (DATABASE_URL; on PGlite, the embedded database in DATA_DIR), writes the
 * submission limits (RATE_LIMIT_*) for submit_case, and grants the roles
 * `npm run db:roles` recorded whatever the migrations added.
 */
import { openDatabase } from '../server/db/client.ts';
import { acquireDataDirLock } from '../server/db/lock.ts';
import { appliedMigrations, migrateDatabase } from '../server/db/migrate.ts';
import { submissionSettingsFrom } from '../server/db/submission-settings.ts';
import { ConfigError, loadEnv, submissionLimitVariables } from '../server/env.ts';

try {
  // Only what migrating needs: a production host's other settings are not required here.
  const names = ['DATABASE_URL', 'DATA_DIR', ...Object.keys(submissionLimitVariables.shape)];
  const env = loadEnv(Object.fromEntries(names.map((name) => [name, process.env[name]])));
  const release = env.DATABASE_URL ? () => {} : acquireDataDirLock(env.DATA_DIR, 'npm run db:migrate');
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: 1 });
  try {
    await migrateDatabase(handle, env.DATABASE_URL, { settings: submissionSettingsFrom(env) });
    console.log(`${handle.description}: migration level ${await appliedMigrations(handle)}`);
  } finally {
    await handle.close();
    release();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `db:migrate failed: ${(error as Error).message}`);
  process.exitCode = error instanceof ConfigError ? 78 : 1;
}
