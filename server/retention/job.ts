import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Exclusive } from './exclusive.ts';
import { runRetention, type RetentionPolicy, type RetentionResult } from './retention.ts';

/** Settings of the retention job. */
export interface RetentionJobOptions {
  db: Db;
  auditKey: Buffer;
  policy: RetentionPolicy;
  /** Runs the job on one instance at a time. */
  exclusive: Exclusive;
  logger: Logger;
  intervalMs: number;
  now?: () => Date;
}

/** A scheduled retention job. */
export interface RetentionJob {
  /** Runs once now (undefined when another instance holds the job's lock). */
  runNow(): Promise<RetentionResult | undefined>;
  stop(): Promise<void>;
}

/**
 * Runs retention shortly after start and then every `intervalMs`, one run at
 * a time in this process and one instance at a time across instances. Logs
 * counts only, never what was deleted.
 */
export function startRetentionJob(options: RetentionJobOptions): RetentionJob {
  const now = options.now ?? (() => new Date());
  let running: Promise<RetentionResult | undefined> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const runNow = (): Promise<RetentionResult | undefined> => {
    running ??= options.exclusive
      .run(() => runRetention(options.db, options.auditKey, options.policy, now()))
      .then((outcome) => {
        if (!outcome.ran) return undefined;
        const deleted = outcome.value;
        if (Object.values(deleted).some((n) => n > 0)) options.logger.info({ msg: 'retention deleted expired data', ...deleted });
        return deleted;
      })
      .catch((error: Error) => {
        options.logger.error({ msg: 'retention run failed', errorName: error.name });
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => void runNow().finally(() => schedule(options.intervalMs)), delay);
    timer.unref();
  };
  // The first run waits a little, so a starting instance answers requests first.
  schedule(Math.min(options.intervalMs, 30_000));

  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      await options.exclusive.close();
    },
  };
}
