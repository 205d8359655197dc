import type { DatabaseHandle } from '../db/client.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { AuditSink } from '../audit/sink.ts';
import { startHeadLogger } from '../audit/head.ts';
import { exclusiveRunner, jobLocks } from './exclusive.ts';
import { startRetentionJob } from '../retention/job.ts';

/** The staff side's background work: retention and the audit chain head in the log. */
export interface StaffJobs {
  stop(): Promise<void>;
}

/**
 * Starts the jobs a staff (or `all`) instance runs: retention every
 * RETENTION_INTERVAL_MS on one instance at a time, and the audit chain head
 * written to the log every AUDIT_HEAD_INTERVAL_MS and at shutdown.
 */
export function startStaffJobs(env: Env, database: DatabaseHandle, auditKey: Buffer, logger: Logger, auditSink?: AuditSink): StaffJobs {
  const retention = startRetentionJob({
    db: database.db,
    auditKey,
    auditSink,
    policy: {
      spamDays: env.RETENTION_SPAM_DAYS,
      closedDays: env.RETENTION_CLOSED_DAYS,
      rateWindowMs: env.RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
    exclusive: exclusiveRunner(jobLocks.retention, env.DATABASE_URL),
    logger,
    intervalMs: env.RETENTION_INTERVAL_MS,
  });
  const head = startHeadLogger(database.db, logger, env.AUDIT_HEAD_INTERVAL_MS);
  void head.logNow(true);
  return {
    stop: async () => {
      await retention.stop();
      // Last: the final head covers everything this instance appended.
      await head.stop();
    },
  };
}
