import type { DatabaseHandle } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { floodSince, type RateLimits } from './rate-limit.ts';

/** Flood mode as the database sees it: the busiest recent minute against the threshold. */
export interface FloodStatus {
  active: boolean;
  /** Accepted submissions in the busiest minute of the last `floodHoldMinutes`. */
  peakPerMinute: number;
  thresholdPerMinute: number;
}

const PEAK_QUERY = `select coalesce(max(m.n), 0)::int as peak from (
  select sum(c.count) as n from rate_counters c where c.scope = 'case' and c.window >= $1 group by c.window) m`;

/** Reads flood mode from the counters submit_case keeps (the same rule it applies). */
export async function floodStatus(database: Pick<DatabaseHandle, 'query'>, limits: RateLimits, now: Date): Promise<FloodStatus> {
  const { rows } = await database.query<{ peak: number }>(PEAK_QUERY, [floodSince(now, limits.floodHoldMinutes)]);
  const peak = Number(rows[0]?.peak ?? 0);
  return { active: peak >= limits.floodThresholdPerMinute, peakPerMinute: peak, thresholdPerMinute: limits.floodThresholdPerMinute };
}

/**
 * What this process saw of a flood, for the log and health: a line at most
 * once a minute while submissions find flood mode on, with the spam that was
 * answered but not stored (past RATE_LIMIT_SPAM_PER_HOUR) since the last line.
 */
export class FloodMonitor {
  #lastLine = 0;
  #spamNotStored = 0;
  #spamNotStoredTotal = 0;
  #peak = 0;
  #peakAt = 0;
  readonly #logger: Pick<Logger, 'warn'>;
  readonly #thresholdPerMinute: number;

  constructor(logger: Pick<Logger, 'warn'>, thresholdPerMinute: number) {
    this.#logger = logger;
    this.#thresholdPerMinute = thresholdPerMinute;
  }

  /** Spam answered as usual but not stored. */
  spamNotStored(): void {
    this.#spamNotStored++;
    this.#spamNotStoredTotal++;
  }

  /** A submission's view of the busiest recent minute. */
  observe(peakPerMinute: number, now: Date): void {
    this.#peak = peakPerMinute;
    this.#peakAt = now.getTime();
    if (peakPerMinute < this.#thresholdPerMinute && this.#spamNotStored === 0) return;
    if (now.getTime() - this.#lastLine < 60_000) return;
    this.#lastLine = now.getTime();
    this.#logger.warn({
      msg: peakPerMinute >= this.#thresholdPerMinute ? 'flood mode: submissions need a proof of work' : 'spam ceiling reached',
      flood: peakPerMinute >= this.#thresholdPerMinute,
      peakPerMinute,
      thresholdPerMinute: this.#thresholdPerMinute,
      spamNotStored: this.#spamNotStored,
    });
    this.#spamNotStored = 0;
  }

  /**
   * The busiest recent minute as the last submission of the past minute saw
   * it (0 when none came): a proof must be as hard as that flood asks, so
   * that challenges fetched before a flood grew cannot be stockpiled for it.
   */
  recentPeak(now: Date): number {
    return now.getTime() - this.#peakAt < 60_000 ? this.#peak : 0;
  }

  /** Spam not stored since this process started. */
  get spamNotStoredTotal(): number {
    return this.#spamNotStoredTotal;
  }
}
