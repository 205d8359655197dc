import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The limits the submission function `submit_case` applies, in one row that
 * only the database owner writes (at migration time, from the environment:
 * server/db/submission-settings.ts). The function reads them itself, so a
 * caller cannot pass a limit of its own. The checks bound what even the
 * owner may set.
 */
export const submissionSettings = pgTable(
  'submission_settings',
  {
    /** Always true: the table holds one row. */
    id: boolean('id').primaryKey().default(true),
    /** Accepted submissions one network (an IPv4 address, an IPv6 /64) may make in `windowSeconds`. */
    perNetwork: integer('per_network').notNull(),
    /** Accepted submissions one wide network (an IPv4 /24, an IPv6 /48) may make in `windowSeconds`. */
    perWideNetwork: integer('per_wide_network').notNull(),
    windowSeconds: integer('window_seconds').notNull(),
    /** Spam stored per clock hour; past it spam is counted but not stored. */
    spamPerHour: integer('spam_per_hour').notNull(),
    /** Accepted submissions in one minute that put the site into flood mode, and for how many minutes. */
    floodThresholdPerMinute: integer('flood_threshold_per_minute').notNull(),
    floodHoldMinutes: integer('flood_hold_minutes').notNull(),
    /** How long an Idempotency-Key names its case. */
    idempotencySeconds: integer('idempotency_seconds').notNull(),
    /**
     * How far the caller's clock may be from the database's. Two minutes in
     * every deployment; only a test that moves its own clock widens it, in its
     * own database.
     */
    clockToleranceSeconds: integer('clock_tolerance_seconds').notNull().default(120),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('submission_settings_one_row', sql`${t.id}`),
    check('submission_settings_per_network', sql`${t.perNetwork} between 1 and 1000000000`),
    check('submission_settings_per_wide_network', sql`${t.perWideNetwork} between 1 and 1000000000`),
    check('submission_settings_window', sql`${t.windowSeconds} between 60 and 86400`),
    check('submission_settings_spam', sql`${t.spamPerHour} between 0 and 1000000000`),
    check('submission_settings_flood_threshold', sql`${t.floodThresholdPerMinute} between 1 and 1000000000`),
    check('submission_settings_flood_hold', sql`${t.floodHoldMinutes} between 1 and 60`),
    check('submission_settings_idempotency', sql`${t.idempotencySeconds} between 60 and 604800`),
    check('submission_settings_clock', sql`${t.clockToleranceSeconds} between 1 and 315360000`),
  ],
);

/**
 * The PostgreSQL roles as `npm run db:roles` created them (`owner`, `public`,
 * `staff`), so that `npm run db:migrate` creates objects as the owner and
 * grants the others what a new migration adds. Only the owner reads or
 * writes it.
 */
export const databaseRoles = pgTable(
  'database_roles',
  {
    kind: text('kind').primaryKey(),
    name: text('name').notNull(),
  },
  (t) => [check('database_roles_kind', sql`${t.kind} in ('owner', 'public', 'staff')`)],
);
