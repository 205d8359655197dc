import type { DatabaseHandle } from '../../server/db/client.ts';

/**
 * The tables a refused request must leave exactly as they were. Left out on
 * purpose: rate_events and rate_counters (counting is their job),
 * login_attempts (a refused sign-in is recorded) and audit_log (a refused
 * view is not logged, but an accepted one is, and the log only grows).
 */
export const guardedTables = ['cases', 'case_notes', 'case_events', 'outbox', 'idempotency_keys', 'staff_users', 'sessions', 'enrolments', 'recovery_codes'] as const;

/** A guarded table's name. */
export type GuardedTable = (typeof guardedTables)[number];

// One cheap fingerprint per table: a count and an md5 over the columns that a
// change would touch (the sealed blobs are written once, so they are left out
// to keep the query cheap).
const fingerprints: Record<GuardedTable, string> = {
  cases: `select count(*)::int as n, md5(coalesce(string_agg(concat_ws(',', id, reference, status, queue, proposed_queue, priority, assignee_id, outcome, closed_at, first_contact_at, first_contact_days, linked_case_id, due_at, updated_at, version), '|' order by id), '')) as h from cases`,
  case_notes: `select count(*)::int as n, md5(coalesce(string_agg(concat_ws(',', id, case_id, author_id, created_at, sealed_key_id), '|' order by id), '')) as h from case_notes`,
  case_events: `select count(*)::int as n, md5(coalesce(string_agg(concat_ws(',', id, case_id, at, actor_id, type, detail::text), '|' order by id), '')) as h from case_events`,
  outbox: `select count(*)::int as n, md5(coalesce(string_agg(concat_ws(',', id, case_id, kind, attempts, next_attempt_at, lease_until, sent_at, last_error), '|' order by id), '')) as h from outbox`,
  idempotency_keys: `select count(*)::int as n, md5(coalesce(string_agg(concat_ws(',', key_hash, reference, created_at, expires_at), '|' order by key_hash), '')) as h from idempotency_keys`,
  staff_users: `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by id), '')) as h from staff_users t`,
  // Using a session moves its last_seen_at (that is the idle timeout working), and an
  // expired session is deleted when it is presented: neither is a change a refusal makes.
  // Sessions created before `$1` (the expired fixtures) are left out for that reason.
  sessions: `select count(*)::int as n, md5(coalesce(string_agg(concat_ws(',', id_hash, user_id, created_at), '|' order by id_hash), '')) as h from sessions where created_at >= $1`,
  enrolments: `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by id), '')) as h from enrolments t`,
  recovery_codes: `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by id), '')) as h from recovery_codes t`,
};

const stateQuery = `select ${guardedTables.map((t) => `(select row(n, h)::text from (${fingerprints[t].replace('$1', '$1::timestamptz')}) f) as "${t}"`).join(', ')}`;

/** Each guarded table's row count and content hash, in one round trip. */
export type TableState = Record<GuardedTable, string>;

/**
 * The fingerprint of every guarded table. `sessionsSince`: sessions created
 * before it are not counted (a test's deliberately expired sessions).
 */
export async function tableState(handle: DatabaseHandle, sessionsSince = new Date(0)): Promise<TableState> {
  const { rows } = await handle.query<TableState>(stateQuery, [sessionsSince.toISOString()]);
  return rows[0]!;
}

/** The guarded tables whose fingerprint differs between two states. */
export function changedTables(before: TableState, after: TableState): GuardedTable[] {
  return guardedTables.filter((t) => before[t] !== after[t]);
}
