import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * What happened to a case: routing, assignment, status changes, contact
 * attempts, notes added, links. `detail` holds only choices from fixed lists
 * (statuses, queues, methods, outcomes) and ids, never free text; free text
 * written by staff (a routing reason) is sealed in `sealed*` like the case,
 * with `<reference>/event/<id>` as additional data. Deleted with the case.
 */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The staff user; no foreign key, so that the history survives an account's removal. */
    actorId: uuid('actor_id'),
    type: text('type').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    sealedKeyId: text('sealed_key_id'),
    sealedEphemeralKey: bytea('sealed_ephemeral_key'),
    sealedNonce: bytea('sealed_nonce'),
    sealedCiphertext: bytea('sealed_ciphertext'),
  },
  (t) => [index('case_events_case').on(t.caseId, t.at)],
);

/**
 * Staff notes on a case, sealed to the intake public key like the case's own
 * answers, with `<reference>/note/<id>` as additional data: a note cannot be
 * moved to another case or swapped with another note. Deleted with the case.
 */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sealedKeyId: text('sealed_key_id').notNull(),
    sealedEphemeralKey: bytea('sealed_ephemeral_key').notNull(),
    sealedNonce: bytea('sealed_nonce').notNull(),
    sealedCiphertext: bytea('sealed_ciphertext').notNull(),
  },
  (t) => [index('case_notes_case').on(t.caseId, t.createdAt)],
);

/**
 * The audit trail: every view of a case's personal data and every change,
 * appended under an advisory lock with `seq` one more than the last entry and
 * `mac` = HMAC-SHA256(AUDIT_MAC_KEY, previous mac + canonical form of this
 * entry) (see server/audit/chain.ts). `case_id` has NO foreign key: the
 * trail outlives the case (Client Data Act 703/2023 s.11: who has seen one's
 * data). `actor_id` is null for the system (retention).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    caseId: uuid('case_id'),
    /** The case reference, so that a request by reference can be answered after the case is deleted. */
    caseReference: text('case_reference'),
    purpose: text('purpose'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    mac: text('mac').notNull(),
  },
  (t) => [index('audit_log_case').on(t.caseId, t.seq), index('audit_log_reference').on(t.caseReference, t.seq)],
);

/**
 * Monthly statistics of cases that retention has deleted, one row per month
 * (of arrival, Helsinki time), dimension (`total`, `queue`, `kind`,
 * `category`, `language`) and value. A case is added here in the same
 * transaction that deletes it, so the live statistics (aggregates plus the
 * cases still stored) count every case exactly once. No personal data.
 */
export const statsMonthly = pgTable(
  'stats_monthly',
  {
    month: text('month').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    cases: integer('cases').notNull().default(0),
    closed: integer('closed').notNull().default(0),
    closedInsideDue: integer('closed_inside_due').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.dimension, t.value] })],
);

/**
 * The distribution of working days from arrival to first contact of deleted
 * cases (a histogram, so that the median stays exact after deletion).
 */
export const statsFirstContact = pgTable(
  'stats_first_contact',
  {
    month: text('month').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    workingDays: integer('working_days').notNull(),
    cases: integer('cases').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.dimension, t.value, t.workingDays] })],
);
