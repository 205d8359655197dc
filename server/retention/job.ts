import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { AuditSink } from '../audit/sink.ts';
import type { Exclusive } from '../jobs/exclusive.ts';
import { startPeriodic, type PeriodicJob } from '../jobs/periodic.ts';
import { retentionDeletions } from '../metrics/metrics.ts';
import { runRetention, type RetentionPolicy, type RetentionResult } from './retention.ts';

/** Settings of the retention job. */
export interface RetentionJobOptions {
  db: Db;
  auditKey: Buffer;
  /** Where committed audit entries' seq and MAC also go (AUDIT_SINK_DIR), when configured. */
  auditSink?: AuditSink | undefined;
  policy: RetentionPolicy;
  /** Runs the job on one instance at a time. */
  exclusive: Exclusive;
  logger: Logger;
  intervalMs: number;
  now?: () => Date;
}

/** A scheduled retention job: `runNow` resolves undefined when another instance holds its lock. */
export type RetentionJob = PeriodicJob<RetentionResult>;

/**
 * Runs retention shortly after start and then every `intervalMs`, one run at
 * a time in this process and one instance at a time across instances. Logs
 * counts only, never what was deleted.
 */
export function startRetentionJob(options: RetentionJobOptions): RetentionJob {
  const now = options.now ?? (() => new Date());
  return startPeriodic({
    task: async () => {
      const deleted = await runRetention(options.db, options.auditKey, options.policy, now(), options.auditSink);
      for (const [kind, count] of Object.entries(deleted)) retentionDeletions.inc({ kind }, count);
      if (Object.values(deleted).some((n) => n > 0)) options.logger.info({ msg: 'retention deleted expired data', ...deleted });
      return deleted;
    },
    exclusive: options.exclusive,
    intervalMs: options.intervalMs,
    // The first run waits a little, so a starting instance answers requests first.
    firstDelayMs: Math.min(options.intervalMs, 30_000),
    onError: (error) => options.logger.error({ msg: 'retention run failed', errorName: error.name }),
  });
}
