import type { Queryable } from './grants.ts';

/** How long an Idempotency-Key names its case: a day covers any reload or retry of one submission. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** The limits `submit_case` reads from `submission_settings`. */
export interface SubmissionSettings {
  perNetwork: number;
  perWideNetwork: number;
  windowSeconds: number;
  spamPerHour: number;
  floodThresholdPerMinute: number;
  floodHoldMinutes: number;
  idempotencySeconds: number;
}

/** The settings the environment configures (server/env.ts, `submissionLimitVariables`). */
export function submissionSettingsFrom(env: {
  RATE_LIMIT_PER_NETWORK: number;
  RATE_LIMIT_PER_WIDE_NETWORK: number;
  RATE_LIMIT_WINDOW_SECONDS: number;
  RATE_LIMIT_SPAM_PER_HOUR: number;
  FLOOD_THRESHOLD_PER_MINUTE: number;
  FLOOD_HOLD_MINUTES: number;
}): SubmissionSettings {
  return {
    perNetwork: env.RATE_LIMIT_PER_NETWORK,
    perWideNetwork: env.RATE_LIMIT_PER_WIDE_NETWORK,
    windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    spamPerHour: env.RATE_LIMIT_SPAM_PER_HOUR,
    floodThresholdPerMinute: env.FLOOD_THRESHOLD_PER_MINUTE,
    floodHoldMinutes: env.FLOOD_HOLD_MINUTES,
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
    `update submission_settings set per_network = $1, per_wide_network = $2, window_seconds = $3, spam_per_hour = $4,
       flood_threshold_per_minute = $5, flood_hold_minutes = $6, idempotency_seconds = $7, updated_at = now() where id`,
    [settings.perNetwork, settings.perWideNetwork, settings.windowSeconds, settings.spamPerHour, settings.floodThresholdPerMinute, settings.floodHoldMinutes, settings.idempotencySeconds],
  );
}
