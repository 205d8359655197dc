import { randomBytes } from 'node:crypto';
import pg, { escapeIdentifier } from 'pg';
import { openDatabase } from '../../server/db/client.ts';
import { setUpRoles, type RoleNames } from '../../server/db/roles.ts';
import { submissionSettingsFrom } from '../../server/db/submission-settings.ts';
import { loadEnv } from '../../server/env.ts';
import { testDatabaseUrl, type TestDatabase } from './databases.ts';

/** The three roles of one test run on one PostgreSQL test database, and logins as each. */
export interface TestRoles {
  names: RoleNames;
  /** The test database's URL, logged in as that role (the test server trusts local logins). */
  urlAs(kind: keyof RoleNames): string;
  /** The database, opened as that role, as a TestDatabase whose drop() only closes it. */
  openAs(kind: keyof RoleNames, poolSize?: number): Promise<TestDatabase>;
  /** Drops the database (every object the roles own or were granted), then the roles. */
  drop(): Promise<void>;
}

/** Fresh role names: roles are cluster-wide, so each run has its own. */
export function uniqueRoleNames(): RoleNames {
  const run = `anchor_t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return { owner: `${run}_owner`, public: `${run}_public`, staff: `${run}_staff` };
}

/** Drops roles by name (after their database is gone), ignoring those already gone. */
export async function dropRoles(names: RoleNames): Promise<void> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    for (const name of [names.public, names.staff, names.owner]) await admin.query(`drop role if exists ${escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
}

/** Runs `setUpRoles` (what `npm run db:roles` does) on a test database with unique role names. */
export async function createTestRoles(database: TestDatabase, names = uniqueRoleNames()): Promise<TestRoles> {
  if (!database.url) throw new Error('roles need PostgreSQL');
  const url = database.url;
  await setUpRoles(url, names, submissionSettingsFrom(loadEnv({})));
  const urlAs = (kind: keyof RoleNames) => {
    const u = new URL(url);
    u.username = names[kind];
    u.password = '';
    return u.href;
  };
  return {
    names,
    urlAs,
    openAs: async (kind, poolSize = 5) => {
      const handle = await openDatabase({ databaseUrl: urlAs(kind), poolSize });
      return { handle, url: urlAs(kind), drop: () => handle.close() };
    },
    drop: async () => {
      await database.drop();
      await dropRoles(names);
    },
  };
}
