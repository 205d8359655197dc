import { randomBytes, createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../server/db/client.ts';
import { migrateDatabase, migrationsFolder } from '../../server/db/migrate.ts';
import { RUN_ID_VARIABLE } from './database-sweep.ts';

/** The PostgreSQL server for tests, or undefined: those tests then say they were skipped. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

/** The database kinds a test suite runs against: PGlite always, PostgreSQL when configured. */
export const databaseKinds = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

/** A fresh, migrated database of its own for one test file, and how to drop it. */
export interface TestDatabase {
  handle: DatabaseHandle;
  /** The URL for PostgreSQL (for a second process or connection); undefined for PGlite. */
  url: string | undefined;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}

// The template's name carries a hash of the migrations, so a changed schema gets a new template.
function templateName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(readFileSync(join(migrationsFolder, file)));
  }
  return `anchor_tpl_${hash.digest('hex').slice(0, 12)}`;
}

async function ensureTemplate(adminUrl: string): Promise<string> {
  const name = templateName();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Serialise template creation across parallel test files and runs.
    await admin.query('select pg_advisory_lock(7245901114)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_building_${randomBytes(4).toString('hex')}`;
      await admin.query(`create database "${building}"`);
      const url = withDatabase(adminUrl, building);
      const handle = await openDatabase({ databaseUrl: url, poolSize: 1 });
      await migrateDatabase(handle, url);
      await handle.close();
      await admin.query(`alter database "${building}" rename to "${name}"`);
    }
    return name;
  } finally {
    await admin.query('select pg_advisory_unlock(7245901114)').catch(() => {});
    await admin.end();
  }
}

/** This Vitest run's id and an underscore (tests/support/database-sweep.ts drops what carries it), or nothing outside Vitest. */
const runPrefix = () => (process.env[RUN_ID_VARIABLE] ? `${process.env[RUN_ID_VARIABLE]}_` : '');

/**
 * Creates a database for one test file: PGlite in memory with the real
 * migrations, or a PostgreSQL database copied from a migrated template
 * (drizzle-kit's SQL names the public schema, so a schema per run would not
 * isolate). Dropped afterwards so runs never collide.
 */
export async function createTestDatabase(kind: DatabaseKind, poolSize = 10): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(handle);
    return { handle, url: undefined, drop: () => handle.close() };
  }
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const template = await ensureTemplate(testDatabaseUrl);
  const name = `anchor_test_${runPrefix()}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${template}"`);
  await admin.end();
  const url = withDatabase(testDatabaseUrl, name);
  const handle = await openDatabase({ databaseUrl: url, poolSize });
  return {
    handle,
    url,
    drop: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: testDatabaseUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

/** Creates an empty PostgreSQL database (no migrations), for tests of migrating itself. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `anchor_empty_${runPrefix()}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  return {
    url: withDatabase(testDatabaseUrl, name),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: testDatabaseUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
