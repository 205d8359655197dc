import type { Queryable } from './grants.ts';

/** How long an Idempotency-Key names its case: a day covers any reload or retry of one submission. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** The limits `submit_case` reads from `submission_settings`. */
export interface SubmissionSettings {
  perClient: number;
  windowSeconds: number;
  sitePerHour: number;
  idempotencySeconds: number;
}

/** The settings the environment configures (server/env.ts: RATE_LIMIT_*). */
export function submissionSettingsFrom(env: {
  RATE_LIMIT_PER_CLIENT: number;
  RATE_LIMIT_WINDOW_SECONDS: number;
  RATE_LIMIT_SITE_PER_HOUR: number;
}): SubmissionSettings {
  return {
    perClient: env.RATE_LIMIT_PER_CLIENT,
    windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    sitePerHour: env.RATE_LIMIT_SITE_PER_HOUR,
    idempotencySeconds: IDEMPOTENCY_TTL_SECONDS,
  };
}

/**
 * Writes the settings row. Only the owner (or a superuser) may: the
 * application roles hold no privilege on the table. The table's checks
 * refuse a value out of bounds.
 */
export async function writeSubmissionSettings(db: Queryable, settings: SubmissionSettings): Promise<void> {
  await db.query(
    `update submission_settings set per_client = $1, window_seconds = $2, site_per_hour = $3, idempotency_seconds = $4, updated_at = now() where id`,
    [settings.perClient, settings.windowSeconds, settings.sitePerHour, settings.idempotencySeconds],
  );
}
