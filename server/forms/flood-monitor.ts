import type { DatabaseHandle } from '../db/client.ts';
import type { Logger } from '../logger.ts';

/** Flood mode as the database sees it: the busiest recent minute against the threshold. */
export interface FloodStatus {
  active: boolean;
  /** Accepted submissions in the busiest minute of the last `floodHoldMinutes`. */
  peakPerMinute: number;
  thresholdPerMinute: number;
}

/**
 * Reads flood mode from the counters submit_case keeps, with the threshold
 * and hold of the owner's settings (the rule submit_case applies), through
 * `portal_health()`: the public role, which reads no table, may call it.
 */
export async function floodStatus(database: Pick<DatabaseHandle, 'query'>, now: Date): Promise<FloodStatus> {
  const { rows } = await database.query<{ peak: number; threshold: number }>('select flood_peak as peak, flood_threshold as threshold from portal_health($1)', [now], { name: 'flood-status' });
  const peak = Number(rows[0]?.peak ?? 0);
  const threshold = Number(rows[0]?.threshold ?? 0);
  return { active: peak >= threshold, peakPerMinute: peak, thresholdPerMinute: threshold };
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
