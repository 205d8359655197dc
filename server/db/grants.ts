import { escapeIdentifier } from 'pg';

/** What a role may do on one table: whole privileges, or UPDATE on the listed columns only. */
export interface TablePrivileges {
  select?: true;
  insert?: true;
  /** True: every column; a list: only these columns (the others cannot be changed). */
  update?: true | readonly string[];
  delete?: true;
}

/**
 * The staff role's privileges, table by table: what the staff API, the
 * outbox worker and retention use, and no more. A case's `reference`,
 * `kind` and sealed columns are written once by `submit_case` and never
 * updated: staff may change only the casework columns listed here. The audit
 * trail, notes and events are append-only for the staff role.
 *
 * Every table in the schema must appear here or in {@link ownerOnlyTables}:
 * applying the grants refuses a table nobody has classified.
 */
export const staffTablePrivileges: Readonly<Record<string, TablePrivileges>> = {
  cases: {
    select: true,
    delete: true,
    update: ['queue', 'status', 'assignee_id', 'outcome', 'closed_at', 'first_contact_at', 'first_contact_days', 'linked_case_id', 'version', 'updated_at'],
  },
  idempotency_keys: { select: true, delete: true },
  outbox: { select: true, insert: true, update: ['attempts', 'next_attempt_at', 'lease_until', 'sent_at', 'last_error'] },
  rate_events: { select: true, delete: true },
  rate_counters: { select: true, delete: true },
  challenge_uses: { select: true, delete: true },
  audit_log: { select: true, insert: true },
  case_events: { select: true, insert: true },
  case_notes: { select: true, insert: true },
  stats_monthly: { select: true, insert: true, update: ['cases', 'closed', 'closed_inside_due'] },
  stats_first_contact: { select: true, insert: true, update: ['cases'] },
  staff_users: { select: true, insert: true, update: ['status', 'password_hash', 'totp_secret', 'totp_last_step', 'updated_at'] },
  enrolments: { select: true, insert: true, update: ['used_at'] },
  recovery_codes: { select: true, insert: true, update: ['used_at'], delete: true },
  sessions: { select: true, insert: true, update: ['last_seen_at'], delete: true },
  login_attempts: { select: true, insert: true, update: ['success'], delete: true },
};

/** Tables no application role touches: the owner's settings and the record of the roles. */
export const ownerOnlyTables: readonly string[] = ['submission_settings', 'database_roles'];

/**
 * Functions by name, and the roles that may execute them. The public role
 * may call only these three: it stores a submission, records why a spam
 * submission was held, and reads the migration level and flood mode, and holds no table privilege at all. The staff role calls
 * `submit_case` too, so that a `ROLE=all` host works with the staff login.
 */
export const functionGrants: Readonly<Record<string, readonly ('public' | 'staff')[]>> = {
  submit_case: ['public', 'staff'],
  portal_health: ['public', 'staff'],
  // Why a stored case was held as spam (server/casework/spam.ts), recorded by the host that stored it.
  record_held: ['public', 'staff'],
};

/** The application's login roles, by kind. */
export interface ApplicationRoles {
  public: string;
  staff: string;
}

/** Anything that runs SQL: a pg client or pool. */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/** The statements that give the roles exactly their privileges (after revoking everything). */
export function grantStatements(roles: ApplicationRoles, tables: readonly string[], functions: readonly { name: string; signature: string }[]): string[] {
  const pub = escapeIdentifier(roles.public);
  const staff = escapeIdentifier(roles.staff);
  const unknown = tables.filter((t) => !Object.hasOwn(staffTablePrivileges, t) && !ownerOnlyTables.includes(t));
  if (unknown.length > 0) {
    throw new Error(`No grants are declared for table(s) ${unknown.join(', ')}: add them to server/db/grants.ts`);
  }
  const statements = [
    // Start from nothing: a privilege dropped from the lists above is taken back.
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${pub}, ${staff}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${pub}, ${staff}`,
    `REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC, ${pub}, ${staff}`,
    `GRANT USAGE ON SCHEMA public TO ${pub}, ${staff}`,
  ];
  for (const table of tables) {
    const p = staffTablePrivileges[table];
    if (!p) continue;
    const whole = [p.select && 'SELECT', p.insert && 'INSERT', p.update === true && 'UPDATE', p.delete && 'DELETE'].filter(Boolean);
    if (whole.length > 0) statements.push(`GRANT ${whole.join(', ')} ON TABLE public.${escapeIdentifier(table)} TO ${staff}`);
    if (Array.isArray(p.update)) {
      statements.push(`GRANT UPDATE (${p.update.map((c) => escapeIdentifier(c)).join(', ')}) ON TABLE public.${escapeIdentifier(table)} TO ${staff}`);
    }
  }
  for (const fn of functions) {
    const granted = functionGrants[fn.name] ?? [];
    for (const kind of granted) statements.push(`GRANT EXECUTE ON FUNCTION ${fn.signature} TO ${kind === 'public' ? pub : staff}`);
  }
  return statements;
}

/**
 * Gives the public and staff roles exactly the privileges declared above on
 * every table and function of the schema, revoking whatever else they (or
 * PUBLIC, for functions) held. Run by `npm run db:roles` and after every
 * `npm run db:migrate`, by the owner or a superuser, inside the caller's
 * transaction.
 */
export async function applyGrants(db: Queryable, roles: ApplicationRoles): Promise<void> {
  const { rows: tables } = await db.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') order by 1`,
  );
  const { rows: functions } = await db.query<{ name: string; signature: string }>(
    `select p.proname as name, p.oid::regprocedure::text as signature from pg_proc p
     join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' order by 1, 2`,
  );
  for (const statement of grantStatements(roles, tables.map((t) => t.name), functions)) await db.query(statement);
}
