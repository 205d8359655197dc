import pg, { escapeIdentifier } from 'pg';
import { openDatabase } from './client.ts';
import { applyGrants } from './grants.ts';
import { expectedMigrations, migrateDatabase } from './migrate.ts';
import type { SubmissionSettings } from './submission-settings.ts';

/** The three PostgreSQL roles of a deployment. */
export interface RoleNames {
  /** Owns every object and runs the migrations. */
  owner: string;
  /** The internet-facing hosts' login: the submission and health functions only. */
  public: string;
  /** The staff hosts' login: the staff API, the outbox and retention. */
  staff: string;
}

/** A role name refused before anything was done. */
export class RoleNameError extends Error {
  override name = 'RoleNameError';
}

const roleName = /^[a-z_][a-z0-9_]{0,62}$/;

/** Checks the names: three different plain PostgreSQL identifiers. */
export function checkRoleNames(names: Partial<RoleNames>): RoleNames {
  for (const kind of ['owner', 'public', 'staff'] as const) {
    const name = names[kind];
    if (!name) throw new RoleNameError(`--${kind} is required`);
    if (!roleName.test(name) || name.startsWith('pg_')) {
      throw new RoleNameError(`--${kind} ${JSON.stringify(name)} must be lower-case letters, digits and _ (not starting with pg_), at most 63`);
    }
  }
  const n = names as RoleNames;
  if (new Set([n.owner, n.public, n.staff]).size !== 3) throw new RoleNameError('--owner, --public and --staff must be three different roles');
  return n;
}

// Login roles with nothing else: not superuser, cannot create databases or roles, no replication, no row-security bypass.
const plainLogin = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

async function ensureRole(client: pg.Client, name: string): Promise<'created' | 'updated'> {
  const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [name]);
  const id = escapeIdentifier(name);
  if (rowCount === 0) {
    await client.query(`create role ${id} ${plainLogin}`);
    return 'created';
  }
  await client.query(`alter role ${id} ${plainLogin}`);
  return 'updated';
}

/**
 * Hands every table, sequence, view and function of the `public` and
 * `drizzle` schemas to the owner, so that it can migrate and grant, and the
 * `SECURITY DEFINER` functions run with its rights.
 */
async function transferOwnership(client: pg.Client, owner: string): Promise<number> {
  const to = escapeIdentifier(owner);
  const { rows: relations } = await client.query<{ kind: string; name: string }>(
    `select c.relkind as kind, format('%I.%I', n.nspname, c.relname) as name
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p', 'v', 'm', 'S')
       and pg_get_userbyid(c.relowner) <> $1
       -- A sequence owned by a table's column moves with its table.
       and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i') and c.relkind = 'S')`,
    [owner],
  );
  for (const r of relations) {
    const what = r.kind === 'S' ? 'sequence' : r.kind === 'v' ? 'view' : r.kind === 'm' ? 'materialized view' : 'table';
    await client.query(`alter ${what} ${r.name} owner to ${to}`);
  }
  const { rows: functions } = await client.query<{ signature: string }>(
    `select p.oid::regprocedure::text as signature from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and pg_get_userbyid(p.proowner) <> $1`,
    [owner],
  );
  for (const f of functions) await client.query(`alter function ${f.signature} owner to ${to}`);
  const { rowCount } = await client.query(`select 1 from pg_namespace where nspname = 'drizzle' and pg_get_userbyid(nspowner) <> $1`, [owner]);
  if (rowCount) await client.query(`alter schema drizzle owner to ${to}`);
  return relations.length + functions.length + (rowCount ?? 0);
}

/** What `npm run db:roles` did. */
export interface RolesReport {
  roles: Record<keyof RoleNames, 'created' | 'updated'>;
  ownershipTransferred: number;
  migrations: number;
}

/**
 * `npm run db:roles`: creates (or brings back to what they should be) the
 * owner, public and staff roles, brings the schema up to date as the owner,
 * and grants the application roles exactly what server/db/grants.ts
 * declares. Idempotent: run it again after changing a name's privileges or
 * to repair them. Needs a superuser's URL; PostgreSQL only (PGlite has one
 * role).
 */
export async function setUpRoles(adminUrl: string, names: RoleNames, settings: SubmissionSettings): Promise<RolesReport> {
  const [owner, pub, staff] = [names.owner, names.public, names.staff].map((n) => escapeIdentifier(n));
  const roles = {} as RolesReport['roles'];
  let moved = 0;
  await withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ super: boolean; db: string }>('select rolsuper as super, current_database() as db from pg_roles where rolname = current_user');
    if (!rows[0]?.super) throw new RoleNameError('npm run db:roles needs a superuser login in DATABASE_URL (it creates roles and hands objects to the owner)');
    const db = escapeIdentifier(rows[0].db);
    for (const kind of ['owner', 'public', 'staff'] as const) roles[kind] = await ensureRole(client, names[kind]);
    // The application roles inherit nothing: a membership would bring its privileges along.
    for (const kind of ['public', 'staff'] as const) {
      const { rows: memberships } = await client.query<{ role: string }>(
        `select r.rolname as role from pg_auth_members m join pg_roles r on r.oid = m.roleid join pg_roles u on u.oid = m.member where u.rolname = $1`,
        [names[kind]],
      );
      for (const m of memberships) await client.query(`revoke ${escapeIdentifier(m.role)} from ${escapeIdentifier(names[kind])}`);
    }
    // Only these roles connect; only the owner creates objects or temporary tables.
    await client.query(`revoke all on database ${db} from public`);
    await client.query(`grant connect, create, temporary on database ${db} to ${owner}`);
    await client.query(`grant connect on database ${db} to ${pub}, ${staff}`);
    await client.query(`revoke create on schema public from public`);
    await client.query(`grant usage, create on schema public to ${owner}`);
    moved += await transferOwnership(client, names.owner);
    // Recorded before migrating, so that the pending migrations run as the owner (once the table exists).
    await recordRoles(client, names);
  });
  const handle = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
  try {
    await migrateDatabase(handle, adminUrl, { settings });
  } finally {
    await handle.close();
  }
  await withClient(adminUrl, async (client) => {
    await client.query('begin');
    // Objects a first migration created as the superuser (no owner was recorded yet) go to the owner too.
    moved += await transferOwnership(client, names.owner);
    await recordRoles(client, names);
    await applyGrants(client, names);
    await client.query(`alter default privileges for role ${owner} revoke execute on functions from public`);
    await client.query('commit');
  });
  return { roles, ownershipTransferred: moved, migrations: expectedMigrations() };
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Writes the role names to `database_roles`, once a migration has made the table. */
async function recordRoles(client: pg.Client, names: RoleNames): Promise<void> {
  const { rows } = await client.query<{ exists: boolean }>(`select to_regclass('public.database_roles') is not null as exists`);
  if (!rows[0]?.exists) return;
  for (const kind of ['owner', 'public', 'staff'] as const) {
    await client.query(`insert into database_roles (kind, name) values ($1, $2) on conflict (kind) do update set name = excluded.name`, [kind, names[kind]]);
  }
}
