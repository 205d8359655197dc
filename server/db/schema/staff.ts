import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Staff accounts. `role`: intake (every new case, routing, assignment), team
 * (their own team queue's cases) or admin (users, audit, statistics). `team`
 * is the queue a team member works in. A user is `pending` until enrolled.
 */
export const staffUsers = pgTable('staff_users', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  email: text('email').notNull().unique(),
  role: text('role').notNull(),
  team: text('team'),
  status: text('status').notNull().default('pending'),
  passwordHash: text('password_hash'),
  totpSecret: text('totp_secret'),
  /** The last TOTP time step accepted: a code is accepted once only. */
  totpLastStep: integer('totp_last_step'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One-time enrolment (or reset) links: only a hash of the token is stored. */
export const enrolments = pgTable('enrolments', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  userId: uuid('user_id')
    .notNull()
    .references(() => staffUsers.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  purpose: text('purpose').notNull().default('enrol'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Single-use recovery codes, hashed. */
export const recoveryCodes = pgTable('recovery_codes', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  userId: uuid('user_id')
    .notNull()
    .references(() => staffUsers.id, { onDelete: 'cascade' }),
  codeHash: text('code_hash').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/** Signed-in sessions: the 256-bit id is stored only as a hash. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * Every sign-in attempt, without the password; keyed hashes instead of the
 * address and email. `throttled`: refused by the throttle before any
 * password was checked; such attempts do not count towards the limits, so a
 * person retrying during a lockout does not extend it.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    at: timestamp('at', { withTimezone: true }).notNull(),
    accountHash: text('account_hash').notNull(),
    clientHash: text('client_hash').notNull(),
    success: boolean('success').notNull(),
    throttled: boolean('throttled').notNull().default(false),
  },
  (t) => [index('login_attempts_account').on(t.accountHash, t.at), index('login_attempts_client').on(t.clientHash, t.at)],
);
