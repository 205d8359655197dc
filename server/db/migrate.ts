import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { DatabaseHandle } from './client.ts';

/** Folder of the generated, committed migrations. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// An arbitrary constant: every instance of the portal takes the same lock.
const MIGRATION_LOCK = 7_245_901_113;

/** How many migrations this build of the code expects to be applied. */
export function expectedMigrations(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * Applies pending migrations. On PostgreSQL this runs on one dedicated
 * connection holding an advisory lock, so instances starting at the same
 * time apply each migration once; the others wait and then find nothing to do.
 */
export async function migrateDatabase(handle: DatabaseHandle, databaseUrl?: string): Promise<void> {
  if (handle.driver === 'pglite') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  if (!databaseUrl) throw new Error('migrateDatabase: a PostgreSQL handle needs its URL');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/** The number of migrations recorded as applied, or null before the first one. */
export async function appliedMigrations(handle: DatabaseHandle): Promise<number | null> {
  try {
    const { rows } = await handle.query<{ n: string | number }>(
      'select count(*) as n from drizzle.__drizzle_migrations',
    );
    return Number(rows[0]?.n ?? 0);
  } catch {
    return null;
  }
}
