import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

// Raw SQL, not a column reference: drizzle-kit writes a partial index's condition as given.
const openCase = sql.raw(`"status" not in ('closed', 'spam')`);

/**
 * A request from a form. Everything personal (names, contact details, free
 * text) is sealed to the intake public key in `sealed*`; the plain columns hold
 * only what the queue list and routing need.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    reference: text('reference').notNull().unique(),
    kind: text('kind').notNull(),
    locale: text('locale').notNull(),
    status: text('status').notNull().default('new'),
    writer: text('writer').notNull(),
    categories: text('categories').array().notNull(),
    ageBand: text('age_band'),
    urgency: text('urgency').notNull(),
    interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
    contactLanguage: text('contact_language'),
    proposedQueue: text('proposed_queue').notNull(),
    /** The queue an intake worker confirmed; null until then. */
    queue: text('queue'),
    /** The queue the case is in: the confirmed one, else the proposal (computed, so PostgreSQL keeps statistics on it). */
    effectiveQueue: text('effective_queue').generatedAlwaysAs(sql`coalesce(queue, proposed_queue)`),
    priority: integer('priority').notNull(),
    assigneeId: uuid('assignee_id'),
    outcome: text('outcome'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    /** Working days from arrival to first contact (server/time/calendar.ts), kept for the statistics. */
    firstContactDays: integer('first_contact_days'),
    /** Another case about the same child, shown side by side. */
    linkedCaseId: uuid('linked_case_id'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    sealedKeyId: text('sealed_key_id').notNull(),
    sealedEphemeralKey: bytea('sealed_ephemeral_key').notNull(),
    sealedNonce: bytea('sealed_nonce').notNull(),
    sealedCiphertext: bytea('sealed_ciphertext').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('cases_queue_order').on(t.status, t.priority, t.dueAt, t.id),
    index('cases_created_at').on(t.createdAt),
    // The staff queue lists open cases in (priority, due_at, id) order with keyset
    // pagination; these partial indexes serve it without a sort, whole or by queue or assignee.
    index('cases_open_order').on(t.priority, t.dueAt, t.id).where(openCase),
    index('cases_open_queue_order').on(t.effectiveQueue, t.priority, t.dueAt, t.id).where(openCase),
    index('cases_open_assignee_order').on(t.assigneeId, t.priority, t.dueAt, t.id).where(openCase),
    // status=all (closed ones too): every case but spam.
    index('cases_listed_order').on(t.priority, t.dueAt, t.id).where(sql.raw(`"status" <> 'spam'`)),
    // Retention and the spam review.
    index('cases_closed_at').on(t.closedAt).where(sql`${t.status} = 'closed'`),
    index('cases_spam_created').on(t.createdAt, t.id).where(sql`${t.status} = 'spam'`),
    index('cases_linked').on(t.linkedCaseId).where(sql`${t.linkedCaseId} is not null`),
  ],
);

/**
 * A repeated submit with the same Idempotency-Key returns the first reference.
 * The key is hashed with the form kind and the client's network, so a key
 * names a case only for that network; `body_hash` is the hash of the answers
 * it was first sent with, and a different body under the key is refused (409).
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  keyHash: text('key_hash').primaryKey(),
  reference: text('reference').notNull(),
  bodyHash: text('body_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Flood challenges already used (a proof of work counts once); kept until the challenge expires. */
export const challengeUses = pgTable(
  'challenge_uses',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('challenge_uses_expires_at').on(t.expiresAt)],
);

/** Work to do after a case commits (the team's notification email); at least once. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_pending').on(t.nextAttemptAt).where(sql`${t.sentAt} is null`)],
);

/**
 * Accepted submissions per network: keyed hashes of the client's network
 * (IPv4 address, IPv6 /64) and wide network (IPv4 /24, IPv6 /48), never an
 * address. `at` is the minute, not the moment, so it cannot be joined to a
 * case's `created_at`; a row is deleted once it leaves the rate window.
 */
export const rateEvents = pgTable(
  'rate_events',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    clientHash: text('client_hash').notNull(),
    wideHash: text('wide_hash').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_events_client_at').on(t.clientHash, t.at), index('rate_events_wide_at').on(t.wideHash, t.at), index('rate_events_at').on(t.at)],
);

/**
 * Site-wide counters, split over shards so that concurrent submissions do
 * not all wait on one locked row: `case` counts accepted submissions per
 * minute (flood mode reads them), `spam` stored spam per clock hour (its
 * ceiling reads them).
 */
export const rateCounters = pgTable(
  'rate_counters',
  {
    scope: text('scope').notNull(),
    window: timestamp('window', { withTimezone: true }).notNull(),
    shard: integer('shard').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.window, t.shard] })],
);
