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
    /** Accepted submissions one client may make in `windowSeconds`. */
    perClient: integer('per_client').notNull(),
    windowSeconds: integer('window_seconds').notNull(),
    /** Accepted submissions the whole site takes in one clock hour. */
    sitePerHour: integer('site_per_hour').notNull(),
    /** How long an Idempotency-Key names its case. */
    idempotencySeconds: integer('idempotency_seconds').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('submission_settings_one_row', sql`${t.id}`),
    check('submission_settings_per_client', sql`${t.perClient} between 1 and 1000000000`),
    check('submission_settings_window', sql`${t.windowSeconds} between 1 and 86400`),
    check('submission_settings_site', sql`${t.sitePerHour} between 1 and 1000000000`),
    check('submission_settings_idempotency', sql`${t.idempotencySeconds} between 60 and 604800`),
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
