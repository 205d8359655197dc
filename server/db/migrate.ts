import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import pg, { escapeIdentifier } from 'pg';
import type { DatabaseHandle } from './client.ts';
import { applyGrants, type Queryable } from './grants.ts';
import { writeSubmissionSettings, type SubmissionSettings } from './submission-settings.ts';

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

/** What else a migration run does. */
export interface MigrateOptions {
  /** Written to `submission_settings` after the migrations: the limits `submit_case` applies. */
  settings?: SubmissionSettings | undefined;
}

/** The roles `npm run db:roles` recorded, by kind; empty before it ran (or before the table exists). */
export async function recordedRoles(db: Queryable): Promise<Partial<Record<'owner' | 'public' | 'staff', string>>> {
  try {
    const { rows } = await db.query<{ kind: 'owner' | 'public' | 'staff'; name: string }>('select kind, name from database_roles');
    return Object.fromEntries(rows.map((r) => [r.kind, r.name]));
  } catch {
    return {};
  }
}

/**
 * Applies pending migrations, writes the submission settings when given, and
 * on PostgreSQL gives the application roles recorded by `npm run db:roles`
 * their privileges on whatever the migrations added. On PostgreSQL this runs
 * on one dedicated connection holding an advisory lock, so instances starting
 * at the same time apply each migration once; the others wait and then find
 * nothing to do. Once an owner is recorded, the migrations run as that role
 * (`SET ROLE`; a superuser may), so every object belongs to it and the
 * `SECURITY DEFINER` functions run with its rights, never a superuser's; a
 * login that cannot become the owner cannot migrate.
 */
export async function migrateDatabase(handle: DatabaseHandle, databaseUrl?: string, options: MigrateOptions = {}): Promise<void> {
  if (handle.driver === 'pglite') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    if (options.settings) await writeSubmissionSettings(handle, options.settings);
    return;
  }
  if (!databaseUrl) throw new Error('migrateDatabase: a PostgreSQL handle needs its URL');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const { owner } = await recordedRoles(client);
    if (owner) {
      try {
        await client.query(`set role ${escapeIdentifier(owner)}`);
      } catch {
        throw new Error(`The database's objects belong to the role ${owner} (npm run db:roles): run npm run db:migrate with that role's login`);
      }
    }
    const { rows } = await client.query<{ may: boolean; login: string }>(`select has_database_privilege(current_database(), 'CREATE') as may, session_user as login`);
    if (!rows[0]?.may) throw new Error(`The login ${rows[0]?.login} may not migrate this database: run npm run db:migrate with the owner's login`);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
    if (options.settings) await writeSubmissionSettings(client, options.settings);
    const roles = await recordedRoles(client);
    if (roles.public && roles.staff) {
      await client.query('begin');
      await applyGrants(client, { public: roles.public, staff: roles.staff });
      await client.query('commit');
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/**
 * True when this login may migrate the PostgreSQL database: the owner and a
 * superuser may create in it; the public and staff roles may not (PGlite has
 * one role, which may).
 */
export async function mayMigrate(handle: DatabaseHandle): Promise<boolean> {
  if (handle.driver === 'pglite') return true;
  const { rows } = await handle.query<{ may: boolean }>(`select has_database_privilege(current_database(), 'CREATE') as may`);
  return rows[0]?.may === true;
}

/**
 * The number of migrations recorded as applied, or null before the first
 * one. Asked through `portal_health()`, which the public role may call
 * though it reads no table; a database older than that function is read
 * directly.
 */
export async function appliedMigrations(handle: Pick<DatabaseHandle, 'query'>): Promise<number | null> {
  for (const text of ['select migrations as n from portal_health(now())', 'select count(*) as n from drizzle.__drizzle_migrations']) {
    try {
      const { rows } = await handle.query<{ n: string | number }>(text);
      return Number(rows[0]?.n ?? 0);
    } catch {
      // Not there yet, or not readable by this login: try the next way.
    }
  }
  return null;
}

/** The database is not at the level this build needs, and this login may not migrate it. */
export class MigrationLevelError extends Error {
  override name = 'MigrationLevelError';
}

/**
 * Whether this build can serve a database at `applied`: every migration it
 * expects is there. A database ahead of it is fine: during a rolling upgrade
 * the new build's migrations only expand (add what old code ignores), and
 * what they make obsolete is removed in a later release, once no instance of
 * the old build runs (docs/decisions/0016-expand-then-contract-migrations.md).
 */
export function servesLevel(applied: number | null, expected: number = expectedMigrations()): boolean {
  return applied !== null && applied >= expected;
}

/**
 * Checks, without migrating, that every migration this build expects is
 * applied (a newer build's expand migrations may be there too): what a host
 * whose login may not migrate (ROLE=public, or a staff login) does at start.
 */
export async function requireMigrationLevel(handle: Pick<DatabaseHandle, 'query'>): Promise<number> {
  const applied = await appliedMigrations(handle);
  const expected = expectedMigrations();
  if (!servesLevel(applied, expected)) {
    throw new MigrationLevelError(
      `The database is at migration level ${applied ?? 'unknown'} and this build needs ${expected}: run npm run db:migrate with the owner's login first`,
    );
  }
  return applied!;
}

/**
 * Brings the database to this build's level at start: migrates when `migrate`
 * is allowed and the login may (PGlite's one role, or the owner's login),
 * otherwise only checks the level (a ROLE=public host, or a staff login).
 * Returns what it did.
 */
export async function readyDatabase(
  handle: DatabaseHandle,
  databaseUrl: string | undefined,
  options: { migrate: boolean; settings?: SubmissionSettings | undefined },
): Promise<'migrated' | 'checked'> {
  if (options.migrate && (await mayMigrate(handle))) {
    await migrateDatabase(handle, databaseUrl, { settings: options.settings });
    return 'migrated';
  }
  await requireMigrationLevel(handle);
  return 'checked';
}
