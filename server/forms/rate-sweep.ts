import type { DatabaseHandle } from '../db/client.ts';
import { startPeriodic, type PeriodicJob } from '../jobs/periodic.ts';
import type { Logger } from '../logger.ts';
import { rateWindowStart } from './rate-limit.ts';

/**
 * Deletes rate events that have left the window and challenges past their
 * expiry. submit_case deletes a few of each on every call; this minute's run
 * is for when no submission comes, so that a rate event (a network's hash
 * and a minute) never outlives its window by much more than a minute, on
 * public hosts too, which run no retention.
 */
export async function sweepRateEvents(database: Pick<DatabaseHandle, 'query'>, windowMs: number, now: Date): Promise<{ rateEvents: number; challengeUses: number }> {
  const count = async (sql: string, at: Date) => (await database.query<{ n: number }>(`with d as (${sql} returning 1) select count(*)::int as n from d`, [at])).rows[0]?.n ?? 0;
  return {
    rateEvents: await count('delete from rate_events where at < $1', rateWindowStart(now, windowMs)),
    challengeUses: await count('delete from challenge_uses where expires_at <= $1', now),
  };
}

/** Runs {@link sweepRateEvents} every minute. */
export function startRateSweep(database: Pick<DatabaseHandle, 'query'>, windowMs: number, logger: Pick<Logger, 'error'>): PeriodicJob<unknown> {
  return startPeriodic({
    task: () => sweepRateEvents(database, windowMs, new Date()),
    intervalMs: 60_000,
    onError: (error) => logger.error({ msg: 'rate sweep failed', errorName: error.name }),
  });
}
